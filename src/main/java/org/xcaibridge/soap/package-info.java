/**
 * The SOAP layer of the IHE wire: hardened XML, SOAP 1.2 envelopes with WS-Addressing 1.0, faults, and
 * the slot for the WS-Security header (protocol.md §1.3–§1.4, SOAP 1.2 Part 1 §5, WS-Addressing 1.0
 * SOAP Binding).
 *
 * <p>The doors: {@link org.xcaibridge.soap.SecureXml} (every XML parser the bridge uses: StAX, DOM and
 * transformer factories with DTDs, external entities and entity expansion off, and
 * {@link org.xcaibridge.soap.XmlLimits}); {@link org.xcaibridge.soap.SoapWriter} (requests, responses
 * and faults, the body written by a {@link org.xcaibridge.soap.BodyWriter}, the security block by
 * {@link org.xcaibridge.soap.SecurityHeader}); {@link org.xcaibridge.soap.SoapReader} (headers into
 * {@link org.xcaibridge.soap.SoapHeaders}, the body's first child to a
 * {@link org.xcaibridge.soap.BodyReader}, faults as {@link org.xcaibridge.soap.SoapFaultException}).
 * Bad input fails with an {@link org.xcaibridge.soap.XmlInputException} subtype
 * (limits, DOCTYPE, envelope structure, SOAP version), all of them {@code XMLStreamException}s so they
 * pass through StAX body codecs unchanged.
 *
 * <p>MTOM/XOP (protocol.md §1.5, RFC 2046/2387/2392): {@link org.xcaibridge.soap.MultipartParser} is the
 * pure push parser of {@code multipart/related} bodies; {@link org.xcaibridge.soap.MtomReader} holds the
 * root part (bounded) and hands every attachment on in wire order; {@link org.xcaibridge.soap.MtomStreamReader}
 * and {@link org.xcaibridge.soap.MtomWriter} adapt them to Vert.x streams with back-pressure. A plain SOAP body
 * with inline base64 documents reads the same way when the caller names its binary elements: each document's
 * text is decoded while it streams and handed on as an attachment, and the envelope gets an {@code xop:Include}
 * in its place. Limits are {@link org.xcaibridge.soap.MtomLimits}.
 *
 * <p>HTTP (SOAP 1.2 Part 2 §7): {@link org.xcaibridge.soap.SoapHttpClient} posts a
 * {@link org.xcaibridge.soap.SoapOutbound} (plain or MTOM) over a Vert.x {@code HttpClient} and reads the answer
 * as a {@link org.xcaibridge.soap.SoapHttpResponse}; {@link org.xcaibridge.soap.SoapHttpEndpoint} reads a request
 * from an {@code HttpServerRequest} and answers it, or answers a failure with the fault that
 * {@link org.xcaibridge.soap.FaultAnswer} (the one table from failures to faults and statuses) picks.
 *
 * <p>Pure: bytes in, values out; message ids come from a supplied UUID source. May import: the JDK and
 * Vert.x core (architecture.md, package table); never {@code dicom}.
 */
package org.xcaibridge.soap;
