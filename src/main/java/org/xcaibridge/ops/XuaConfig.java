package org.xcaibridge.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xcaibridge.trust.TlsConfigException;
import org.xcaibridge.trust.TlsKeyStore;
import org.xcaibridge.trust.XuaCode;
import org.xcaibridge.trust.XuaSignerConfig;
import org.xcaibridge.trust.XuaSubject;

/**
 * Signed XUA assertions on every request to the configured communities (issue 7 point 2, protocol.md §7.2): the
 * signing key and its certificate, read and checked when the configuration is read (a missing or unreadable file is
 * a configuration problem), the issuer, the subject confirmation method, the service subject that speaks when no
 * front-door user is named, and the assertion's time window. Without a key of its own the section signs with the
 * {@code tls:} client certificate: Carequality issues one certificate per participant, and it serves both.
 *
 * @param key          the signing key and chain
 * @param keySource    where the key was read from, for the start-up log
 * @param issuer       {@code saml2:Issuer}: the configured value, or the certificate's subject DN
 * @param confirmation holder-of-key or sender-vouches
 * @param service      the subject of requests made for no front-door user
 * @param clockSkew    how far back NotBefore is put for peers whose clocks run behind (0 to 10 min)
 * @param validity     from issue to NotOnOrAfter, and the timestamp's lifetime (1 s to 1 h)
 * @param followsTls   the key is the {@code tls:} client pair (none configured): a rotated one signs too
 */
public record XuaConfig(XuaSignerConfig.SigningKey key, String keySource, XuaSignerConfig.Issuer issuer,
                        XuaSignerConfig.Confirmation confirmation, XuaSubject service, Duration clockSkew,
                        Duration validity, boolean followsTls) {
  static final String DEFAULT_SUBJECT_ID = SecureDemo.APP_NAME + " service";
  /** SNOMED CT "Administrative AND/OR managerial worker": what a gateway acting for itself commonly sends. */
  static final String DEFAULT_ROLE = "224608005";
  static final String DEFAULT_ROLE_NAME = "Administrative AND/OR managerial worker";
  static final Duration DEFAULT_SKEW = Duration.ofMinutes(2);
  static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(5);

  public XuaConfig {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keySource, "keySource");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(validity, "validity");
  }

  /** How this bridge signs, for {@link XuaSigning}. */
  XuaSignerConfig signerConfig(IdentityConfig identity) {
    return XuaSignerConfig.of(issuer, identity.homeCommunityId(), key).withConfirmation(confirmation)
        .withClockSkew(clockSkew).withLifetimes(validity, validity);
  }

  /** "holder-of-key" or "sender-vouches", as configured. */
  String confirmationName() {
    return confirmation == XuaSignerConfig.Confirmation.HOLDER_OF_KEY ? "holder-of-key" : "sender-vouches";
  }

  /**
   * Null when the section is absent or a problem was recorded. Reads the key files (blocking, at start-up only);
   * {@code tls} is where the key comes from when the section names none. {@code tls} absent is the caller's problem
   * to report (xua needs tls).
   */
  static XuaConfig readOrNull(ConfigReader r, IdentityConfig identity, TlsConfig tls) {
    if (ConfigSchema.SECTIONS.get("xua").stream().noneMatch(r::has)) {
      return null;
    }
    int before = r.problems().count();
    Path cert = r.path("certificate", null);
    Path privateKey = r.path("privateKey", null);
    Path keyStore = r.path("keyStore", null);
    String password = r.text("keyStorePassword", null);
    String issuerText = r.text("issuer", null);
    String method = r.text("subjectConfirmation", "holder-of-key").toLowerCase(Locale.ROOT);
    XuaSignerConfig.Confirmation confirmation = XuaSignerConfig.Confirmation.HOLDER_OF_KEY;
    if (method.equals("sender-vouches")) {
      confirmation = XuaSignerConfig.Confirmation.SENDER_VOUCHES;
    } else if (!method.equals("holder-of-key")) {
      r.problem("subjectConfirmation", "expected holder-of-key or sender-vouches, was '" + method + "'");
    }
    String subjectId = r.text("subjectId", DEFAULT_SUBJECT_ID);
    String organization = r.text("organization", identity.organisationName());
    String organizationId = r.oid("organizationId", identity.organisationOid());
    String role = r.text("role", DEFAULT_ROLE);
    String roleName = r.text("roleName", role.equals(DEFAULT_ROLE) ? DEFAULT_ROLE_NAME : null);
    String purpose = r.text("purposeOfUse", "TREATMENT");
    String npi = r.text("npi", null);
    Duration skew = r.duration("clockSkew", DEFAULT_SKEW, Duration.ZERO, XuaSignerConfig.MAX_SKEW);
    Duration validity = r.duration("validity", DEFAULT_VALIDITY, Duration.ofSeconds(1), Duration.ofHours(1));
    TlsKeyStore store = keyStore(r, cert, privateKey, keyStore, password, tls);
    XuaSubject service = null;
    try {
      service = XuaSubject.of(subjectId, organization, organizationId,
          new XuaCode(role, TokenDoor.SNOMED_CT, Optional.of("SNOMED_CT"), Optional.ofNullable(roleName)),
          new XuaCode(purpose, TokenDoor.NHIN_PURPOSE, Optional.of("nhin-purpose"), Optional.empty()));
      if (npi != null) {
        service = service.withNpi(npi);
      }
    } catch (IllegalArgumentException e) {
      r.problem("the service subject: " + e.getMessage());
    }
    if (store == null || r.problems().count() > before) {
      return null;
    }
    XuaSignerConfig.SigningKey key;
    try {
      key = XuaSignerConfig.SigningKey.load(store);
    } catch (TlsConfigException | IllegalArgumentException e) {
      if (cert == null && keyStore == null) {
        r.problem("the signing key (the tls: client pair, as xua names none): " + e.getMessage());
      } else {
        r.problem(cert != null ? "certificate" : "keyStore", "the signing key: " + e.getMessage());
      }
      return null;
    }
    String source = store instanceof TlsKeyStore.Pem p ? p.certificateChain() + " and " + p.privateKey()
        : store.toString();
    XuaSignerConfig.Issuer issuer = issuerText == null
        ? XuaSignerConfig.Issuer.x509(key.certificate().getSubjectX500Principal().getName())
        : issuerText.contains("@") && !issuerText.contains("=") ? XuaSignerConfig.Issuer.email(issuerText)
        : XuaSignerConfig.Issuer.x509(issuerText);
    return new XuaConfig(key, source, issuer, confirmation, service, skew, validity, cert == null && keyStore == null);
  }

  /** PEM pair, PKCS#12 store, or (neither given) the tls: client certificate; exactly one. */
  private static TlsKeyStore keyStore(ConfigReader r, Path cert, Path key, Path store, String password,
      TlsConfig tls) {
    boolean pem = cert != null || key != null;
    if (pem && store != null) {
      r.problem("give certificate and privateKey (PEM) or keyStore (PKCS#12), not both");
      return null;
    }
    if (pem) {
      if (cert == null || key == null) {
        r.problem(cert == null ? "certificate" : "privateKey", "required with " + (cert == null ? "privateKey"
            : "certificate") + ": the signing certificate chain and its unencrypted PKCS#8 key, as PEM files");
        return null;
      }
      return new TlsKeyStore.Pem(cert, key);
    }
    if (store != null) {
      if (password == null) {
        r.problem("keyStorePassword", "required with keyStore (better from the environment: "
            + ConfigSchema.envName("xua", "keyStorePassword") + ")");
        return null;
      }
      return new TlsKeyStore.Pkcs12(store, password);
    }
    // without tls the caller reports "xua needs tls"
    return tls == null ? null : new TlsKeyStore.Pem(tls.certificateFile(), tls.privateKeyFile());
  }
}
