/**
 * Our Responding Imaging Gateway: what it serves from, and (issue 4) the ITI-38/39, RAD-69/75 and ITI-55
 * transactions it answers (protocol.md, server side).
 *
 * <p>The door to the network is {@link org.xcaibridge.responder.RespondingGateway}: one POST endpoint per
 * transaction ({@code /xca/iti38}, {@code /xca/iti39}, {@code /xcai/rad75}, {@code /xdsi/rad69},
 * {@code /xcpd/iti55}) over an archive, as a {@link org.xcaibridge.responder.ResponderIdentity} says, within
 * {@link org.xcaibridge.responder.ResponderSettings}. Every request passes one SOAP door ({@code SoapExchange}:
 * limits, mustUnderstand, action, body) and failures reach their answers through one table per vocabulary:
 * faults ({@code RequestFaults}), query registry errors ({@code QueryErrors}), retrieve registry errors
 * ({@code RetrieveErrors}). {@link org.xcaibridge.responder.ResponderSecurity} guards the door when configured:
 * two-way TLS, XUA validation of every request ({@code RequestGuard}, WS-Security faults), and the ATNA audit of
 * each transaction ({@code TransactionAudits}), refusal and refused handshake.
 *
 * <p>The door to the images is {@link org.xcaibridge.responder.ImageArchive}: patients, studies, series and instances,
 * each instance streamed as its stored Part 10 bytes with back-pressure, one XDS-I.b imaging manifest (KOS,
 * IHE RAD TF-3 4.68.4.1.2.3) per study made on demand, and demographic matching for XCPD. Two archives:
 * {@link org.xcaibridge.responder.FolderArchive}, a folder of Part 10 files recognised by content and indexed
 * into a persisted, checksummed index kept current by periodic rescans; and
 * {@link org.xcaibridge.responder.DicomWebArchive}, a DICOMweb origin (PS3.18 QIDO-RS for the index, WADO-RS
 * for instances, streamed out of the multipart/related answer). Failures are
 * {@link org.xcaibridge.responder.ArchiveException}s, one subtype per IHE error the responder answers with.
 * Nothing here blocks an event loop: file walks, header reads and index I/O run on a worker.
 *
 * <p>May import: {@code dicom}, {@code soap}, {@code ihe}, {@code trust}, the JDK and Vert.x
 * (architecture.md, package table).
 */
package org.xcaibridge.responder;
