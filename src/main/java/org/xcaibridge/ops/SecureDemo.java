package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.ExchangeObserver;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaSignerConfig;
import org.xcaibridge.trust.XuaValidator;
import org.xcaibridge.trust.XuaValidatorConfig;

/**
 * The secure demo ({@code --secure}, issue 7 point 7): the test PKI under the work directory (generated at the first
 * start by {@link PkiGenerator}, reused after), the responder's guard built from it (two-way TLS with the server
 * certificate, XUA assertions signed by a certificate of the test CA, the audit trail), and the bridge's initiating
 * side (the client certificate, which also signs the assertions — Carequality issues one certificate per
 * participant and it serves both) with the same audit trail. With {@code secure.auditHost} the trail sends to that
 * repository; without it nothing is audited, and the log says so. The signing and the audit trail are the ones the
 * configured communities use ({@link XuaSigning}, {@link AuditSetup}); only the PKI and the responder's guard are the
 * demo's own.
 */
final class SecureDemo {
  private static final Logger LOG = LoggerFactory.getLogger(SecureDemo.class);
  static final String APP_NAME = "xcai-bridge";
  static final String AUDIT_FOLDER = "audit";

  final PkiFiles pki;
  final TlsSetup server;
  final TlsSetup client;
  private final XuaSignerConfig.SigningKey signingKey;
  private final SecureConfig config;
  /** The audit trail, or null when no audit record repository is configured. */
  final AuditSetup audit;
  private final Clock clock;

  private SecureDemo(PkiFiles pki, TlsSetup server, TlsSetup client, XuaSignerConfig.SigningKey signingKey,
      SecureConfig config, AuditSetup audit, Clock clock) {
    this.pki = pki;
    this.server = server;
    this.client = client;
    this.signingKey = signingKey;
    this.config = config;
    this.audit = audit;
    this.clock = clock;
  }

  private AuditSink sink() {
    return audit == null ? AuditSink.none() : audit.sink;
  }

  /**
   * The PKI (generated or reused, on a worker), its stores loaded, and the audit trail opened if configured — by
   * {@code secure.auditHost}, or else by the {@code audit:} section ({@code audit}, may be null); over TLS it
   * presents the test client certificate.
   */
  static Future<SecureDemo> start(Vertx vertx, Path workDir, SecureConfig config, AuditConfig audit, Clock clock) {
    Path dir = config.pkiDirectory(workDir);
    LOG.info("secure demo: checking the TEST PKI in {} (generated once with keytool)", dir);
    record Loaded(PkiFiles pki, TlsSetup server, TlsSetup client, XuaSignerConfig.SigningKey key) {}
    return PkiGenerator.ensure(vertx, dir, PkiSettings.demo(), clock)
        .compose(pki -> vertx.executeBlocking(() -> new Loaded(pki, TlsSetup.load(pki.serverTls()),
            TlsSetup.load(pki.clientTls()), signingKey(pki)), false))
        .compose(l -> {
          LOG.warn("secure demo: {} TEST PKI in {} (CA, responder server certificate, bridge client certificate "
              + "that also signs the SAML assertions; passwords in {}). It is for testing only: never use it "
              + "for real patient data.", l.pki().generated() ? "generated a new" : "using the existing",
              l.pki().directory(), PkiFiles.PASSWORDS);
          l.server().expiryFindings(clock).forEach(f -> LOG.warn("secure demo: {}", f.message()));
          if (config.auditHost() == null && audit == null) {
            LOG.warn("secure demo: no audit record repository configured (secure.auditHost): nothing is audited");
            return Future.succeededFuture(new SecureDemo(l.pki(), l.server(), l.client(), l.key(), config, null,
                clock));
          }
          AuditSetup.Destination d = config.auditHost() == null ? AuditSetup.Destination.of(audit, workDir)
              : new AuditSetup.Destination(config.auditHost(), config.auditPort(), config.auditTransport(),
                  workDir.resolve(AUDIT_FOLDER).toAbsolutePath().normalize(), null, null);
          return AuditSetup.open(vertx, d, l.client(), clock).map(trail -> new SecureDemo(l.pki(), l.server(),
              l.client(), l.key(), config, trail, clock));
        });
  }

  /** The client certificate's key, read from its PKCS#12 store. Blocking. */
  private static XuaSignerConfig.SigningKey signingKey(PkiFiles pki) throws Exception {
    char[] password = pki.passwords().get(PkiFiles.CLIENT_STORE).toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_STORE))) {
      store.load(in, password);
    }
    String alias = store.aliases().nextElement();
    return XuaSignerConfig.SigningKey.fromKeyStore(store, alias, password);
  }

  /**
   * The responder's guard: the server certificate, client certificates of the test CA required, assertions signed
   * by a certificate of the test CA and meant for one of its endpoints, the audit trail.
   */
  ResponderSecurity responderSecurity() {
    List<X509Certificate> anchors = server.trustAnchors();
    return ResponderSecurity.none().withTls(server)
        .withXua(base -> new XuaValidator(XuaValidatorConfig.of(new HashSet<>(anchors),
            RespondingGateway.endpointUrls(base)).withClockSkew(config.clockSkew()), clock))
        .withAudit(sink());
  }

  /**
   * The bridge's initiating side: the client certificate, a signed assertion per request (audience: the endpoint
   * called) speaking for the bridge's service identity unless a front-door user is named, the audit trail.
   */
  InitiatorSetup initiator(Vertx vertx, IdentityConfig identity, ExchangeObserver observer) {
    XuaSignerConfig signer = XuaSignerConfig.of(XuaSignerConfig.Issuer.x509(
        signingKey.certificate().getSubjectX500Principal().getName()), identity.homeCommunityId(), signingKey);
    SecurityHeaderSource source = new XuaSigning(signer, XuaSigning.demoService(identity), clock)
        .source(vertx, CommunityXua.DEFAULT);
    return InitiatorSetup.demo().withTls(client).withSecurity(source).withAudit(sink()).withObserver(observer);
  }

  /** The bridge's client of its embedded responder, secured as {@link #initiator} says. */
  CommunityClient responderClient(Vertx vertx, IdentityConfig identity, ResponderIdentity responder, String base,
      ExchangeObserver observer) {
    CommunityEndpoints endpoints = CommunityEndpoints.of(responder.homeCommunityId(), "embedded responder",
        URI.create(base + RespondingGateway.ITI55_PATH), URI.create(base + RespondingGateway.ITI38_PATH),
        URI.create(base + RespondingGateway.ITI39_PATH), URI.create(base + RespondingGateway.RAD75_PATH));
    return CommunityClient.create(vertx, endpoints, CommunitySettings.DEFAULT, initiator(vertx, identity, observer));
  }

  /**
   * Makes the bridge's client of its responder and proves the secure path once: an ITI-38 query (for the first demo
   * patient, or a patient no archive has) over two-way TLS with a signed assertion. A refusal at the door (TLS, a
   * WS-Security fault) fails the start: the demo would otherwise run with a path that cannot work.
   */
  static Future<Void> connectBridge(Vertx vertx, Launcher.Running running) {
    ResponderIdentity id = running.config.responder().identity();
    running.responderClient = running.secure.responderClient(vertx, running.config.identity(), id,
        running.responderUrl(), running.ops.metrics.initiating());
    String patient = running.demo != null && !running.demo.patientIds().isEmpty()
        ? running.demo.patientIds().get(0) : "xcai-secure-probe";
    AdhocQueryRequest q = new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(patient,
        id.assigningAuthorityOid()), DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS,
        id.homeCommunityId());
    return running.responderClient.query(q).<Void>map(r -> {
      LOG.info("secure demo: the bridge asked its responder (ITI-38 over two-way TLS with a signed XUA assertion): "
          + "{}, {} entries", r.status(), r.documentEntries().size());
      return null;
    }).recover(e -> {
      if (e instanceof GatewayException.Tls || e instanceof GatewayException.Fault) {
        return Future.failedFuture(new IllegalStateException("secure demo: the bridge cannot reach its own "
            + "responder through the secure door: " + e.getMessage(), e));
      }
      LOG.warn("secure demo: the bridge's ITI-38 to its responder failed: {}", e.getMessage());
      return Future.succeededFuture();
    });
  }
}
