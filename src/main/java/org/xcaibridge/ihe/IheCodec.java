package org.xcaibridge.ihe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.stream.XMLStreamReader;

/**
 * The door of this package: reads a SOAP body's payload into an {@link IheMessage} and writes one back.
 *
 * <p>Reading starts with the reader on the payload's root START_ELEMENT (the body's first child; blanks
 * and a document start before it are skipped) and ends on its END_ELEMENT, so the caller can go on with
 * the envelope. The root is recognised by local name alone, and children likewise: peers put IHE elements
 * in odd namespaces (protocol.md §9.2). The reader must come from a hardened factory (the soap package's
 * {@code SecureXml}); this class never creates one.
 *
 * <p>Writing emits the payload root with every namespace it uses declared on it, and nothing else
 * (no document start), so it can be written straight into a {@code soap:Body}.
 */
public final class IheCodec {
  /**
   * The elements of type {@code xs:base64Binary} in these messages: {@code Document} of a DocumentResponse.
   * Given to the soap readers ({@code MtomStreamReader}, {@code SoapHttpClient}, {@code SoapHttpEndpoint}),
   * the inline base64 documents of a plain SOAP answer stream on like MTOM attachments, and the envelope then
   * reads them as {@link DocumentContent.XopInclude}s.
   */
  public static final Set<QName> BINARY_ELEMENTS = Set.of(new QName(IheNamespaces.XDS_B, "Document"));

  private final IheReadLimits limits;

  public IheCodec(IheReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A codec with {@link IheReadLimits#DEFAULT}. */
  public static IheCodec withDefaults() {
    return new IheCodec(IheReadLimits.DEFAULT);
  }

  /** Reads whichever of our messages the root element names. */
  public IheMessage read(XMLStreamReader reader) throws IheParseException {
    XmlIn in = new XmlIn(reader, limits);
    in.toFirstElement();
    switch (in.local()) {
      case "AdhocQueryRequest":
        return Iti38RequestCodec.read(in);
      case "AdhocQueryResponse":
        return Iti38ResponseCodec.read(in);
      case "RetrieveDocumentSetRequest":
        return RetrieveCodec.readRequest(in);
      case "RetrieveDocumentSetResponse":
        return RetrieveCodec.readResponse(in);
      case "RetrieveImagingDocumentSetRequest":
        return Rad69Codec.read(in);
      case Iti55RequestCodec.INTERACTION:
        return Iti55RequestCodec.read(in);
      case Iti55ResponseCodec.INTERACTION:
        return Iti55ResponseCodec.read(in);
      default:
        throw in.fail("not an IHE message this bridge speaks: {" + in.namespace() + "}" + in.local());
    }
  }

  /** Reads a message that must be of the given type (e.g. the answer to a request we sent). */
  public <T extends IheMessage> T read(XMLStreamReader reader, Class<T> expected) throws IheParseException {
    XmlIn in = new XmlIn(reader, limits);
    in.toFirstElement();
    String root = in.local();
    IheMessage m = read(reader);
    if (!expected.isInstance(m)) {
      throw new IheParseException("expected " + expected.getSimpleName() + " but the body holds " + root, -1, -1);
    }
    return expected.cast(m);
  }

  /**
   * Reads a DocumentEntry from a reader standing on a {@code rim:ExtrinsicObject} wherever it occurs (an
   * ITI-41 submission, a stored copy of metadata).
   */
  public DocumentEntry readDocumentEntry(XMLStreamReader reader) throws IheParseException {
    XmlIn in = new XmlIn(reader, limits);
    in.toFirstElement();
    if (!in.is("ExtrinsicObject")) {
      throw in.fail("expected rim:ExtrinsicObject, found " + in.local());
    }
    return DocumentEntryCodec.read(in);
  }

  /**
   * Writes the message's payload element.
   *
   * @throws IllegalArgumentException when the message breaks a rule a peer would reject it for (an XCA
   *     GetDocuments without homeCommunityId)
   */
  public void write(XMLStreamWriter writer, IheMessage message) throws XMLStreamException {
    XmlOut out = new XmlOut(writer);
    if (message instanceof AdhocQueryRequest m) {
      Iti38RequestCodec.write(out, m);
    } else if (message instanceof AdhocQueryResponse m) {
      Iti38ResponseCodec.write(out, m);
    } else if (message instanceof RetrieveDocumentSetRequest m) {
      RetrieveCodec.writeRequest(out, m);
    } else if (message instanceof RetrieveDocumentSetResponse m) {
      RetrieveCodec.writeResponse(out, m);
    } else if (message instanceof RetrieveImagingDocumentSetRequest m) {
      Rad69Codec.write(out, m);
    } else if (message instanceof PatientDiscoveryRequest m) {
      Iti55RequestCodec.write(out, m);
    } else if (message instanceof PatientDiscoveryResponse m) {
      Iti55ResponseCodec.write(out, m);
    } else {
      throw new IllegalArgumentException("unknown message " + message);
    }
  }

  /**
   * The message's payload element as a standalone UTF-8 document (no XML declaration): what an ATNA audit record
   * keeps of a request, e.g. the AdhocQueryRequest in ParticipantObjectQuery (ITI TF-2 §3.38.5).
   */
  public byte[] toXml(IheMessage message) {
    return standalone(w -> write(w, message), false);
  }

  /**
   * The {@code queryByParameter} of an ITI-55 request alone, as a standalone UTF-8 document: what ITI TF-2
   * §3.55.5 puts into the audit record's ParticipantObjectQuery.
   */
  public static byte[] queryByParameterXml(PatientQuery query) {
    Objects.requireNonNull(query, "query");
    return standalone(w -> Hl7v3Parts.query(new XmlOut(w), query, true), true);
  }

  private interface Writing {
    void accept(XMLStreamWriter writer) throws XMLStreamException;
  }

  /** @param repairing whether the writer declares namespaces itself (an element cut out of a message) */
  private static byte[] standalone(Writing writing, boolean repairing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    XMLOutputFactory factory = XMLOutputFactory.newDefaultFactory();
    factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, repairing);
    try {
      XMLStreamWriter w = factory.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
      writing.accept(w);
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("cannot write the message as XML: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }
}
