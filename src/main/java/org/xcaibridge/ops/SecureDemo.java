package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
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
import org.xcaibridge.trust.AuditCodes;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditEvents;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.AuditNode;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.AuditTrail;
import org.xcaibridge.trust.AuditTrailSettings;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.SyslogHeader;
import org.xcaibridge.trust.SyslogTlsTransport;
import org.xcaibridge.trust.SyslogTransport;
import org.xcaibridge.trust.SyslogUdpTransport;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaCode;
import org.xcaibridge.trust.XuaRecipient;
import org.xcaibridge.trust.XuaSigner;
import org.xcaibridge.trust.XuaSignerConfig;
import org.xcaibridge.trust.XuaSubject;
import org.xcaibridge.trust.XuaValidator;
import org.xcaibridge.trust.XuaValidatorConfig;

/**
 * The secure demo ({@code --secure}, issue 7 point 7): the test PKI under the work directory (generated at the first
 * start by {@link PkiGenerator}, reused after), the responder's guard built from it (two-way TLS with the server
 * certificate, XUA assertions signed by a certificate of the test CA, the audit trail), and the bridge's initiating
 * side (the client certificate, which also signs the assertions — Carequality issues one certificate per
 * participant and it serves both) with the same audit trail. With {@code secure.auditHost} the trail sends to that
 * repository; without it nothing is audited, and the log says so.
 */
final class SecureDemo {
  private static final Logger LOG = LoggerFactory.getLogger(SecureDemo.class);
  static final String APP_NAME = "xcai-bridge";
  static final String AUDIT_FOLDER = "audit";
  /** How long a stop waits for the audit trail to deliver what it holds. */
  static final Duration CLOSE_DRAIN = Duration.ofSeconds(3);

  final PkiFiles pki;
  final TlsSetup server;
  final TlsSetup client;
  private final XuaSignerConfig.SigningKey signingKey;
  private final SecureConfig config;
  private final AuditTrail trail;
  final AuditSink audit;
  private final Clock clock;
  private final Vertx vertx;

  private SecureDemo(Vertx vertx, PkiFiles pki, TlsSetup server, TlsSetup client, XuaSignerConfig.SigningKey signingKey,
      SecureConfig config, AuditTrail trail, AuditSink audit, Clock clock) {
    this.vertx = vertx;
    this.pki = pki;
    this.server = server;
    this.client = client;
    this.signingKey = signingKey;
    this.config = config;
    this.trail = trail;
    this.audit = audit;
    this.clock = clock;
  }

  /** The audit trail, or null when no audit record repository is configured (for readiness and metrics). */
  AuditTrail trail() {
    return trail;
  }

  /** The PKI (generated or reused, on a worker), its stores loaded, and the audit trail opened if configured. */
  static Future<SecureDemo> start(Vertx vertx, Path workDir, SecureConfig config, Clock clock) {
    Path dir = config.pkiDirectory(workDir);
    LOG.info("secure demo: checking the TEST PKI in {} (generated once with keytool)", dir);
    record Loaded(PkiFiles pki, TlsSetup server, TlsSetup client, XuaSignerConfig.SigningKey key, String host) {}
    return PkiGenerator.ensure(vertx, dir, PkiSettings.demo(), clock)
        .compose(pki -> vertx.executeBlocking(() -> new Loaded(pki, TlsSetup.load(pki.serverTls()),
            TlsSetup.load(pki.clientTls()), signingKey(pki), InetAddress.getLocalHost().getHostName()), false))
        .compose(l -> {
          LOG.warn("secure demo: {} TEST PKI in {} (CA, responder server certificate, bridge client certificate "
              + "that also signs the SAML assertions; passwords in {}). It is for testing only: never use it "
              + "for real patient data.", l.pki().generated() ? "generated a new" : "using the existing",
              l.pki().directory(), PkiFiles.PASSWORDS);
          l.server().expiryFindings(clock).forEach(f -> LOG.warn("secure demo: {}", f.message()));
          if (config.auditHost() == null) {
            LOG.warn("secure demo: no audit record repository configured (secure.auditHost): nothing is audited");
            return Future.succeededFuture(new SecureDemo(vertx, l.pki(), l.server(), l.client(), l.key(), config, null,
                AuditSink.none(), clock));
          }
          String pid = Long.toString(ProcessHandle.current().pid());
          String host = l.host().matches("[\\x21-\\x7e]{1,255}") ? l.host() : "-";
          AuditTrailSettings settings = AuditTrailSettings.of(workDir.resolve(AUDIT_FOLDER),
              SyslogHeader.ihe(host, APP_NAME, pid), clock);
          return AuditTrail.open(vertx, settings, transport(vertx, config, l.client())).map(trail -> {
            AuditEvents events = new AuditEvents(new AuditNode(APP_NAME + "@" + host, null,
                AuditCodes.APPLICATION_SERVER_PROCESS, APP_NAME, pid, host), clock);
            AuditSink sink = AuditSink.of(events, trail);
            sink.record(new AuditEvent.ApplicationActivity(EventOutcome.SUCCESS, true, null));
            LOG.info("secure demo: audit records go to {}:{} ({}), spooled in {}", config.auditHost(),
                config.auditPort(), config.auditTransport() == SecureConfig.AuditTransport.TLS
                    ? "syslog over TLS, RFC 5425" : "syslog over UDP, RFC 5426", settings.spoolDirectory());
            return new SecureDemo(vertx, l.pki(), l.server(), l.client(), l.key(), config, trail, sink, clock);
          });
        });
  }

  private static SyslogTransport transport(Vertx vertx, SecureConfig config, TlsSetup client) {
    if (config.auditTransport() == SecureConfig.AuditTransport.UDP) {
      return new SyslogUdpTransport(vertx, new DatagramSocketOptions(), config.auditHost(), config.auditPort(),
          SyslogUdpTransport.MAX_IPV4_PAYLOAD);
    }
    return new SyslogTlsTransport(vertx, client.netClientOptions(), config.auditHost(), config.auditPort(),
        SyslogTlsTransport.DEFAULT_SETTLE_TIME, SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES);
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
        .withAudit(audit);
  }

  /**
   * The bridge's initiating side: the client certificate, a signed assertion per request (audience: the endpoint
   * called) speaking for the bridge's service identity unless a front-door user is named, the audit trail.
   */
  InitiatorSetup initiator(Vertx vertx, IdentityConfig identity, ExchangeObserver observer) {
    XuaSignerConfig signer = XuaSignerConfig.of(XuaSignerConfig.Issuer.x509(
        signingKey.certificate().getSubjectX500Principal().getName()), identity.homeCommunityId(), signingKey);
    XuaSubject service = XuaSubject.of(APP_NAME + " service", identity.organisationName(),
        identity.organisationOid(), XuaCode.snomedRole("224608005", "Administrative AND/OR managerial worker"),
        XuaCode.TREATMENT);
    SecurityHeaderSource source = SecurityHeaderSource.xua(vertx, new XuaSigner(signer, clock, UUID::randomUUID),
        service, endpoint -> XuaRecipient.of(endpoint.toString()));
    return InitiatorSetup.demo().withTls(client).withSecurity(source).withAudit(audit).withObserver(observer);
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

  /**
   * Records the stop, gives the trail up to {@link #CLOSE_DRAIN} to deliver what it holds, and closes it; what is
   * still undelivered then stays spooled for the next start.
   */
  Future<Void> close() {
    if (trail == null) {
      return Future.succeededFuture();
    }
    return audit.record(new AuditEvent.ApplicationActivity(EventOutcome.SUCCESS, false, null))
        .transform(x -> delivered(System.nanoTime() + CLOSE_DRAIN.toNanos()))
        .transform(x -> trail.close());
  }

  private Future<Void> delivered(long deadline) {
    if (trail.stats().pending() == 0 || System.nanoTime() > deadline) {
      return Future.succeededFuture();
    }
    return vertx.timer(50).compose(x -> delivered(deadline));
  }
}
