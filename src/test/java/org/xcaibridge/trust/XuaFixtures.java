package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xcaibridge.soap.BodyWriter;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapFault;
import org.xcaibridge.soap.SoapFaultException;
import org.xcaibridge.soap.SoapHeaders;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * Shared pieces of the trust tests: a signer and a validator that agree, the subject a request is
 * made for, the way over the wire (SoapWriter → bytes → SoapReader), and the check that a rejection
 * comes back as the right SOAP fault and is followed by an accepted request.
 */
final class XuaFixtures {
  private XuaFixtures() {}

  static final String AUDIENCE = "https://responder.test.example/xcai/rad75";
  static final String HCID = "1.3.6.1.4.1.21367.13.70.201";
  static final String ITI38 = "urn:ihe:iti:2007:CrossGatewayQuery";
  static final String SAML2 = SamlNames.SAML2;
  static final String DS = SamlNames.DS;
  static final String WSSE = SamlNames.WSSE;
  static final String WSU = SamlNames.WSU;

  static final XuaCode ROLE = XuaCode.snomedRole("224608005", "Administrative AND/OR managerial worker");
  static final XuaSubject SUBJECT = XuaSubject.of("Dr. Jane Viewer", "XCA-I Bridge Test Hospital",
      "urn:oid:1.2.840.99999.1", ROLE, XuaCode.TREATMENT).withNpi("1234567893")
      .withResourceId("PID-42^^^&1.2.840.99999.2&ISO");
  static final XuaRecipient RECIPIENT = XuaRecipient.of(AUDIENCE);

  static XuaSignerConfig signerConfig() {
    return XuaSignerConfig.of(XuaSignerConfig.Issuer.email("gateway@test.example"), HCID,
        XuaTestPki.signingKey(XuaTestPki.SIGNER, XuaTestPki.CA));
  }

  static Supplier<UUID> ids() {
    AtomicLong n = new AtomicLong();
    return () -> new UUID(0x5a4d4cL, n.incrementAndGet());
  }

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  static XuaSigner signer(XuaSignerConfig config) {
    return new XuaSigner(config, at(XuaTestPki.NOW), ids());
  }

  static XuaSigner signer() {
    return signer(signerConfig());
  }

  static XuaValidatorConfig validatorConfig() {
    return XuaValidatorConfig.of(Set.of(XuaTestPki.CA.certificate()), Set.of(AUDIENCE));
  }

  static XuaValidator validator(Instant now) {
    return new XuaValidator(validatorConfig(), at(now));
  }

  static XuaValidator validator() {
    return validator(XuaTestPki.NOW);
  }

  static final BodyWriter BODY = w -> {
    w.writeStartElement("query", "AdhocQueryRequest", "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0");
    w.writeNamespace("query", "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0");
    w.writeEndElement();
  };

  /** A full request envelope carrying {@code security} (the bytes of a wsse:Security element). */
  static byte[] envelope(byte[] security) throws XMLStreamException {
    return new SoapWriter(ids()).request(ITI38, AUDIENCE, SecurityHeader.ofXml(security), BODY).envelope();
  }

  /** What a responder's SoapReader hands on. */
  static SoapHeaders received(byte[] envelope) throws XMLStreamException, SoapFaultException {
    return SoapReader.read(envelope, XmlLimits.DEFAULT, body -> null).headers();
  }

  /** Signs, sends and receives: the headers of a request as the responder reads them. */
  static SoapHeaders wire(byte[] security) throws Exception {
    return received(envelope(security));
  }

  static Document parse(byte[] xml) throws XMLStreamException {
    return SecureXml.parseDocument(xml, XmlLimits.DEFAULT);
  }

  static byte[] bytes(Element element) {
    return XuaSigner.serialise(element);
  }

  /** Parses a signed block, lets {@code change} edit its wsse:Security element, serialises it again. */
  static byte[] edit(byte[] security, java.util.function.Consumer<Element> change) throws XMLStreamException {
    Element root = parse(security).getDocumentElement();
    change.accept(root);
    return bytes(root);
  }

  static String text(byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8);
  }

  /** The element children of {@code parent} named ns:local. */
  static List<Element> children(Element parent, String ns, String local) {
    List<Element> out = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ns.equals(n.getNamespaceURI()) && local.equals(n.getLocalName())) {
        out.add((Element) n);
      }
    }
    return out;
  }

  static Element child(Element parent, String ns, String local) {
    return children(parent, ns, local).get(0);
  }

  /** {@link #assertRejected(XuaValidatorConfig, Instant, byte[], Reason, String)} at NOW, default config. */
  static XuaRejectedException assertRejected(byte[] security, Reason reason, String wsseCode) throws Exception {
    return assertRejected(validatorConfig(), XuaTestPki.NOW, security, reason, wsseCode);
  }

  /**
   * Asserts that a validator with {@code config} at {@code now} rejects {@code security} (sent over the
   * wire) for {@code reason}, that the fault a responder writes for it reads back with Code Sender and
   * the WS-Security subcode, and that the same validator then accepts a good request signed at that time.
   */
  static XuaRejectedException assertRejected(XuaValidatorConfig config, Instant now, byte[] security,
      Reason reason, String wsseCode) throws Exception {
    XuaValidator validator = new XuaValidator(config, at(now));
    SoapHeaders headers = wire(security);
    XuaRejectedException e = catchThrowableOfType(XuaRejectedException.class, () -> validator.validate(headers));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    byte[] faultEnvelope = new SoapWriter(ids()).fault("urn:uuid:1", e.toSoapFault());
    SoapFault fault = catchThrowableOfType(SoapFaultException.class, () -> received(faultEnvelope)).fault();
    assertThat(fault.code()).isEqualTo(SoapFault.SENDER);
    assertThat(fault.subcodes()).containsExactly(new QName(WSSE, wsseCode));
    assertThat(fault.reasonText()).isEqualTo("WS-Security: " + reason.text());
    assertAccepted(validator, now);
    return e;
  }

  /** The recovery case: a fresh, good request signed at {@code now} passes {@code validator}. */
  static XuaAssertion assertAccepted(XuaValidator validator, Instant now) throws Exception {
    XuaSigner signer = new XuaSigner(signerConfig(), at(now), ids());
    XuaAssertion a = validator.validate(wire(signer.securityHeaderXml(SUBJECT, RECIPIENT)));
    assertThat(a.subjectId()).contains(SUBJECT.subjectId());
    return a;
  }
}
