package org.xcaibridge.trust;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Transform;

/**
 * Namespaces, element and attribute names and URNs of SAML 2.0, XML DSig, WS-Security and the
 * Carequality/NHIN XUA attributes, spelled as in protocol.md §1.3 and §7.2.
 */
final class SamlNames {
  private SamlNames() {}

  static final String SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSSE11 = "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd";
  static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String HL7 = "urn:hl7-org:v3";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String XMLNS = "http://www.w3.org/2000/xmlns/";

  static final String P_SAML2 = "saml2";
  static final String P_DS = "ds";
  static final String P_WSSE = "wsse";
  static final String P_WSSE11 = "wsse11";
  static final String P_WSU = "wsu";
  static final String P_HL7 = "hl7";
  static final String P_XSI = "xsi";

  // Attribute names (protocol.md §7.2 table).
  static final String ATTR_SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
  static final String ATTR_ORGANIZATION = "urn:oasis:names:tc:xspa:1.0:subject:organization";
  static final String ATTR_ORGANIZATION_ID = "urn:oasis:names:tc:xspa:1.0:subject:organization-id";
  static final String ATTR_HOME_COMMUNITY_ID = "urn:nhin:names:saml:homeCommunityId";
  static final String ATTR_ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
  static final String ATTR_PURPOSE_OF_USE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
  static final String ATTR_NPI = "urn:oasis:names:tc:xspa:2.0:subject:npi";
  static final String ATTR_RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";

  static final String NAME_FORMAT_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
  static final String NAME_FORMAT_BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

  static final String NAMEID_X509 = "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName";
  static final String NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
  static final String NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

  static final String CM_HOLDER_OF_KEY = "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key";
  static final String CM_SENDER_VOUCHES = "urn:oasis:names:tc:SAML:2.0:cm:sender-vouches";
  static final String AC_X509 = "urn:oasis:names:tc:SAML:2.0:ac:classes:X509";

  // WS-Security SAML Token Profile 1.1 §3.4: how a signature names the assertion's key.
  static final String SAMLID = "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLID";
  static final String TOKEN_SAML20 =
      "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0";

  static final String EXC_C14N = CanonicalizationMethod.EXCLUSIVE;
  static final String ENVELOPED = Transform.ENVELOPED;
  static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  static final String RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
  static final String RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
  static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  static final String SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
  static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
  static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

  /** SNOMED CT, the code system of {@code hl7:Role} (protocol.md §7.2). */
  static final String SNOMED_CT = "2.16.840.1.113883.6.96";
  /** NHIN purpose of use (protocol.md §7.2). */
  static final String NHIN_PURPOSE = "2.16.840.1.113883.3.18.7.1";
}
