/**
 * The bridge's core between the DICOMweb front and the XCA-I gateway (issue 6 points 2–4, architecture.md
 * "The path of a request"): who the patient is in each community, which studies the communities hold for
 * them, where each study lives (persisted), the study, series and instance rows QIDO-RS answers from, and
 * the retrieval of series through the instance cache.
 *
 * <p>The door is {@link org.xcaibridge.studies.StudyService}. Communities are asked in parallel
 * (ITI-38 FindDocuments for KOS manifests, protocol.md §2), manifests fetched with ITI-39 (§3) and read as
 * XDS-I.b KOS documents (§5), instances retrieved with RAD-75 (§4), one call per series. Query answers keep
 * the communities that failed ({@link org.xcaibridge.studies.QueryRows#failures()}) and the attributes that
 * could not be learnt in time ({@link org.xcaibridge.studies.QueryRows#missingAttributes()}), so the front
 * can say so in a {@code Warning}. Failures are {@link org.xcaibridge.studies.StudiesException}s, one variant
 * per answer the front gives (404, 406, 502, 503, 504): the front needs none of the packages below this one.
 *
 * <p>No HTTP routes here. May import: {@code gateway} (and the {@code ihe}, {@code soap} and {@code trust} types
 * its API exposes: a {@link org.xcaibridge.studies.Requester} holds the XUA subject a client speaks for),
 * {@code cache}, {@code dicom}, the JDK, Vert.x core and Caffeine; never {@code dicomweb}, {@code responder} or
 * {@code ops} (architecture.md, package table).
 */
package org.xcaibridge.studies;
