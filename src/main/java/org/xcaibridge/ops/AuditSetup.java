package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.trust.AuditCodes;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditEvents;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.AuditNode;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.AuditSpoolLimits;
import org.xcaibridge.trust.AuditTrail;
import org.xcaibridge.trust.AuditTrailSettings;
import org.xcaibridge.trust.SyslogHeader;
import org.xcaibridge.trust.SyslogTlsTransport;
import org.xcaibridge.trust.SyslogTransport;
import org.xcaibridge.trust.SyslogUdpTransport;
import org.xcaibridge.trust.TlsSetup;

/**
 * The bridge's one ATNA audit trail, whoever asked for it — the {@code audit:} section or the secure demo's
 * {@code secure.audit*}: the disk spool, the syslog transport (TLS with the bridge's client certificate, or UDP),
 * the sink the gateways, the responder and the front door record in, the Application Activity records of start and
 * stop, the spool on /metrics and in readiness, and a stop that gives the repository a moment to take what is left.
 */
final class AuditSetup {
  private static final Logger LOG = LoggerFactory.getLogger(AuditSetup.class);
  /** How long a stop waits for the trail to deliver what it holds. */
  static final Duration CLOSE_DRAIN = Duration.ofSeconds(3);

  /**
   * Where the records go and how this bridge names itself in them.
   *
   * @param auditSourceId    AuditSourceID; null: {@code xcai-bridge@<host name>}
   * @param enterpriseSiteId AuditEnterpriseSiteID, or null
   */
  record Destination(String host, int port, SecureConfig.AuditTransport transport, Path spool, String auditSourceId,
                     String enterpriseSiteId) {
    Destination {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(spool, "spool");
    }

    static Destination of(AuditConfig c, Path workDir) {
      return new Destination(c.host(), c.port(), c.transport(), c.spool(workDir), c.auditSourceId(),
          c.enterpriseSiteId());
    }

    String describe() {
      return "syslog over " + (transport == SecureConfig.AuditTransport.TLS ? "TLS (RFC 5425)" : "UDP (RFC 5426)")
          + " to " + Launcher.urlHost(host) + ":" + port + ", spooled in " + spool;
    }
  }

  final Destination destination;
  final AuditTrail trail;
  final AuditSink sink;
  private final Vertx vertx;
  private final SyslogTransport transport;

  private AuditSetup(Vertx vertx, Destination destination, AuditTrail trail, AuditSink sink,
      SyslogTransport transport) {
    this.vertx = vertx;
    this.destination = destination;
    this.trail = trail;
    this.sink = sink;
    this.transport = transport;
  }

  /**
   * Opens the spool and the transport, and records the start. {@code client} is the TLS identity presented to the
   * repository (required for TLS; unused for UDP).
   */
  static Future<AuditSetup> open(Vertx vertx, Destination d, TlsSetup client, Clock clock) {
    if (d.transport() == SecureConfig.AuditTransport.TLS) {
      Objects.requireNonNull(client, "syslog over TLS needs the bridge's TLS client identity");
    }
    return vertx.executeBlocking(() -> InetAddress.getLocalHost().getHostName(), false).compose(name -> {
      String pid = Long.toString(ProcessHandle.current().pid());
      String host = name.matches("[\\x21-\\x7e]{1,255}") ? name : "-";
      AuditTrailSettings settings = AuditTrailSettings.of(d.spool(), SyslogHeader.ihe(host, SecureDemo.APP_NAME,
          pid), clock);
      SyslogTransport transport = transport(vertx, d, client);
      return AuditTrail.open(vertx, settings, transport).map(trail -> {
        String source = d.auditSourceId() != null ? d.auditSourceId() : SecureDemo.APP_NAME + "@" + host;
        AuditEvents events = new AuditEvents(new AuditNode(source, d.enterpriseSiteId(),
            AuditCodes.APPLICATION_SERVER_PROCESS, SecureDemo.APP_NAME, pid, host), clock);
        AuditSink sink = AuditSink.of(events, trail);
        sink.record(new AuditEvent.ApplicationActivity(EventOutcome.SUCCESS, true, null))
            .onFailure(e -> LOG.error("audit: the start could not be recorded: {}", e.getMessage()));
        LOG.info("audit: records go as {}", d.describe());
        return new AuditSetup(vertx, d, trail, sink, transport);
      });
    });
  }

  private static SyslogTransport transport(Vertx vertx, Destination d, TlsSetup client) {
    if (d.transport() == SecureConfig.AuditTransport.UDP) {
      return new SyslogUdpTransport(vertx, new DatagramSocketOptions(), d.host(), d.port(),
          SyslogUdpTransport.MAX_IPV4_PAYLOAD);
    }
    return new SyslogTlsTransport(vertx, client.netClientOptions(), d.host(), d.port(),
        SyslogTlsTransport.DEFAULT_SETTLE_TIME, SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES);
  }

  /**
   * Over TLS with the {@code tls:} client identity: each rotation of those files is presented to the repository from
   * the next connection on (the one open stays, as the repository accepted it; a break or a restart of the
   * repository makes the next). Without this a renewed certificate reached the audit only at the bridge's restart,
   * and an expired one was refused by the repository meanwhile.
   */
  void follow(TlsReloader reloader) {
    if (transport instanceof SyslogTlsTransport tls) {
      reloader.onChange(rotated -> tls.updateSslOptions(rotated.netClientOptions().getSslOptions())
          .onSuccess(x -> LOG.info("audit: the rotated TLS certificate is presented to the repository from the next "
              + "connection on"))
          .onFailure(e -> LOG.warn("audit: the rotated TLS certificate could not be taken, the previous one stays: "
              + "{}", e.toString())));
    }
  }

  /** The spool's depth on /metrics and in readiness. */
  void watch(OpsRuntime ops) {
    ops.metrics.bindAuditSpool(() -> trail.stats().pending(), () -> trail.stats().spoolBytes());
    ops.health.add("auditSpool", () -> ReadinessChecks.auditSpool(trail.stats(),
        AuditSpoolLimits.DEFAULT.maxSpoolBytes()));
  }

  /**
   * Records the stop, gives the trail up to {@link #CLOSE_DRAIN} to deliver what it holds, and closes it; what is
   * still undelivered then stays spooled for the next start.
   */
  Future<Void> close() {
    return sink.record(new AuditEvent.ApplicationActivity(EventOutcome.SUCCESS, false, null))
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
