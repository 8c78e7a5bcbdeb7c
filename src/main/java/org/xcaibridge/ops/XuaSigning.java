package org.xcaibridge.ops;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.xcaibridge.gateway.SecurityHeaderSource;
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
  private final XuaSigner signer;
  private final XuaSubject service;
  private final XuaSignerConfig config;

  XuaSigning(XuaSignerConfig config, XuaSubject service, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
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
    return SecurityHeaderSource.xua(vertx, signer, service, peer::recipient);
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

  XuaSubject service() {
    return service;
  }

  XuaSignerConfig config() {
    return config;
  }
}
