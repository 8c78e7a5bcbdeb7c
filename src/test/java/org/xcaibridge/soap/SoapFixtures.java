package org.xcaibridge.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** Fixture paths, a known-good envelope and small helpers shared by the soap tests. */
final class SoapFixtures {
  private SoapFixtures() {}

  static final String ENV = "http://www.w3.org/2003/05/soap-envelope";
  static final String WSA = "http://www.w3.org/2005/08/addressing";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String XDSB = "urn:ihe:iti:xds-b:2007";

  static Path ihe() {
    return Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolve("ihe");
  }

  static byte[] ihe(String name) {
    try {
      return Files.readAllBytes(ihe().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Message ids 00000000-0000-0000-0000-00000000000n, n = 1, 2, … */
  static Supplier<UUID> countingIds() {
    long[] n = {0};
    return () -> new UUID(0, ++n[0]);
  }

  /** A small, valid request envelope: the recovery case after every failure case. */
  static byte[] goodEnvelope() {
    return utf8("<?xml version='1.0' encoding='UTF-8'?>"
        + "<s:Envelope xmlns:s='" + ENV + "' xmlns:a='" + WSA + "'><s:Header>"
        + "<a:Action s:mustUnderstand='true'>urn:ihe:iti:2007:CrossGatewayRetrieve</a:Action>"
        + "<a:MessageID>urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02</a:MessageID>"
        + "</s:Header><s:Body><RetrieveDocumentSetRequest xmlns='" + XDSB + "'><DocumentRequest>"
        + "<DocumentUniqueId>1.2.3</DocumentUniqueId></DocumentRequest></RetrieveDocumentSetRequest>"
        + "</s:Body></s:Envelope>");
  }

  /** Envelope bytes around a body given as XML text (which may declare anything). */
  static byte[] envelopeAround(String prolog, String body) {
    return utf8(prolog + "<s:Envelope xmlns:s='" + ENV + "'><s:Body>" + body + "</s:Body></s:Envelope>");
  }

  /** Body reader that returns the name of the body's first child. */
  static final BodyReader<QName> ROOT_NAME = XMLStreamReader::getName;

  /**
   * Copies the element the reader is on (start tag) to the writer, with its namespace declarations,
   * attributes and text; comments are dropped. Leaves the reader on the element's end tag.
   */
  static void copyElement(XMLStreamReader in, XMLStreamWriter out) throws XMLStreamException {
    int depth = 0;
    do {
      switch (in.getEventType()) {
        case XMLStreamConstants.START_ELEMENT:
          depth++;
          out.writeStartElement(nz(in.getPrefix()), in.getLocalName(), nz(in.getNamespaceURI()));
          for (int i = 0; i < in.getNamespaceCount(); i++) {
            out.writeNamespace(nz(in.getNamespacePrefix(i)), nz(in.getNamespaceURI(i)));
          }
          for (int i = 0; i < in.getAttributeCount(); i++) {
            out.writeAttribute(nz(in.getAttributePrefix(i)), nz(in.getAttributeNamespace(i)),
                in.getAttributeLocalName(i), in.getAttributeValue(i));
          }
          break;
        case XMLStreamConstants.END_ELEMENT:
          depth--;
          out.writeEndElement();
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.SPACE:
          out.writeCharacters(in.getText());
          break;
        case XMLStreamConstants.CDATA:
          out.writeCData(in.getText());
          break;
        default:
          break;
      }
      if (depth > 0) {
        in.next();
      }
    } while (depth > 0);
  }

  /**
   * The element the reader is on as a list of lines: start tags with their name and sorted attributes,
   * merged text, end tags. Comments are left out. Leaves the reader on the element's end tag.
   */
  static List<String> canonical(XMLStreamReader in) throws XMLStreamException {
    List<String> lines = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int depth = 0;
    do {
      int event = in.getEventType();
      if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE
          || event == XMLStreamConstants.CDATA) {
        text.append(in.getText());
      } else if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
        if (text.length() > 0) {
          lines.add("text " + text);
          text.setLength(0);
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          List<String> attributes = new ArrayList<>();
          for (int i = 0; i < in.getAttributeCount(); i++) {
            attributes.add(in.getAttributeName(i) + "=" + in.getAttributeValue(i));
          }
          Collections.sort(attributes);
          lines.add("start " + in.getName() + " " + attributes);
        } else {
          depth--;
          lines.add("end " + in.getName());
        }
      }
      if (depth > 0) {
        in.next();
      }
    } while (depth > 0);
    return lines;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Asserts the good envelope still parses (the recovery case). */
  static void assertRecovers() throws XMLStreamException, SoapFaultException {
    SoapMessage<QName> m = SoapReader.read(goodEnvelope(), XmlLimits.DEFAULT, ROOT_NAME);
    if (!m.body().equals(new QName(XDSB, "RetrieveDocumentSetRequest"))
        || !m.headers().addressing().action().orElse("").equals("urn:ihe:iti:2007:CrossGatewayRetrieve")) {
      throw new AssertionError("recovery envelope read wrongly: " + m);
    }
  }
}
