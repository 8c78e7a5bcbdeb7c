package org.xcaibridge.ops;

import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.trust.TlsKeyStore;
import org.xcaibridge.trust.XuaCode;
import org.xcaibridge.trust.XuaRecipient;
import org.xcaibridge.trust.XuaSigner;
import org.xcaibridge.trust.XuaSignerConfig;
import org.xcaibridge.trust.XuaSubject;

/**
 * The bridge's signer of XUA assertions and the service subject it speaks as when no front-door user is named —
 * one for the configured communities ({@code xua:}) and for the secure demo's client of its own responder. Each
 * community gets its own {@link SecurityHeaderSource}, with the audience and digest it needs ({@link CommunityXua}).
 */
final class XuaSigning {
  private static final Logger LOG = LoggerFactory.getLogger(XuaSigning.class);

  private final XuaSubject service;
  private final Clock clock;
  private volatile XuaSignerConfig config;
  private volatile XuaSigner signer;

  XuaSigning(XuaSignerConfig config, XuaSubject service, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signer = new XuaSigner(config, clock, UUID::randomUUID);
    this.service = Objects.requireNonNull(service, "service");
  }

  /** As the {@code xua:} section says. */
  static XuaSigning of(XuaConfig xua, IdentityConfig identity, Clock clock) {
    return new XuaSigning(xua.signerConfig(identity), xua.service(), clock);
  }

  /** The secure demo's service subject: the bridge's organisation, an administrative role, treatment. */
  static XuaSubject demoService(IdentityConfig identity) {
    return XuaSubject.of(XuaConfig.DEFAULT_SUBJECT_ID, identity.organisationName(), identity.organisationOid(),
        XuaCode.snomedRole(XuaConfig.DEFAULT_ROLE, XuaConfig.DEFAULT_ROLE_NAME), XuaCode.TREATMENT);
  }

  /** A signed assertion per request (on a worker), shaped for the community {@code peer} describes. */
  SecurityHeaderSource source(Vertx vertx, CommunityXua peer) {
    // the signer of the moment: a key that follows tls: changes under clients that live on
    return (transaction, endpoint, subject) -> SecurityHeaderSource.xua(vertx, signer, service, peer::recipient)
        .header(transaction, endpoint, subject);
  }

  /**
   * When the key is the {@code tls:} client pair, each rotation of those files signs from then on (read again from
   * the files the reloader has just taken; on its worker thread); an issuer that named the old certificate names the
   * new one. A pair that cannot be read keeps the previous key, and says so.
   */
  void follow(TlsReloader reloader, TlsConfig tls) {
    reloader.onChange(rotated -> {
      try {
        rekey(XuaSignerConfig.SigningKey.load(new TlsKeyStore.Pem(tls.certificateFile(), tls.privateKeyFile())));
        LOG.info("xua: assertions are signed with the rotated certificate {} from now on",
            signer().getSubjectX500Principal().getName());
      } catch (RuntimeException e) {
        LOG.warn("xua: the rotated TLS pair cannot sign, keeping the previous key: {}", e.getMessage());
      }
    });
  }

  /** Signs with {@code key} from now on. */
  synchronized void rekey(XuaSignerConfig.SigningKey key) {
    XuaSignerConfig old = config;
    XuaSignerConfig.Issuer issuer = old.issuer().equals(XuaSignerConfig.Issuer.x509(old.key().certificate()
        .getSubjectX500Principal().getName())) ? XuaSignerConfig.Issuer.x509(key.certificate()
        .getSubjectX500Principal().getName()) : old.issuer();
    XuaSignerConfig next = new XuaSignerConfig(issuer, old.homeCommunityId(), key, old.confirmation(),
        old.clockSkew(), old.assertionLifetime(), old.timestampLifetime(), old.locality());
    signer = new XuaSigner(next, clock, UUID::randomUUID);
    config = next;
  }

  /** The certificate assertions are signed with now. */
  X509Certificate signer() {
    return config.key().certificate();
  }

  /**
   * For the start-up line: "no", or "yes (" the confirmation, issuer, key file, the service subject, and the
   * communities whose assertions differ from the default ")".
   */
  static String describe(BridgeConfig c) {
    XuaConfig x = c.xua();
    if (x == null) {
      return "no";
    }
    StringBuilder b = new StringBuilder("yes (").append(x.confirmationName()).append(", issuer ")
        .append(x.issuer().value()).append(", signed with ").append(x.keySource()).append(", service subject '")
        .append(x.service().subjectId()).append("' of ").append(x.service().organization());
    List<String> sha1 = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (CommunityConfig community : c.communities()) {
      if (community.xua().suite() == XuaRecipient.SignatureSuite.RSA_SHA1) {
        sha1.add(community.name());
      }
      if (community.xua().audience() != null) {
        other.add(community.name() + " → " + community.xua().audience());
      }
    }
    if (!sha1.isEmpty()) {
      b.append("; RSA-SHA1/SHA-1 for ").append(String.join(", ", sha1));
    }
    b.append("; audience: the endpoint called");
    if (!other.isEmpty()) {
      b.append(", except ").append(String.join(", ", other));
    }
    return b.append(")").toString();
  }

  XuaSignerConfig config() {
    return config;
  }
}
