package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.DS;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SAML2;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;
import static org.xcaibridge.trust.XuaFixtures.WSU;
import static org.xcaibridge.trust.XuaFixtures.child;

import java.security.cert.X509Certificate;
import org.apache.xml.security.Init;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Apache Santuario (xmlsec 4.0.4, an XML DSig implementation independent of the JDK's) verifies both
 * signatures of our block: straight from the signer, and after the trip through SoapWriter and
 * SoapReader (the spliced header copied out of the envelope). A changed attribute fails it.
 */
class XuaSignaturesVerifyWithSantuarioTest {

  @BeforeAll
  static void init() {
    Init.init();
  }

  @Test
  void bothSignaturesVerifyAsSigned() throws Exception {
    Element security = XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .getDocumentElement();
    assertVerifies(security, true);
  }

  @Test
  void bothSignaturesVerifyAfterTheWire() throws Exception {
    byte[] header = XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT);
    Element received = XuaFixtures.wire(header).security().orElseThrow();
    assertVerifies(received, true);
  }

  @Test
  void senderVouchesTimestampSignatureNamesItsCertificate() throws Exception {
    XuaSigner signer = XuaFixtures.signer(XuaFixtures.signerConfig()
        .withConfirmation(XuaSignerConfig.Confirmation.SENDER_VOUCHES));
    Element security = XuaFixtures.parse(signer.securityHeaderXml(SUBJECT, RECIPIENT)).getDocumentElement();
    child(security, WSU, "Timestamp").setIdAttributeNS(WSU, "Id", true);
    XMLSignature ts = new XMLSignature(child(security, DS, "Signature"), "", true);
    X509Certificate named = ts.getKeyInfo().getX509Certificate();
    assertThat(named).isEqualTo(XuaTestPki.SIGNER.certificate());
    assertThat(ts.checkSignatureValue(named)).isTrue();
  }

  @Test
  void sha1OptionVerifies() throws Exception {
    XuaRecipient old = new XuaRecipient(XuaFixtures.AUDIENCE, XuaRecipient.SignatureSuite.RSA_SHA1,
        XuaRecipient.SubjectIdFormat.URI);
    Element security = XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, old)).getDocumentElement();
    assertVerifies(security, true);
  }

  @Test
  void changedAttributeFailsThenAGoodOneVerifies() throws Exception {
    Element security = XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .getDocumentElement();
    Element value = (Element) child(security, SAML2, "Assertion").getElementsByTagNameNS(SAML2, "AttributeValue").item(0);
    assertThat(value.getTextContent()).isEqualTo("Dr. Jane Viewer");
    value.setTextContent("Mallory");
    assertVerifies(security, false);

    assertVerifies(XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .getDocumentElement(), true);
  }

  /** Santuario's verdict on the assertion signature (key from its KeyInfo) and the timestamp signature. */
  private static void assertVerifies(Element security, boolean expected) throws Exception {
    Element assertion = child(security, SAML2, "Assertion");
    assertion.setIdAttributeNS(null, "ID", true);
    XMLSignature signature = new XMLSignature(child(assertion, DS, "Signature"), "", true);
    X509Certificate signer = signature.getKeyInfo().getX509Certificate();
    assertThat(signer).isEqualTo(XuaTestPki.SIGNER.certificate());
    signer.verify(XuaTestPki.CA.certificate().getPublicKey()); // issued by our CA
    assertThat(signature.checkSignatureValue(signer)).as("assertion signature").isEqualTo(expected);

    child(security, WSU, "Timestamp").setIdAttributeNS(WSU, "Id", true);
    XMLSignature ts = new XMLSignature(child(security, DS, "Signature"), "", true);
    // Holder-of-key: the timestamp's key is the one the assertion confirms, i.e. the signer's.
    assertThat(ts.checkSignatureValue(signer.getPublicKey())).as("timestamp signature").isTrue();
  }
}
