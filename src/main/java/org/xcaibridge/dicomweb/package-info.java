/**
 * The DICOMweb front (PS3.18): what a viewer such as OHIF sends and what it parses (dicomweb.md).
 *
 * <p>The door is {@link org.xcaibridge.dicomweb.DicomWebFront}: a router with every QIDO-RS and WADO-RS resource
 * over the study core ({@code studies}), configured by {@link org.xcaibridge.dicomweb.DicomWebSettings}. Searches
 * ({@code QidoSearches}, {@code QidoAnswers}) match, page and project the core's rows; retrievals
 * ({@code WadoRetrievals}) stream instances as multipart parts while they arrive, transcoding native syntaxes to
 * Explicit VR Little Endian on the way ({@code DicomPipe}), and serve frames and the bulk data the metadata names
 * ({@code BulkDataLocator}); metadata ({@code MetadataAnswers}) comes with an ETag and gzip. A
 * {@link org.xcaibridge.dicomweb.FrontDoor} given to the front admits each request (after CORS, preflights exempt)
 * and says who asks: the study core is then asked in that {@link org.xcaibridge.studies.Requester}'s name; the token
 * check itself is {@code ops}' (this package imports no {@code trust}).
 *
 * <p>The pieces, each usable alone: {@link org.xcaibridge.dicomweb.QidoQueryParser} reads a QIDO-RS query
 * into a {@link org.xcaibridge.dicomweb.QidoQuery} (§8.3.4, §10.6.1), {@link org.xcaibridge.dicomweb.QidoMatching}
 * applies it to a dataset or a DICOM JSON row (PS3.4 §C.2.2.2) through an
 * {@link org.xcaibridge.dicomweb.AttributeView}, {@link org.xcaibridge.dicomweb.QidoPage} orders and pages the
 * matches, {@link org.xcaibridge.dicomweb.QidoAttributes} says what each level returns (Tables 10.6.3-3/4/5) and
 * {@link org.xcaibridge.dicomweb.QidoWarnings} writes the {@code Warning} texts.
 * {@link org.xcaibridge.dicomweb.WadoNegotiation} turns Accept headers into a
 * {@link org.xcaibridge.dicomweb.WadoRepresentation} (§8.7); {@link org.xcaibridge.dicomweb.MultipartRelatedWriter}
 * streams {@code multipart/related} answers with back-pressure and resets the connection when a part breaks.
 * Failures are {@link org.xcaibridge.dicomweb.DicomWebException}s, answered by the one table
 * {@link org.xcaibridge.dicomweb.DicomWebErrors}; {@link org.xcaibridge.dicomweb.DicomWebRouter} makes a Vert.x Web
 * router with CORS ({@link org.xcaibridge.dicomweb.CorsSettings}) and that table on every answer.
 *
 * <p>May import: {@code studies}, {@code dicom}, the JDK, Vert.x (architecture.md, package table).
 */
package org.xcaibridge.dicomweb;
