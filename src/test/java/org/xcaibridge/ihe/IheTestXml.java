package org.xcaibridge.ihe;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Test support: the shared IHE fixtures, a locally hardened StAX factory (until the soap package's
 * SecureXml is merged: no DTDs, no external entities) and write/read helpers. The JDK's own StAX
 * implementation is used on purpose: IPF brings Woodstox onto the test class path, the product has none.
 */
final class IheTestXml {
  private static final XMLInputFactory IN = hardenedInput();
  private static final XMLOutputFactory OUT = XMLOutputFactory.newDefaultFactory();

  private IheTestXml() {}

  static Path fixtures() {
    return Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolve("ihe");
  }

  static String fixture(String name) {
    try {
      return Files.readString(fixtures().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XMLInputFactory hardenedInput() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f;
  }

  /** A reader standing on the first element named {@code localName} (a body inside an envelope or test plan). */
  static XMLStreamReader readerAt(String xml, String localName) {
    try {
      XMLStreamReader r = IN.createXMLStreamReader(new StringReader(xml));
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals(localName)) {
          return r;
        }
      }
      throw new AssertionError("no <" + localName + "> in the input");
    } catch (XMLStreamException e) {
      throw new AssertionError(e);
    }
  }

  /** A reader at the start of the document (the codec finds the root itself). */
  static XMLStreamReader reader(String xml) {
    try {
      return IN.createXMLStreamReader(new StringReader(xml));
    } catch (XMLStreamException e) {
      throw new AssertionError(e);
    }
  }

  static String write(IheMessage m) {
    try {
      StringWriter sw = new StringWriter();
      XMLStreamWriter w = OUT.createXMLStreamWriter(sw);
      IheCodec.withDefaults().write(w, m);
      w.flush();
      return sw.toString();
    } catch (XMLStreamException e) {
      throw new AssertionError(e);
    }
  }

  static IheMessage read(String xml) throws IheParseException {
    return IheCodec.withDefaults().read(reader(xml));
  }

  static <T extends IheMessage> T read(String xml, String rootLocalName, Class<T> type) throws IheParseException {
    return IheCodec.withDefaults().read(readerAt(xml, rootLocalName), type);
  }

  @SuppressWarnings("unchecked")
  static <T extends IheMessage> T roundTrip(T m) throws IheParseException {
    return (T) read(write(m));
  }
}
