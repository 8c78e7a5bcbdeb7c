package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.DS;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SAML2;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;
import static org.xcaibridge.trust.XuaFixtures.WSSE;
import static org.xcaibridge.trust.XuaFixtures.WSU;
import static org.xcaibridge.trust.XuaFixtures.child;
import static org.xcaibridge.trust.XuaFixtures.children;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * The block has the layout of protocol.md §7.2 (the production Carequality sender, fixture 15): element
 * order, names, URNs and algorithm URIs; the SHA-1 option switches both signatures to RSA-SHA1/SHA-1.
 */
class XuaHeaderLayoutFollowsCarequalityTest {

  @Test
  void blockOrderAndAssertionLayout() throws Exception {
    Element security = XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .getDocumentElement();
    assertThat(names(security)).containsExactly("wsu:Timestamp", "saml2:Assertion", "ds:Signature");
    Element ts = child(security, WSU, "Timestamp");
    assertThat(names(ts)).containsExactly("wsu:Created", "wsu:Expires");
    assertThat(ts.getAttributeNS(WSU, "Id")).isEqualTo("TS-00000000-005a-4d4c-0000-000000000002");
    assertThat(child(ts, WSU, "Created").getTextContent()).isEqualTo("2025-06-02T10:00:00Z");
    assertThat(child(ts, WSU, "Expires").getTextContent()).isEqualTo("2025-06-02T10:05:00Z");

    Element a = child(security, SAML2, "Assertion");
    assertThat(a.getAttribute("Version")).isEqualTo("2.0");
    assertThat(a.getAttribute("IssueInstant")).isEqualTo("2025-06-02T10:00:00Z");
    assertThat(names(a)).containsExactly("saml2:Issuer", "ds:Signature", "saml2:Subject", "saml2:Conditions",
        "saml2:AuthnStatement", "saml2:AttributeStatement");
    assertThat(child(a, SAML2, "Issuer").getAttribute("Format"))
        .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    Element confirmation = child(child(a, SAML2, "Subject"), SAML2, "SubjectConfirmation");
    assertThat(confirmation.getAttribute("Method")).isEqualTo("urn:oasis:names:tc:SAML:2.0:cm:holder-of-key");
    Element keyInfo = child(child(confirmation, SAML2, "SubjectConfirmationData"), DS, "KeyInfo");
    assertThat(names(keyInfo)).containsExactly("ds:KeyValue", "ds:X509Data");
    Element conditions = child(a, SAML2, "Conditions");
    assertThat(conditions.getAttribute("NotBefore")).isEqualTo("2025-06-02T09:58:00Z");
    assertThat(conditions.getAttribute("NotOnOrAfter")).isEqualTo("2025-06-02T10:05:00Z");
    assertThat(child(child(conditions, SAML2, "AudienceRestriction"), SAML2, "Audience").getTextContent())
        .isEqualTo(XuaFixtures.AUDIENCE);
    Element authn = child(a, SAML2, "AuthnStatement");
    assertThat(child(child(authn, SAML2, "AuthnContext"), SAML2, "AuthnContextClassRef").getTextContent())
        .isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:X509");

    List<String> attributeNames = new ArrayList<>();
    for (Element attr : children(child(a, SAML2, "AttributeStatement"), SAML2, "Attribute")) {
      attributeNames.add(attr.getAttribute("Name"));
    }
    assertThat(attributeNames).containsExactly("urn:oasis:names:tc:xspa:1.0:subject:subject-id",
        "urn:oasis:names:tc:xspa:1.0:subject:organization", "urn:oasis:names:tc:xspa:1.0:subject:organization-id",
        "urn:nhin:names:saml:homeCommunityId", "urn:oasis:names:tc:xacml:2.0:subject:role",
        "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse", "urn:oasis:names:tc:xspa:2.0:subject:npi",
        "urn:oasis:names:tc:xacml:2.0:resource:resource-id");
    String xml = XuaFixtures.text(XuaFixtures.bytes(a));
    assertThat(xml).contains("<hl7:Role code=\"224608005\" codeSystem=\"2.16.840.1.113883.6.96\" "
        + "codeSystemName=\"SNOMED_CT\" displayName=\"Administrative AND/OR managerial worker\" xsi:type=\"hl7:CE\"/>");
    assertThat(xml).contains("<hl7:PurposeOfUse code=\"TREATMENT\" codeSystem=\"2.16.840.1.113883.3.18.7.1\" "
        + "codeSystemName=\"nhin-purpose\" displayName=\"Treatment\" xsi:type=\"hl7:CE\"/>");
  }

  @Test
  void assertionSignatureIsEnvelopedExclusiveRsaSha256WithCertificates() throws Exception {
    Element security = XuaFixtures.parse(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .getDocumentElement();
    Element a = child(security, SAML2, "Assertion");
    Element sig = child(a, DS, "Signature");
    assertSignedInfo(sig, "#" + a.getAttribute("ID"), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/2001/10/xml-exc-c14n#");
    Element x509 = child(child(sig, DS, "KeyInfo"), DS, "X509Data");
    assertThat(children(x509, DS, "X509Certificate")).hasSize(2); // signer, then its CA
    assertThat(child(sig, DS, "SignatureValue").getTextContent()).doesNotContainAnyWhitespaces();

    Element tsSig = child(security, DS, "Signature");
    assertSignedInfo(tsSig, "#" + child(security, WSU, "Timestamp").getAttributeNS(WSU, "Id"),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2001/10/xml-exc-c14n#");
    Element str = child(child(tsSig, DS, "KeyInfo"), WSSE, "SecurityTokenReference");
    Element keyId = child(str, WSSE, "KeyIdentifier");
    assertThat(keyId.getAttribute("ValueType"))
        .isEqualTo("http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLID");
    assertThat(keyId.getTextContent()).isEqualTo(a.getAttribute("ID"));
  }

  @Test
  void senderVouchesTimestampSignatureCarriesTheCertificate() throws Exception {
    XuaSigner signer = XuaFixtures.signer(XuaFixtures.signerConfig()
        .withConfirmation(XuaSignerConfig.Confirmation.SENDER_VOUCHES));
    Element security = XuaFixtures.parse(signer.securityHeaderXml(SUBJECT, RECIPIENT)).getDocumentElement();
    Element confirmation = child(child(child(security, SAML2, "Assertion"), SAML2, "Subject"), SAML2,
        "SubjectConfirmation");
    assertThat(confirmation.getAttribute("Method")).isEqualTo("urn:oasis:names:tc:SAML:2.0:cm:sender-vouches");
    assertThat(children(confirmation, SAML2, "SubjectConfirmationData")).isEmpty();
    assertThat(names(child(child(security, DS, "Signature"), DS, "KeyInfo"))).containsExactly("ds:X509Data");
  }

  @Test
  void sha1OptionForOldPeersSignsBothWithRsaSha1AndOurValidatorRefusesIt() throws Exception {
    XuaRecipient old = new XuaRecipient(XuaFixtures.AUDIENCE, XuaRecipient.SignatureSuite.RSA_SHA1,
        XuaRecipient.SubjectIdFormat.URI);
    byte[] header = XuaFixtures.signer().securityHeaderXml(SUBJECT, old);
    Element security = XuaFixtures.parse(header).getDocumentElement();
    Element a = child(security, SAML2, "Assertion");
    assertSignedInfo(child(a, DS, "Signature"), "#" + a.getAttribute("ID"),
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "http://www.w3.org/2000/09/xmldsig#sha1",
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#");
    assertSignedInfo(child(security, DS, "Signature"),
        "#" + child(security, WSU, "Timestamp").getAttributeNS(WSU, "Id"),
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "http://www.w3.org/2000/09/xmldsig#sha1",
        "http://www.w3.org/2001/10/xml-exc-c14n#");
    // The responder side keeps the JDK's secure validation policy, which refuses SHA-1.
    XuaFixtures.assertRejected(header, Reason.UNSUPPORTED_ALGORITHM, "UnsupportedAlgorithm");
  }

  private static void assertSignedInfo(Element signature, String uri, String signatureMethod, String digest,
      String... transforms) {
    Element si = child(signature, DS, "SignedInfo");
    assertThat(child(si, DS, "CanonicalizationMethod").getAttribute("Algorithm"))
        .isEqualTo("http://www.w3.org/2001/10/xml-exc-c14n#");
    assertThat(child(si, DS, "SignatureMethod").getAttribute("Algorithm")).isEqualTo(signatureMethod);
    List<Element> refs = children(si, DS, "Reference");
    assertThat(refs).hasSize(1);
    assertThat(refs.get(0).getAttribute("URI")).isEqualTo(uri);
    assertThat(child(refs.get(0), DS, "DigestMethod").getAttribute("Algorithm")).isEqualTo(digest);
    List<String> found = new ArrayList<>();
    for (Element t : children(child(refs.get(0), DS, "Transforms"), DS, "Transform")) {
      found.add(t.getAttribute("Algorithm"));
    }
    assertThat(found).containsExactly(transforms);
  }

  private static List<String> names(Element parent) {
    List<String> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        out.add(n.getNodeName());
      }
    }
    return out;
  }
}
