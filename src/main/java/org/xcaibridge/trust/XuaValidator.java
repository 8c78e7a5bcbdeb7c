package org.xcaibridge.trust;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xcaibridge.soap.SoapHeaders;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * The responding side of XUA: validates the {@code wsse:Security} block of a request and returns the
 * assertion's values, or throws {@link XuaRejectedException} whose {@link XuaRejectedException#toSoapFault()}
 * is the answer. In order:
 * <ol>
 *   <li>shape ({@link WsSecurityScan}): unique IDs, one assertion where it belongs, its one signature
 *       after Issuer — the signature wrapping defence;</li>
 *   <li>the assertion's signature ({@link SamlSignatures}): one reference, to this assertion's ID,
 *       resolved to this element object, enveloped + exclusive c14n, RSA-SHA256/384/512, secure
 *       validation on;</li>
 *   <li>the signer: the X.509 certificate in its KeyInfo must chain (PKIX, at the clock's time, no
 *       revocation checking) to a configured trust anchor, or be one;</li>
 *   <li>the content, read from that same element: Conditions time window with skew, audience,
 *       required attributes;</li>
 *   <li>the timestamp, if present or required: its own signature (key: the holder-of-key key named
 *       through the assertion, or a trusted certificate) and its time window.</li>
 * </ol>
 * CPU work (signature checks): run it off the event loop. Thread-safe if the clock is.
 */
public final class XuaValidator {
  private final XuaValidatorConfig config;
  private final Set<TrustAnchor> anchors;
  private final Clock clock;

  public XuaValidator(XuaValidatorConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.anchors = config.pkixAnchors();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Validates the security header {@link org.xcaibridge.soap.SoapReader} found, if any. */
  public XuaAssertion validate(SoapHeaders headers) throws XuaRejectedException {
    Element security = headers.security().orElseThrow(
        () -> new XuaRejectedException(Reason.MISSING, "no wsse:Security header"));
    return validate(security);
  }

  /** Validates one {@code wsse:Security} element (checks the whole document it belongs to for IDs). */
  public XuaAssertion validate(Element security) throws XuaRejectedException {
    if (!WsSecurityScan.is(security, SamlNames.WSSE, "Security")) {
      throw new XuaRejectedException(Reason.MISSING, "not a wsse:Security element: " + security.getLocalName());
    }
    Instant now = clock.instant();
    WsSecurityScan.Found found = WsSecurityScan.scan(security);

    SamlSignatures.Checked signature =
        SamlSignatures.check(found.assertionSignature(), found.assertion(), null, "ID", true);
    List<X509Certificate> path = certificates(signature.keyInfo());
    if (path.isEmpty()) {
      throw new XuaRejectedException(Reason.UNTRUSTED_SIGNER, "the assertion signature carries no X.509 certificate");
    }
    trust(path, now);
    signature.verify(path.get(0).getPublicKey());

    XuaAssertion assertion = SamlAssertionReader.read(found.assertion(), path.get(0));
    window(assertion.notBefore(), assertion.notOnOrAfter(), now, "assertion");
    audience(assertion);
    for (String name : config.requiredAttributes()) {
      boolean present = assertion.attribute(name).filter(v -> !v.isBlank()).isPresent()
          || (name.equals(SamlNames.ATTR_ROLE) && assertion.role().isPresent())
          || (name.equals(SamlNames.ATTR_PURPOSE_OF_USE) && assertion.purposeOfUse().isPresent());
      if (!present) {
        throw new XuaRejectedException(Reason.INVALID_TOKEN, "required attribute " + name + " missing");
      }
    }
    timestamp(found, assertion, now);
    return assertion;
  }

  private void timestamp(WsSecurityScan.Found found, XuaAssertion assertion, Instant now)
      throws XuaRejectedException {
    if (found.timestamp().isEmpty() || found.timestampSignature().isEmpty()) {
      if (config.requireTimestamp()) {
        throw new XuaRejectedException(Reason.MISSING, found.timestamp().isEmpty()
            ? "no wsu:Timestamp" : "the wsu:Timestamp is not signed");
      }
      if (found.timestamp().isEmpty()) {
        return;
      }
    }
    Element ts = found.timestamp().get();
    if (found.timestampSignature().isPresent()) {
      SamlSignatures.Checked signature =
          SamlSignatures.check(found.timestampSignature().get(), ts, SamlNames.WSU, "Id", false);
      signature.verify(timestampKey(signature.keyInfo(), assertion, now));
    }
    Instant created = null;
    Instant expires = null;
    for (Element c : WsSecurityScan.children(ts)) {
      if (WsSecurityScan.is(c, SamlNames.WSU, "Created")) {
        created = SamlAssertionReader.timeText(c);
      } else if (WsSecurityScan.is(c, SamlNames.WSU, "Expires")) {
        expires = SamlAssertionReader.timeText(c);
      }
    }
    if (created == null) {
      throw new XuaRejectedException(Reason.INVALID_TOKEN, "wsu:Timestamp has no wsu:Created");
    }
    window(created, expires, now, "timestamp");
  }

  /**
   * The timestamp signer's key: under holder-of-key the assertion's confirmation key, named by a
   * SecurityTokenReference to the assertion (or given as the same certificate); otherwise a trusted
   * certificate.
   */
  private PublicKey timestampKey(KeyInfo keyInfo, XuaAssertion assertion, Instant now)
      throws XuaRejectedException {
    if (keyInfo != null) {
      for (Object o : keyInfo.getContent()) {
        if (o instanceof DOMStructure && assertion.confirmationKey().isPresent()) {
          Node n = ((DOMStructure) o).getNode();
          if (n instanceof Element && namesAssertion((Element) n, assertion.id())) {
            return assertion.confirmationKey().get();
          }
        }
      }
    }
    List<X509Certificate> path = certificates(keyInfo);
    if (path.isEmpty()) {
      throw new XuaRejectedException(Reason.STRUCTURE, "the timestamp signature names no usable key");
    }
    PublicKey key = path.get(0).getPublicKey();
    if (assertion.confirmationKey().isPresent()) {
      if (!assertion.confirmationKey().get().equals(key)) {
        throw new XuaRejectedException(Reason.UNTRUSTED_SIGNER,
            "the timestamp is signed by a key other than the holder-of-key key");
      }
      return key;
    }
    trust(path, now);
    return key;
  }

  private static boolean namesAssertion(Element str, String assertionId) {
    if (!WsSecurityScan.is(str, SamlNames.WSSE, "SecurityTokenReference")) {
      return false;
    }
    for (Element k : WsSecurityScan.children(str)) {
      if (WsSecurityScan.is(k, SamlNames.WSSE, "KeyIdentifier") && SamlNames.SAMLID.equals(k.getAttribute("ValueType"))
          && assertionId.equals(k.getTextContent().strip())) {
        return true;
      }
    }
    return false;
  }

  /** NotBefore − skew ≤ now < NotOnOrAfter + skew (NotOnOrAfter is exclusive, SAML core §2.5.1.2). */
  private void window(Instant notBefore, Instant notOnOrAfter, Instant now, String what)
      throws XuaRejectedException {
    Duration skew = config.clockSkew();
    if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
      throw new XuaRejectedException(Reason.NOT_YET_VALID, what + " valid from " + notBefore + ", now is " + now
          + " (skew " + skew + ")");
    }
    if (notOnOrAfter != null && !now.minus(skew).isBefore(notOnOrAfter)) {
      throw new XuaRejectedException(Reason.EXPIRED, what + " valid until " + notOnOrAfter + ", now is " + now
          + " (skew " + skew + ")");
    }
  }

  private void audience(XuaAssertion assertion) throws XuaRejectedException {
    if (assertion.audienceRestrictions().isEmpty()) {
      throw new XuaRejectedException(Reason.WRONG_AUDIENCE, "the assertion has no AudienceRestriction");
    }
    for (List<String> restriction : assertion.audienceRestrictions()) {
      if (restriction.stream().noneMatch(config.audiences()::contains)) {
        throw new XuaRejectedException(Reason.WRONG_AUDIENCE, "audience " + restriction + " is not this responder");
      }
    }
  }

  /** Certificates of the KeyInfo's X509Data, the signer (the one that issued none of the others) first. */
  private static List<X509Certificate> certificates(KeyInfo keyInfo) {
    List<X509Certificate> all = new ArrayList<>();
    if (keyInfo == null) {
      return all;
    }
    for (Object o : keyInfo.getContent()) {
      if (o instanceof X509Data) {
        for (Object c : ((X509Data) o).getContent()) {
          if (c instanceof X509Certificate) {
            all.add((X509Certificate) c);
          }
        }
      }
    }
    List<X509Certificate> ordered = new ArrayList<>();
    for (X509Certificate c : all) {
      boolean issuesAnother = all.stream().anyMatch(o -> o != c
          && o.getIssuerX500Principal().equals(c.getSubjectX500Principal()));
      if (!issuesAnother) {
        ordered.add(c);
        break;
      }
    }
    if (ordered.isEmpty()) {
      return all; // a cycle or a lone self-issued certificate: PKIX decides
    }
    while (true) {
      X509Certificate last = ordered.get(ordered.size() - 1);
      X509Certificate next = null;
      for (X509Certificate c : all) {
        if (!ordered.contains(c) && c.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
          next = c;
          break;
        }
      }
      if (next == null) {
        return ordered;
      }
      ordered.add(next);
    }
  }

  /** PKIX to the anchors at {@code now}, without revocation checking; a pinned anchor is trusted as is. */
  private void trust(List<X509Certificate> path, Instant now) throws XuaRejectedException {
    X509Certificate signer = path.get(0);
    boolean[] usage = signer.getKeyUsage();
    if (usage != null && !usage[0] && !usage[1]) {
      throw new XuaRejectedException(Reason.UNTRUSTED_SIGNER, "signer certificate is not for digital signatures");
    }
    try {
      for (TrustAnchor anchor : anchors) {
        if (anchor.getTrustedCert().equals(signer)) {
          signer.checkValidity(Date.from(now));
          return;
        }
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (X509Certificate c : path) {
        if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c))) {
          chain.add(c);
        }
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false); // no CRL/OCSP fetching from the responder; see issue 7 notes
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    } catch (GeneralSecurityException e) {
      throw new XuaRejectedException(Reason.UNTRUSTED_SIGNER, "signer " + signer.getSubjectX500Principal()
          + " is not trusted: " + e.getMessage(), e);
    }
  }
}
