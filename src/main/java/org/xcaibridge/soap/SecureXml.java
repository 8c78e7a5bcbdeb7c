package org.xcaibridge.soap;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one place XML parsers are made: every XML the bridge reads goes through here. No DTDs, no external
 * entities, DTDs or schemas, no entity replacement, no XInclude, and {@link XmlLimits} on depth,
 * attributes, document size and text length (OWASP XXE prevention, applied to the JDK's own parsers;
 * we always take the JDK implementations, never whatever is on the class path).
 *
 * <p>Prefer {@link #reader} and {@link #parseDocument}: they enforce all limits with typed errors. The
 * raw factories are for APIs that need a factory (XML signatures, serialising DOM); they are hardened
 * the same way but only the JDK's own limits (depth, attributes) apply to what they parse.
 */
public final class SecureXml {
  // Shared: once configured, the JDK factories build each reader or writer with its own copy of their
  // properties (instance reuse is off by default), so concurrent use is safe.
  private static final Map<XmlLimits, XMLInputFactory> INPUT_FACTORIES = new ConcurrentHashMap<>();
  private static final XMLOutputFactory OUTPUT_FACTORY = XMLOutputFactory.newDefaultFactory();

  private SecureXml() {}

  /** A limited, hardened reader over a whole document held in memory. */
  public static XMLStreamReader reader(byte[] xml, XmlLimits limits) throws XMLStreamException {
    return open(xml, limits);
  }

  /**
   * A limited, hardened reader over a stream; the byte limit is counted as the parser pulls bytes, so
   * a stream that never ends stops at {@link XmlLimits#maxDocumentBytes()}.
   */
  public static XMLStreamReader reader(InputStream xml, XmlLimits limits) throws XMLStreamException {
    return open(xml, limits);
  }

  /** Parses a whole document into DOM under the same limits and refusals as {@link #reader}. */
  public static Document parseDocument(byte[] xml, XmlLimits limits) throws XMLStreamException {
    LimitedStreamReader in = open(xml, limits);
    try {
      return DomBuilder.document(in, newDocument());
    } finally {
      in.close();
    }
  }

  /**
   * A hardened StAX factory: no DTD support, no external entities, no entity replacement, no
   * coalescing, external access off, a resolver that refuses everything, and the JDK's depth and
   * attribute limits set from {@code limits}. Readers made from it directly do not count document
   * bytes or text length; {@link #reader} does.
   */
  public static XMLInputFactory inputFactory(XmlLimits limits) {
    return INPUT_FACTORIES.computeIfAbsent(limits, SecureXml::newInputFactory);
  }

  /**
   * A hardened DOM factory: doctype declarations disallowed, secure processing on, no XInclude, no
   * external DTD or schema loading, no entity expansion, and the JDK's depth and attribute limits.
   */
  public static DocumentBuilderFactory documentBuilderFactory(XmlLimits limits) {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setValidating(false);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK DOM parser lacks a hardening feature", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(limits.maxDepth()));
    f.setAttribute("jdk.xml.elementAttributeLimit", String.valueOf(limits.maxAttributes()));
    return f;
  }

  /**
   * A builder from {@link #documentBuilderFactory} that also refuses to resolve any entity and throws
   * on every error instead of printing it (the JDK default handler writes to stderr and goes on).
   */
  public static DocumentBuilder documentBuilder(XmlLimits limits) {
    try {
      DocumentBuilder b = documentBuilderFactory(limits).newDocumentBuilder();
      b.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity refused: " + systemId);
      });
      b.setErrorHandler(THROWING);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("cannot configure the JDK DOM parser", e);
    }
  }

  /**
   * A hardened transformer factory (for serialising DOM, e.g. a security header): secure processing
   * on, no external DTD or stylesheet access, and a URI resolver that refuses everything.
   */
  public static TransformerFactory transformerFactory() {
    TransformerFactory f = TransformerFactory.newDefaultInstance();
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("the JDK transformer lacks secure processing", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    f.setURIResolver((href, base) -> {
      throw new TransformerException("external resource refused: " + href);
    });
    return f;
  }

  static LimitedStreamReader open(byte[] xml, XmlLimits limits) throws XMLStreamException {
    if (xml.length > limits.maxDocumentBytes()) {
      throw new XmlLimitException(XmlLimits.Limit.MAX_DOCUMENT_BYTES, limits.maxDocumentBytes(),
          xml.length, null);
    }
    return open(new ByteArrayInputStream(xml), limits);
  }

  static LimitedStreamReader open(InputStream xml, XmlLimits limits) throws XMLStreamException {
    InputStream counted = new LimitedStreamReader.CountingStream(xml, limits.maxDocumentBytes());
    XMLStreamReader raw;
    try {
      raw = inputFactory(limits).createXMLStreamReader(counted);
    } catch (XMLStreamException e) {
      throw LimitedStreamReader.translate(e, limits); // the factory reads the XML declaration eagerly
    }
    return new LimitedStreamReader(raw, limits);
  }

  static XMLOutputFactory outputFactory() {
    return OUTPUT_FACTORY;
  }

  static Document newDocument() {
    return documentBuilder(XmlLimits.DEFAULT).newDocument();
  }

  private static XMLInputFactory newInputFactory(XmlLimits limits) {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty("jdk.xml.maxElementDepth", limits.maxDepth());
    f.setProperty("jdk.xml.elementAttributeLimit", limits.maxAttributes());
    f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external resource refused: " + systemId);
    });
    return f;
  }

  private static final ErrorHandler THROWING = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };
}
