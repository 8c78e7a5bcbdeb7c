package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.dicomweb.FrontDoor;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.responder.DicomWebArchive;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ImageArchive;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.responder.ResponderSettings;

/**
 * Starts what the configuration asks for, in order: the work directory; with the responder on, its archive —
 * the demo studies (generated once, on a worker), a folder of Part 10 files or a DICOMweb origin — and the
 * Responding Imaging Gateway over it — guarded by the secure demo's test PKI, XUA and audit with {@code --secure}
 * ({@link SecureDemo}); then, in bridge mode, the study core ({@link BridgeCore}) and the front. The log then says where everything is, so that a person can point an IHE client or a
 * viewer at it, and says plainly that security is relaxed. What was started is closed again when a later step
 * fails.
 */
final class Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
  /** How often a served folder is checked for new or removed files. */
  static final Duration FOLDER_RESCAN = Duration.ofMinutes(1);
  /** The AE title XDS-I.b manifests name as where to retrieve (the responder has no DIMSE side). */
  static final String RETRIEVE_AE_TITLE = "XCAI_RESPONDER";
  static final String DEMO_FOLDER = "demo";
  static final String RESPONDER_FOLDER = "responder";

  private Launcher() {}

  /** What is running; {@link #close} stops it (the Vert.x instance belongs to the caller). */
  static final class Running {
    final BridgeConfig config;
    final Path workDir;
    DemoCommunity.Result demo;
    ImageArchive archive;
    RespondingGateway gateway;
    HttpServer responder;
    HttpServer front;
    OpsRuntime ops;
    TlsReloader tls;
    InstanceStore store;
    /** The secure demo's PKI and guard; null unless {@code --secure}. */
    SecureDemo secure;
    /** The audit trail (of {@code audit:} or the secure demo's {@code secure.audit*}); null: nothing is audited. */
    AuditSetup audit;
    /** In the secure demo's bridge mode: the bridge's client of its responder (TLS, signed assertions). */
    CommunityClient responderClient;
    CommunityRoster roster;
    /** The study core and locator behind the front; null unless in bridge mode. */
    BridgeCore core;
    /** Studies the locator knew when the front opened. */
    int located;

    private Running(BridgeConfig config, Path workDir) {
      this.config = config;
      this.workDir = workDir;
    }

    /** The front's port, or -1 when only the responder runs. */
    int frontPort() {
      return front == null ? -1 : front.actualPort();
    }

    /** The responder's base URL ({@code http://127.0.0.1:8081}), or null when it does not run. */
    String responderUrl() {
      return responder == null ? null : (secure == null ? "http://" : "https://")
          + urlHost(config.responder().host()) + ":" + responder.actualPort();
    }

    /**
     * Servers first, so that no request reaches a closed archive; then the cache (its index is written) and the
     * archive.
     */
    Future<Void> close() {
      if (tls != null) {
        tls.stop();
      }
      List<Future<Void>> servers = new ArrayList<>();
      if (front != null) {
        servers.add(front.close());
      }
      if (gateway != null) {
        servers.add(gateway.close());
      }
      return Future.join(servers)
          .transform(x -> core == null ? Future.succeededFuture() : core.close())
          .transform(x -> {
            List<Future<Void>> clients = new ArrayList<>();
            if (roster != null) {
              clients.add(roster.close());
            }
            if (responderClient != null) {
              clients.add(responderClient.close());
            }
            return Future.join(clients);
          })
          .transform(x -> store == null ? Future.succeededFuture() : store.close())
          .transform(x -> archive == null ? Future.succeededFuture() : archive.close())
          .transform(x -> audit == null ? Future.succeededFuture() : audit.close())
          .mapEmpty();
    }

    /** Where the front door, the responder and the initiating side record their audit events. */
    AuditSink auditSink() {
      return audit == null ? AuditSink.none() : audit.sink;
    }

    /**
     * The graceful way out (SIGTERM): readiness fails at once, the front turns new requests away, its requests in
     * flight get up to {@code grace} to finish; the embedded responder keeps taking requests until then (the
     * front's retrievals go through it), then turns new ones away and gets what is left of {@code grace} for its
     * own; then {@link #close}. Completes with true when nothing was cut.
     */
    Future<Boolean> drain(Duration grace) {
      if (ops == null) {
        return close().map(true);
      }
      long deadline = System.nanoTime() + grace.toNanos();
      ops.health.startDraining();
      LOG.info("draining: readiness fails from now on, {} requests in flight get up to {} to finish",
          ops.gate.inFlight() + ops.responderGate.inFlight(), DurationSetting.format(grace));
      return ops.gate.idle(grace).compose(front -> {
        ops.closeResponder();
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        // the front's requests still in flight when its grace ran out are cut, whatever the responder has left
        return front ? ops.responderGate.idle(left) : Future.succeededFuture(false);
      }).compose(clean -> {
        if (clean) {
          LOG.info("drained: no request in flight; closing");
        } else {
          LOG.warn("grace period of {} over with {} requests in flight; closing them", DurationSetting.format(grace),
              ops.gate.inFlight() + ops.responderGate.inFlight());
        }
        return close().map(clean);
      });
    }
  }

  static Future<Running> start(Vertx vertx, LaunchOptions.Mode mode, ConfigLoader.Loaded loaded, Clock clock) {
    BridgeConfig config = loaded.config();
    Running running = new Running(config, config.workDir().toAbsolutePath().normalize());
    LOG.info("configuration: {}", loaded.origin());
    Future<Running> started = vertx.executeBlocking(() -> Files.createDirectories(running.workDir), false)
        .compose(d -> {
          LOG.info("work directory: {} (demo data, indexes and caches live here)", d);
          return startOps(vertx, running, mode, clock);
        })
        .compose(v -> startAudit(vertx, running, clock))
        .compose(v -> mode == LaunchOptions.Mode.BRIDGE ? startCommunities(vertx, running, clock)
            : Future.succeededFuture())
        .compose(v -> config.responder().enabled() ? startResponder(vertx, running, clock) : Future.succeededFuture())
        .compose(v -> mode == LaunchOptions.Mode.BRIDGE && running.secure != null && running.responder != null
            ? SecureDemo.connectBridge(vertx, running) : Future.succeededFuture())
        .compose(v -> mode == LaunchOptions.Mode.BRIDGE ? startBridge(vertx, running, clock) : Future.succeededFuture())
        .map(v -> {
          summary(running);
          return running;
        });
    return started.recover(e -> running.close().transform(x -> Future.failedFuture(e)));
  }

  /** Metrics and health; the TLS files (watched); in bridge mode the instance cache. */
  private static Future<Void> startOps(Vertx vertx, Running running, LaunchOptions.Mode mode, Clock clock) {
    BridgeConfig c = running.config;
    if (c.logging().json()) {
      LogFormat.json();
    }
    return OpsRuntime.start(vertx, c.lifecycle(), c.logging()).compose(ops -> {
      running.ops = ops;
      ops.health.add("configuration", () -> Health.Check.up("configuration", "valid"));
      if (c.tls() == null) {
        return Future.succeededFuture();
      }
      return TlsReloader.start(vertx, c.tls(), c.lifecycle().certificateMargin()).map(t -> {
        running.tls = t;
        ops.health.add(ReadinessChecks.tls(t, clock));
        t.current().expiryFindings(clock).forEach(f -> LOG.warn(f.message()));
        LOG.info("TLS: certificate and trust anchors from {} (checked for changes every {})", c.tls().directory(),
            DurationSetting.format(c.tls().reloadInterval()));
        return null;
      });
    }).compose(v -> {
      if (mode != LaunchOptions.Mode.BRIDGE) {
        return Future.succeededFuture();
      }
      Path dir = c.cache().directory().toAbsolutePath().normalize();
      return InstanceStore.open(vertx, BridgeCore.cacheSettings(c.cache())).map(store -> {
        running.store = store;
        running.ops.metrics.bindCache(store::stats);
        running.ops.health.add(ReadinessChecks.writable(vertx, "cacheDirectory", dir));
        LOG.info("cache: {} ({} entries, {} MiB kept from before)", dir, store.recovery().entries(),
            store.recovery().bytes() >> 20);
        return null;
      });
    });
  }

  /**
   * The secure demo, with its audit trail if {@code secure.auditHost} names one; else the trail of {@code audit:}
   * (over TLS with the {@code tls:} client identity), if configured. Its spool goes on /metrics and in readiness.
   */
  private static Future<Void> startAudit(Vertx vertx, Running running, Clock clock) {
    BridgeConfig c = running.config;
    Future<AuditSetup> audit;
    if (c.secure().enabled()) {
      audit = SecureDemo.start(vertx, running.workDir, c.secure(), c.audit(), clock).map(s -> {
        running.secure = s;
        return s.audit;
      });
    } else if (c.audit() != null) {
      audit = AuditSetup.open(vertx, AuditSetup.Destination.of(c.audit(), running.workDir),
          running.tls == null ? null : running.tls.current(), clock).map(a -> {
            if (running.tls != null) {
              a.follow(running.tls);
            }
            return a;
          });
    } else {
      audit = Future.succeededFuture();
    }
    return audit.map(a -> {
      running.audit = a;
      if (a != null) {
        a.watch(running.ops);
      }
      return null;
    });
  }

  /** The communities (static and from the directory) with their clients; TLS rotations reach them. */
  private static Future<Void> startCommunities(Vertx vertx, Running running, Clock clock) {
    InitiatorSetup demo = InitiatorSetup.demo();
    InitiatorSetup plain = new InitiatorSetup(demo.tls(), demo.security(), RequestLog.messageIds(), demo.random())
        .withObserver(running.ops.metrics.initiating()).withAudit(running.auditSink());
    InitiatorSetup setup = running.tls == null ? plain : plain.withTls(running.tls.current());
    XuaConfig xua = running.config.xua();
    XuaSigning signing = xua == null ? null : XuaSigning.of(xua, running.config.identity(), clock);
    if (signing != null && xua.followsTls() && running.tls != null) {
      signing.follow(running.tls, running.config.tls());
    }
    return CommunityRoster.start(vertx, running.config, setup, signing, clock).map(roster -> {
      running.roster = roster;
      if (running.tls != null) {
        running.tls.onChange(roster::updateTls);
      }
      if (roster.feed != null) {
        // informative only: a directory that cannot be read now must not take the bridge out of service
        running.ops.health.add("communityDirectory", () -> Health.Check.up("communityDirectory",
            roster.directory().all().size() + " communities" + (roster.feed.lastProblem() == null ? ""
                : "; last refresh failed, the previous directory is kept: " + roster.feed.lastProblem())));
      }
      return null;
    });
  }

  /**
   * The study core and the front. In demo mode the embedded responder's patients are searched once first, so that
   * a viewer's study list (a search naming no patient) shows the demo studies from the start.
   */
  private static Future<Void> startBridge(Vertx vertx, Running running, Clock clock) {
    return BridgeCore.start(vertx, running).compose(core -> {
      running.core = core;
      return running.config.demo() && running.archive != null ? core.locateAll(running.archive)
          : Future.succeededFuture(core.locator.size());
    }).compose(n -> {
      running.located = n;
      BridgeConfig c = running.config;
      FrontDoor door = c.frontDoor() == null ? null : TokenDoor.create(vertx, c.frontDoor(), c.identity(),
          running.auditSink(), clock);
      return BridgeServer.start(vertx, c.front(), running.ops, running.core.service, door);
    }).map(s -> {
      running.front = s;
      return null;
    });
  }

  private static Future<Void> startResponder(Vertx vertx, Running running, Clock clock) {
    ResponderConfig rc = running.config.responder();
    ManifestSettings manifests = new ManifestSettings(rc.repositoryUniqueId(), RETRIEVE_AE_TITLE);
    if (rc.dicomwebUrl() != null) {
      running.archive = DicomWebArchive.create(vertx, DicomWebArchive.Options.of(rc.dicomwebUrl(), manifests));
      LOG.info("responder archive: DICOMweb origin {}", rc.dicomwebUrl());
      return listen(vertx, running);
    }
    Future<Path> folder;
    if (rc.servesDemo()) {
      Path demo = running.workDir.resolve(DEMO_FOLDER);
      LOG.info("demo studies: checking {} (generated once, about 100 MiB)", demo);
      folder = vertx.executeBlocking(() -> DemoCommunity.ensure(demo, clock), false).map(r -> {
        running.demo = r;
        LOG.info("demo studies: {} {} files ({} MiB) for {} patients, {} studies in {}{}",
            r.generated() ? "generated" : "kept", r.files(), r.bytes() >> 20, r.patientIds().size(), r.studies(),
            r.folder(), r.generated() ? " in " + r.took().toMillis() + " ms"
                : " (generated earlier; delete the folder to generate again)");
        return r.folder();
      });
    } else {
      folder = Future.succeededFuture(rc.folder().toAbsolutePath().normalize());
    }
    return folder.compose(f -> FolderArchive.start(vertx, new FolderArchive.Options(f,
            running.workDir.resolve(RESPONDER_FOLDER), manifests, FOLDER_RESCAN)))
        .compose(a -> {
          running.archive = a;
          return listen(vertx, running);
        });
  }

  private static Future<Void> listen(Vertx vertx, Running running) {
    ResponderConfig rc = running.config.responder();
    running.gateway = new RespondingGateway(vertx, running.archive, rc.identity(), ResponderSettings.DEFAULT,
        (running.secure == null ? ResponderSecurity.none().withAudit(running.auditSink())
            : running.secure.responderSecurity())
            .withRejections((kind, reason) -> running.ops.metrics.rejected(kind.label(), reason)));
    Map<String, String> transactions = new HashMap<>();
    running.gateway.endpoints().forEach((t, path) -> transactions.put(path, label(t)));
    running.ops.guardResponder(running.gateway.router(), "ihe");
    running.gateway.router().route().order(-1)
        .handler(running.ops.metrics.iheHandler(rc.homeCommunityId(), transactions));
    return running.gateway.listen(rc.host(), rc.port()).map(server -> {
      running.responder = server;
      return null;
    });
  }

  private static void summary(Running r) {
    BridgeConfig c = r.config;
    if (r.responder != null) {
      ResponderConfig rc = c.responder();
      LOG.info("responder endpoints (SOAP 1.2, POST): {}", r.gateway.endpoints().entrySet().stream()
          .map(e -> e.getKey().name().replace('_', '-') + " " + r.responderUrl() + e.getValue())
          .collect(Collectors.joining(", ")));
      LOG.info("responder community: homeCommunityId {}, repositoryUniqueId {}, patient identity domain "
          + "(assigning authority) {}", rc.homeCommunityId(), rc.repositoryUniqueId(), rc.assigningAuthority());
      if (r.demo != null && !r.demo.patientIds().isEmpty()) {
        LOG.info("demo patients: {} (as CX: {}^^^&{}&ISO)", String.join(", ", r.demo.patientIds()),
            r.demo.patientIds().get(0), rc.assigningAuthority());
      }
    }
    FrontConfig front = BridgeServer.bound(c.front(), c.frontDoor() != null);
    if (r.front != null) {
      String base = "http://" + urlHost(front.host()) + ":" + r.front.actualPort();
      LOG.info("bridge front: {}/health", base);
      String dicomweb = BridgeServer.publicBaseUrl(front, r.front.actualPort());
      LOG.info("DICOMweb: {} ({} studies located); OHIF data source: qidoRoot and wadoRoot {}", dicomweb, r.located,
          dicomweb);
      LOG.info("probes: {}{}, {}{}; Prometheus metrics: {}{}", base, OpsRuntime.LIVE_PATH, base,
          OpsRuntime.READY_PATH, base, OpsRuntime.METRICS_PATH);
    }
    SecurityLines.log(r, front);
  }

  /** {@code ITI_38} → {@code ITI-38}, as the profiles write it. */
  static String label(IheTransaction t) {
    return t.name().replace('_', '-');
  }

  /** An IPv6 literal goes into a URL in brackets. */
  static String urlHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
