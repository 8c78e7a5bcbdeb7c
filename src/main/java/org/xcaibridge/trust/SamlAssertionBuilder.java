package org.xcaibridge.trust;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.XmlLimits;

/**
 * Builds the unsigned DOM of a {@code wsse:Security} block: {@code wsu:Timestamp}, then a SAML 2.0
 * assertion laid out as Carequality gateways send it (protocol.md §7.2). Signing is {@link SamlSignatures}'
 * job; this class only places the elements, in schema order, with the signature slot after Issuer.
 */
final class SamlAssertionBuilder {
  private static final DOMImplementation DOM = SecureXml.documentBuilder(XmlLimits.DEFAULT).getDOMImplementation();

  private SamlAssertionBuilder() {}

  /** The built block and the elements the signer needs. */
  record Built(Document document, Element security, Element timestamp, String timestampId,
      Element assertion, String assertionId, Element afterIssuer) {}

  static Built build(XuaSignerConfig config, XuaSubject subject, XuaRecipient recipient, Instant issued,
      String assertionId, String timestampId) {
    Instant now = issued.truncatedTo(ChronoUnit.MILLIS);
    Document doc = DOM.createDocument(null, null, null);
    Element security = doc.createElementNS(SamlNames.WSSE, SamlNames.P_WSSE + ":Security");
    declare(security, SamlNames.P_WSSE, SamlNames.WSSE);
    declare(security, SamlNames.P_WSU, SamlNames.WSU);
    doc.appendChild(security);

    Element ts = child(security, SamlNames.WSU, SamlNames.P_WSU, "Timestamp");
    ts.setAttributeNS(SamlNames.WSU, SamlNames.P_WSU + ":Id", timestampId);
    text(ts, SamlNames.WSU, SamlNames.P_WSU, "Created", time(now));
    text(ts, SamlNames.WSU, SamlNames.P_WSU, "Expires", time(now.plus(config.timestampLifetime())));

    Element a = child(security, SamlNames.SAML2, SamlNames.P_SAML2, "Assertion");
    declare(a, SamlNames.P_SAML2, SamlNames.SAML2);
    declare(a, SamlNames.P_XSI, SamlNames.XSI);
    declare(a, SamlNames.P_HL7, SamlNames.HL7);
    a.setAttribute("ID", assertionId);
    a.setAttribute("IssueInstant", time(now));
    a.setAttribute("Version", "2.0");
    Element issuer = saml(a, "Issuer", config.issuer().value());
    issuer.setAttribute("Format", config.issuer().format());

    Element subj = saml(a, "Subject", null);
    X509Certificate cert = config.key().certificate();
    XuaSubject.NameId nameId = subject.nameId().orElseGet(
        () -> new XuaSubject.NameId(cert.getSubjectX500Principal().getName(), SamlNames.NAMEID_X509));
    saml(subj, "NameID", nameId.value()).setAttribute("Format", nameId.format());
    Element confirmation = saml(subj, "SubjectConfirmation", null);
    confirmation.setAttribute("Method", config.confirmation().urn);
    if (config.confirmation() == XuaSignerConfig.Confirmation.HOLDER_OF_KEY) {
      Element data = saml(confirmation, "SubjectConfirmationData", null);
      // SAML 2.0 Holder-of-Key profile: the data is a KeyInfoConfirmationDataType naming the key.
      data.setAttributeNS(SamlNames.XSI, SamlNames.P_XSI + ":type", SamlNames.P_SAML2 + ":KeyInfoConfirmationDataType");
      keyInfo(data, cert);
    }

    Element conditions = saml(a, "Conditions", null);
    conditions.setAttribute("NotBefore", time(now.minus(config.clockSkew())));
    conditions.setAttribute("NotOnOrAfter", time(now.plus(config.assertionLifetime())));
    saml(saml(conditions, "AudienceRestriction", null), "Audience", recipient.audience());

    Element authn = saml(a, "AuthnStatement", null);
    authn.setAttribute("AuthnInstant", time(now));
    config.locality().ifPresent(l -> {
      Element locality = saml(authn, "SubjectLocality", null);
      locality.setAttribute("Address", l.address());
      locality.setAttribute("DNSName", l.dnsName());
    });
    saml(saml(authn, "AuthnContext", null), "AuthnContextClassRef", SamlNames.AC_X509);

    Element statement = saml(a, "AttributeStatement", null);
    attribute(statement, SamlNames.ATTR_SUBJECT_ID, recipient.subjectIdFormat().urn, subject.subjectId());
    attribute(statement, SamlNames.ATTR_ORGANIZATION, SamlNames.NAME_FORMAT_URI, subject.organization());
    attribute(statement, SamlNames.ATTR_ORGANIZATION_ID, SamlNames.NAME_FORMAT_URI,
        "urn:oid:" + subject.organizationId());
    attribute(statement, SamlNames.ATTR_HOME_COMMUNITY_ID, SamlNames.NAME_FORMAT_URI,
        "urn:oid:" + config.homeCommunityId());
    coded(statement, SamlNames.ATTR_ROLE, "Role", subject.role());
    coded(statement, SamlNames.ATTR_PURPOSE_OF_USE, "PurposeOfUse", subject.purposeOfUse());
    subject.npi().ifPresent(n -> attribute(statement, SamlNames.ATTR_NPI, SamlNames.NAME_FORMAT_URI, n));
    subject.resourceId().ifPresent(
        r -> attribute(statement, SamlNames.ATTR_RESOURCE_ID, SamlNames.NAME_FORMAT_URI, r));
    return new Built(doc, security, ts, timestampId, a, assertionId, subj);
  }

  /** xs:dateTime in UTC with a Z, as SAML 2.0 core §1.3.3 requires. */
  static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /** ds:KeyInfo with the RSA key value and the certificate, as the holder-of-key confirmation. */
  private static void keyInfo(Element parent, X509Certificate cert) {
    Element ki = child(parent, SamlNames.DS, SamlNames.P_DS, "KeyInfo");
    declare(ki, SamlNames.P_DS, SamlNames.DS);
    RSAPublicKey pub = (RSAPublicKey) cert.getPublicKey();
    Element rsa = child(child(ki, SamlNames.DS, SamlNames.P_DS, "KeyValue"), SamlNames.DS, SamlNames.P_DS,
        "RSAKeyValue");
    text(rsa, SamlNames.DS, SamlNames.P_DS, "Modulus", cryptoBinary(pub.getModulus()));
    text(rsa, SamlNames.DS, SamlNames.P_DS, "Exponent", cryptoBinary(pub.getPublicExponent()));
    Element x509 = child(ki, SamlNames.DS, SamlNames.P_DS, "X509Data");
    try {
      text(x509, SamlNames.DS, SamlNames.P_DS, "X509Certificate",
          Base64.getEncoder().encodeToString(cert.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the signing certificate cannot be encoded", e);
    }
  }

  /** XML DSig ds:CryptoBinary: big-endian, unsigned, no leading zero octets. */
  private static String cryptoBinary(BigInteger n) {
    byte[] b = n.toByteArray();
    int from = 0;
    while (from < b.length - 1 && b[from] == 0) {
      from++;
    }
    return Base64.getEncoder().encodeToString(Arrays.copyOfRange(b, from, b.length));
  }

  private static void attribute(Element statement, String name, String format, String value) {
    Element attr = saml(statement, "Attribute", null);
    attr.setAttribute("Name", name);
    attr.setAttribute("NameFormat", format);
    saml(attr, "AttributeValue", value);
  }

  /** An attribute whose value is an HL7 v3 CE element (protocol.md §7.2: no NameFormat there). */
  private static void coded(Element statement, String name, String element, XuaCode code) {
    Element attr = saml(statement, "Attribute", null);
    attr.setAttribute("Name", name);
    Element value = saml(attr, "AttributeValue", null);
    Element ce = child(value, SamlNames.HL7, SamlNames.P_HL7, element);
    // hl7 is the element's own prefix, so exclusive c14n keeps its declaration for this QName value.
    ce.setAttributeNS(SamlNames.XSI, SamlNames.P_XSI + ":type", SamlNames.P_HL7 + ":CE");
    ce.setAttribute("code", code.code());
    ce.setAttribute("codeSystem", code.codeSystem());
    code.codeSystemName().ifPresent(s -> ce.setAttribute("codeSystemName", s));
    code.displayName().ifPresent(s -> ce.setAttribute("displayName", s));
  }

  private static Element saml(Element parent, String local, String text) {
    Element e = child(parent, SamlNames.SAML2, SamlNames.P_SAML2, local);
    if (text != null) {
      e.setTextContent(text);
    }
    return e;
  }

  private static Element text(Element parent, String ns, String prefix, String local, String text) {
    Element e = child(parent, ns, prefix, local);
    e.setTextContent(text);
    return e;
  }

  private static Element child(Element parent, String ns, String prefix, String local) {
    Element e = parent.getOwnerDocument().createElementNS(ns, prefix + ":" + local);
    parent.appendChild(e);
    return e;
  }

  private static void declare(Element e, String prefix, String ns) {
    e.setAttributeNS(SamlNames.XMLNS, "xmlns:" + prefix, ns);
  }
}
