/**
 * IHE message models and body codecs for XCA / XCA-I: ITI-38 Cross Gateway Query, ITI-39 Cross Gateway
 * Retrieve, RAD-69 / RAD-75 Retrieve Imaging Document Set, ITI-55 Cross Gateway Patient Discovery
 * (see {@code shared/docs/protocol.md} §2–§6 for every string used here).
 *
 * <p>The door is {@link org.xcaibridge.ihe.IheCodec}: it reads a SOAP body's first child from an
 * {@link javax.xml.stream.XMLStreamReader} into an {@link org.xcaibridge.ihe.IheMessage} and writes one
 * to an {@link javax.xml.stream.XMLStreamWriter}. Models are records; variants are sealed. Registry
 * statuses, severities and error codes form one vocabulary ({@link org.xcaibridge.ihe.ResponseStatus},
 * {@link org.xcaibridge.ihe.ErrorSeverity}, {@link org.xcaibridge.ihe.RegistryErrorCode}). Reading is
 * tolerant of the interop quirks of protocol.md §9.2 and bounded by {@link org.xcaibridge.ihe.IheReadLimits};
 * failures are {@link org.xcaibridge.ihe.IheParseException}s naming the line and column.
 *
 * <p>The codecs never create XML factories: hardening (no DTDs, no external entities, size limits) is
 * the job of the reader's creator ({@code org.xcaibridge.soap}). A document's content is either an
 * {@code xop:Include} reference or bounded inline bytes; attachments themselves stream elsewhere.
 *
 * <p>May import: the JDK and {@code org.xcaibridge.soap}; never {@code org.xcaibridge.dicom}.
 */
package org.xcaibridge.ihe;
