package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.DS;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SAML2;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;
import static org.xcaibridge.trust.XuaFixtures.assertRejected;
import static org.xcaibridge.trust.XuaFixtures.child;
import static org.xcaibridge.trust.XuaFixtures.children;

import java.security.PublicKey;
import java.util.List;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.XmlLimits;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * XML signature wrapping, XSW1 to XSW8 ({@link XswAttack}). In every variant an "evil" assertion saying
 * subject-id = Mallory sits where a naive reader looks (the first saml2:Assertion child of wsse:Security),
 * while the original signature still verifies over the original content hidden elsewhere; the test shows
 * both, then that the validator refuses the request as wsse:InvalidSecurity and accepts a good one after it.
 */
class XuaSignatureWrappingRejectedTest {
  private static final PublicKey SIGNER = XuaTestPki.SIGNER.certificate().getPublicKey();

  /** Rearranges the signed block; returns the element holding the original signed content now. */
  @FunctionalInterface
  private interface Attack {
    Element apply(Element security, Element assertion, Element signature);
  }

  @Test
  void xsw1EvilAssertionWithNewIdOriginalInsideSignatureObject() throws Exception {
    assertRefused(XswAttack.XSW1);
  }

  @Test
  void xsw2EvilAssertionWithNewIdOriginalBeforeTheSignature() throws Exception {
    assertRefused(XswAttack.XSW2);
  }

  @Test
  void xsw3EvilAssertionWithSameIdBeforeTheOriginal() throws Exception {
    assertRefused(XswAttack.XSW3);
  }

  @Test
  void xsw4EvilAssertionWithSameIdWrappingTheOriginal() throws Exception {
    assertRefused(XswAttack.XSW4);
  }

  @Test
  void xsw5EvilAssertionKeepsTheSignatureOriginalCopyAppended() throws Exception {
    assertRefused(XswAttack.XSW5);
  }

  @Test
  void xsw6EvilAssertionKeepsTheSignatureOriginalInsideItsKeyInfo() throws Exception {
    assertRefused(XswAttack.XSW6);
  }

  @Test
  void xsw7OriginalInsideAnExtensionsElementEvilAssertionBesideIt() throws Exception {
    assertRefused(XswAttack.XSW7);
  }

  @Test
  void xsw8EvilAssertionKeepsTheSignatureOriginalWithoutSignatureInObject() throws Exception {
    assertRefused(XswAttack.XSW8);
  }

  /**
   * Beyond the eight: the timestamp's signature moved into an evil assertion (in place of the assertion's
   * own). It verifies (over the timestamp), IDs stay unique, there is one assertion with one signature
   * after Issuer: only the reference, which names the timestamp rather than this assertion, gives it away.
   */
  @Test
  void timestampSignatureReusedAsTheAssertionSignature() throws Exception {
    assertRefused("is not the signed element's ID", (sec, a, sig) -> {
      Element evil = XswAttack.evil(a, true);
      sec.replaceChild(evil, a);
      Element timestampSignature = child(sec, DS, "Signature");
      XswAttack.takeSignature(evil, timestampSignature);
      return child(sec, XuaFixtures.WSU, "Timestamp");
    });
  }

  /**
   * Beyond the eight: the original moved out of the header into soap:Body, the evil assertion (new ID)
   * keeping the signature. IDs are unique and there is one assertion in the header; the reference
   * naming another ID than the assertion's own is what gives it away.
   */
  @Test
  void originalMovedIntoTheBodyEvilAssertionInTheHeader() throws Exception {
    byte[] envelope = XuaFixtures.envelope(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT));
    Document doc = SecureXml.parseDocument(envelope, XmlLimits.DEFAULT);
    Element sec = (Element) doc.getElementsByTagNameNS(XuaFixtures.WSSE, "Security").item(0);
    Element a = child(sec, SAML2, "Assertion");
    Element sig = child(a, DS, "Signature");
    Element evil = XswAttack.evil(a, false);
    sec.replaceChild(evil, a);
    XswAttack.takeSignature(evil, sig);
    Element body = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2003/05/soap-envelope", "Body").item(0);
    Element copy = (Element) body.appendChild(XswAttack.unsigned(a));
    assertThat(signatureValidOver(sig, copy)).isTrue();

    XuaValidator validator = XuaFixtures.validator();
    XuaRejectedException e = org.assertj.core.api.Assertions.catchThrowableOfType(XuaRejectedException.class,
        () -> validator.validate(XuaFixtures.received(XuaSigner.serialise(doc.getDocumentElement()))));
    assertThat(e.reason()).isEqualTo(Reason.STRUCTURE);
    assertThat(e.getMessage()).contains("is not the signed element's ID");
    XuaFixtures.assertAccepted(validator, XuaTestPki.NOW);
  }

  private static void assertRefused(XswAttack attack) throws Exception {
    assertRefused(attack.because, (sec, a, sig) -> attack.apply(sec));
  }

  private static void assertRefused(String because, Attack attack) throws Exception {
    Element sec = XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT)).getDocumentElement();
    Element a = child(sec, SAML2, "Assertion");
    Element sig = child(a, DS, "Signature");
    Element signedContent = attack.apply(sec, a, sig);

    // The attack is real: a naive reader sees Mallory, and the signature verifies over the original.
    Element seen = children(sec, SAML2, "Assertion").get(0);
    assertThat(subjectId(seen)).isEqualTo("Mallory");
    assertThat(subjectId(signedContent)).isEqualTo("Dr. Jane Viewer");
    List<Element> carried = children(seen, DS, "Signature");
    Element signature = carried.isEmpty() ? sig : carried.get(0); // the one a naive verifier would check
    assertThat(signatureValidOver(signature, signedContent)).as("signature over the moved original").isTrue();

    XuaRejectedException e = assertRejected(XuaFixtures.bytes(sec), Reason.STRUCTURE, "InvalidSecurity");
    assertThat(e.getMessage()).contains(because);
  }

  /** The assertion's own first attribute value (its AttributeStatement child, not nested copies). */
  private static String subjectId(Element assertion) {
    if (!SAML2.equals(assertion.getNamespaceURI())) {
      return "Dr. Jane Viewer"; // the timestamp variant: the signed content is no assertion at all
    }
    Element attribute = child(child(assertion, SAML2, "AttributeStatement"), SAML2, "Attribute");
    return child(attribute, SAML2, "AttributeValue").getTextContent();
  }

  /**
   * What a verifier that resolves the reference wherever the ID happens to be would conclude: the JDK
   * API with secure validation off and the ID registered on the element holding the original content.
   */
  private static boolean signatureValidOver(Element signature, Element signedContent) {
    try {
      DOMValidateContext ctx = new DOMValidateContext(SIGNER, signature);
      ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.FALSE);
      boolean timestamp = XuaFixtures.WSU.equals(signedContent.getNamespaceURI());
      ctx.setIdAttributeNS(signedContent, timestamp ? XuaFixtures.WSU : null, timestamp ? "Id" : "ID");
      return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx).validate(ctx);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
