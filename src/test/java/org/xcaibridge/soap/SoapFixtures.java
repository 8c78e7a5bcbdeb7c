package org.xcaibridge.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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

  /** Asserts the good envelope still parses (the recovery case). */
  static void assertRecovers() throws XMLStreamException, SoapFaultException {
    SoapMessage<QName> m = SoapReader.read(goodEnvelope(), XmlLimits.DEFAULT, ROOT_NAME);
    if (!m.body().equals(new QName(XDSB, "RetrieveDocumentSetRequest"))
        || !m.headers().addressing().action().orElse("").equals("urn:ihe:iti:2007:CrossGatewayRetrieve")) {
      throw new AssertionError("recovery envelope read wrongly: " + m);
    }
  }
}
