package org.xcaibridge.trust;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * Reads the values of a SAML 2.0 assertion whose signature has been verified, from that element object
 * only (its children, walked in order; never a look-up by name in the document). Text is read whole
 * ({@code getTextContent}), so a comment splitting a value cannot make it read as a prefix of itself.
 * What the responder needs but is missing or malformed is {@link Reason#INVALID_TOKEN}.
 */
final class SamlAssertionReader {
  private SamlAssertionReader() {}

  static XuaAssertion read(Element a, X509Certificate signer) throws XuaRejectedException {
    if (!"2.0".equals(a.getAttribute("Version"))) {
      throw invalid("Version is '" + a.getAttribute("Version") + "', not 2.0");
    }
    Instant issueInstant = time(a, "IssueInstant");
    String issuer = null;
    XuaAssertion.NameId nameId = null;
    List<String> methods = new ArrayList<>();
    Optional<PublicKey> confirmationKey = Optional.empty();
    Instant notBefore = null;
    Instant notOnOrAfter = null;
    List<List<String>> audiences = new ArrayList<>();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    Map<String, XuaCode> coded = new LinkedHashMap<>();
    boolean subjectSeen = false;
    boolean conditionsSeen = false;
    for (Element c : WsSecurityScan.children(a)) {
      if (!SamlNames.SAML2.equals(c.getNamespaceURI())) {
        continue; // the signature (checked already) and extensions
      }
      switch (c.getLocalName()) {
        case "Issuer":
          issuer = text(c, "Issuer");
          break;
        case "Subject":
          if (subjectSeen) {
            throw invalid("two saml2:Subject elements");
          }
          subjectSeen = true;
          for (Element s : WsSecurityScan.children(c)) {
            if (WsSecurityScan.is(s, SamlNames.SAML2, "NameID")) {
              String format = s.getAttribute("Format");
              nameId = new XuaAssertion.NameId(text(s, "NameID"),
                  format.isEmpty() ? Optional.empty() : Optional.of(format));
            } else if (WsSecurityScan.is(s, SamlNames.SAML2, "SubjectConfirmation")) {
              methods.add(required(s, "Method"));
              if (SamlNames.CM_HOLDER_OF_KEY.equals(s.getAttribute("Method"))) {
                confirmationKey = Optional.of(holderKey(s));
              }
            }
          }
          break;
        case "Conditions":
          if (conditionsSeen) {
            throw invalid("two saml2:Conditions elements");
          }
          conditionsSeen = true;
          notBefore = time(c, "NotBefore");
          notOnOrAfter = time(c, "NotOnOrAfter");
          for (Element r : WsSecurityScan.children(c)) {
            if (WsSecurityScan.is(r, SamlNames.SAML2, "AudienceRestriction")) {
              audiences.add(audienceRestriction(r));
            }
          }
          break;
        case "AttributeStatement":
          for (Element attr : WsSecurityScan.children(c)) {
            if (WsSecurityScan.is(attr, SamlNames.SAML2, "Attribute")) {
              attribute(attr, attributes, coded);
            }
          }
          break;
        default:
          break; // AuthnStatement and other statements: not used for the access decision here
      }
    }
    if (issuer == null) {
      throw invalid("no saml2:Issuer");
    }
    if (nameId == null) {
      throw invalid("no saml2:Subject/saml2:NameID");
    }
    if (methods.isEmpty()) {
      throw invalid("no saml2:SubjectConfirmation");
    }
    if (!conditionsSeen) {
      throw invalid("no saml2:Conditions");
    }
    return new XuaAssertion(required(a, "ID"), issueInstant, issuer, nameId, methods, confirmationKey, notBefore,
        notOnOrAfter, audiences, attributes, Optional.ofNullable(coded.get(SamlNames.ATTR_ROLE)),
        Optional.ofNullable(coded.get(SamlNames.ATTR_PURPOSE_OF_USE)), signer);
  }

  /** The Audiences of one AudienceRestriction; one without any is invalid. */
  private static List<String> audienceRestriction(Element r) throws XuaRejectedException {
    List<String> out = new ArrayList<>();
    for (Element au : WsSecurityScan.children(r)) {
      if (WsSecurityScan.is(au, SamlNames.SAML2, "Audience")) {
        out.add(text(au, "Audience"));
      }
    }
    if (out.isEmpty()) {
      throw invalid("an AudienceRestriction names no Audience");
    }
    return out;
  }

  private static void attribute(Element attr, Map<String, List<String>> texts, Map<String, XuaCode> coded)
      throws XuaRejectedException {
    String name = required(attr, "Name");
    for (Element value : WsSecurityScan.children(attr)) {
      if (!WsSecurityScan.is(value, SamlNames.SAML2, "AttributeValue")) {
        continue;
      }
      List<Element> inner = WsSecurityScan.children(value);
      if (inner.isEmpty()) {
        texts.computeIfAbsent(name, k -> new ArrayList<>()).add(value.getTextContent().strip());
      } else if (inner.size() == 1 && SamlNames.HL7.equals(inner.get(0).getNamespaceURI())) {
        if (coded.containsKey(name)) {
          throw invalid("attribute " + name + " has two coded values");
        }
        coded.put(name, code(inner.get(0), name));
      } else {
        throw invalid("attribute " + name + " has a value that is neither text nor one HL7 coded element");
      }
    }
  }

  /** An HL7 v3 CE element: code and codeSystem required, the names optional. */
  private static XuaCode code(Element ce, String attribute) throws XuaRejectedException {
    try {
      return new XuaCode(ce.getAttribute("code"), ce.getAttribute("codeSystem"),
          optional(ce.getAttribute("codeSystemName")), optional(ce.getAttribute("displayName")));
    } catch (IllegalArgumentException e) {
      throw invalid("attribute " + attribute + ": " + e.getMessage());
    }
  }

  /** The key of a holder-of-key confirmation: its certificate, or its RSA key value, which must agree. */
  private static PublicKey holderKey(Element confirmation) throws XuaRejectedException {
    PublicKey fromCert = null;
    PublicKey fromValue = null;
    for (Element data : WsSecurityScan.children(confirmation)) {
      if (!WsSecurityScan.is(data, SamlNames.SAML2, "SubjectConfirmationData")) {
        continue;
      }
      for (Element ki : WsSecurityScan.children(data)) {
        if (!WsSecurityScan.is(ki, SamlNames.DS, "KeyInfo")) {
          continue;
        }
        for (Element k : WsSecurityScan.children(ki)) {
          if (WsSecurityScan.is(k, SamlNames.DS, "X509Data")) {
            for (Element c : WsSecurityScan.children(k)) {
              if (WsSecurityScan.is(c, SamlNames.DS, "X509Certificate") && fromCert == null) {
                fromCert = certificate(c.getTextContent()).getPublicKey();
              }
            }
          } else if (WsSecurityScan.is(k, SamlNames.DS, "KeyValue")) {
            fromValue = rsaKeyValue(k);
          }
        }
      }
    }
    if (fromCert != null && fromValue != null && !fromCert.equals(fromValue)) {
      throw invalid("holder-of-key certificate and key value differ");
    }
    if (fromCert == null && fromValue == null) {
      throw invalid("holder-of-key confirmation names no key");
    }
    return fromCert != null ? fromCert : fromValue;
  }

  static X509Certificate certificate(String base64) throws XuaRejectedException {
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64);
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw invalid("unreadable certificate: " + e.getMessage());
    }
  }

  private static PublicKey rsaKeyValue(Element keyValue) throws XuaRejectedException {
    for (Element rsa : WsSecurityScan.children(keyValue)) {
      if (WsSecurityScan.is(rsa, SamlNames.DS, "RSAKeyValue")) {
        BigInteger modulus = null;
        BigInteger exponent = null;
        for (Element part : WsSecurityScan.children(rsa)) {
          if (WsSecurityScan.is(part, SamlNames.DS, "Modulus")) {
            modulus = unsigned(part.getTextContent());
          } else if (WsSecurityScan.is(part, SamlNames.DS, "Exponent")) {
            exponent = unsigned(part.getTextContent());
          }
        }
        if (modulus == null || exponent == null) {
          throw invalid("RSAKeyValue without Modulus or Exponent");
        }
        try {
          return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
          throw invalid("unusable RSA key value: " + e.getMessage());
        }
      }
    }
    throw invalid("KeyValue without RSAKeyValue");
  }

  private static BigInteger unsigned(String base64) throws XuaRejectedException {
    try {
      return new BigInteger(1, Base64.getMimeDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw invalid("bad base64 in key value");
    }
  }

  static Instant time(Element e, String attribute) throws XuaRejectedException {
    String value = required(e, attribute);
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException ex) {
      throw invalid(e.getLocalName() + "/@" + attribute + " is not an xs:dateTime with zone: '" + value + "'");
    }
  }

  static Instant timeText(Element e) throws XuaRejectedException {
    String value = e.getTextContent().strip();
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException ex) {
      throw invalid(e.getLocalName() + " is not an xs:dateTime with zone: '" + value + "'");
    }
  }

  private static String required(Element e, String attribute) throws XuaRejectedException {
    String v = e.getAttribute(attribute);
    if (v.isBlank()) {
      throw invalid(e.getLocalName() + " has no " + attribute);
    }
    return v;
  }

  private static String text(Element e, String what) throws XuaRejectedException {
    if (!WsSecurityScan.children(e).isEmpty()) {
      throw invalid(what + " must hold text only");
    }
    String v = e.getTextContent().strip();
    if (v.isEmpty()) {
      throw invalid(what + " is empty");
    }
    return v;
  }

  private static Optional<String> optional(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  private static XuaRejectedException invalid(String detail) {
    return new XuaRejectedException(Reason.INVALID_TOKEN, detail);
  }
}
