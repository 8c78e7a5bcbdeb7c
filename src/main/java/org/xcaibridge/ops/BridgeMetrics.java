package org.xcaibridge.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.xcaibridge.cache.CacheStats;

/**
 * The bridge's metrics, one facade over a Micrometer Prometheus registry, scraped at {@code /metrics}. Label
 * values come from small closed sets — route templates, never request paths; communities by their configured
 * name; transactions by their IHE number — so that no patient, study or UID ever becomes a time series.
 *
 * <p>Nothing outside {@code ops} imports this class (architecture.md); ops wires it:
 * <ul>
 *   <li>DICOMweb front: mount {@link #httpHandler} first on the router, {@code router.route().order(-1)
 *       .handler(metrics.httpHandler("dicomweb"))}: requests by route template, method and status with latency
 *       histograms, time to first byte, bytes in and out.</li>
 *   <li>IHE transactions: {@link #iheHandler} on the responder's router (responding side, by path); the initiating
 *       side through {@link #initiating()}, the community clients' exchange observer.</li>
 *   <li>{@link #rejected}: the responder's refusals (SAML by XUA reason, TLS handshakes), through its
 *       {@code RejectionListener}.</li>
 *   <li>{@link #bindCache}, {@link #bindAuditSpool}, {@link #retrievalStarted}.</li>
 * </ul>
 */
public final class BridgeMetrics {
  /** Latency buckets: a QIDO answer in milliseconds up to a study streamed for minutes. */
  private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300)};
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final AtomicInteger inFlightRetrievals = new AtomicInteger();
  /** Micrometer holds the objects behind gauges and function counters weakly: these are held here. */
  private final List<Object> held = new CopyOnWriteArrayList<>();

  private BridgeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("xcai.retrievals.in.flight", inFlightRetrievals, AtomicInteger::get)
        .description("image retrievals (RAD-75, RAD-69, ITI-39, WADO-RS) being streamed now").register(registry);
  }

  /** A registry of our own (not Micrometer's global one), with the JVM's memory, GC, thread and CPU meters. */
  public static BridgeMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // direct memory (jvm_buffer_*) is what -XX:MaxDirectMemorySize bounds: the first thing to watch when streaming
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    return new BridgeMetrics(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition (format 0.0.4), as {@code /metrics} answers it. */
  public String scrape() {
    return registry.scrape();
  }

  /** Answers {@code GET /metrics}. */
  Handler<RoutingContext> scrapeHandler() {
    return ctx -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(scrape());
  }

  /**
   * A Vert.x Web handler to mount before the routes of an HTTP API ({@code router.route().order(-1)}): it times
   * each request to its end, labelled with the route template that answered it ({@code unmatched} when none
   * did), and counts the bytes both ways.
   *
   * @param channel the API's name, {@code dicomweb}
   */
  public Handler<RoutingContext> httpHandler(String channel) {
    return new HttpObserver(this, channel, null);
  }

  /**
   * The same, knowing the router it is mounted on: a request answered by a failure handler is then labelled with
   * the template of the route whose path it has, not {@code unmatched}.
   */
  public Handler<RoutingContext> httpHandler(String channel, io.vertx.ext.web.Router router) {
    return new HttpObserver(this, channel, router);
  }

  /**
   * A handler for the responder's router: each request to one of {@code paths} is an IHE transaction on the
   * responding side, for {@code community} (our own); its outcome is {@code ok} (2xx), {@code fault} (a SOAP
   * fault, 500), {@code rejected} (another 4xx/5xx) or {@code aborted} (the connection went away first).
   */
  public Handler<RoutingContext> iheHandler(String community, Map<String, String> transactionByPath) {
    return new IheObserver(this, community, Map.copyOf(transactionByPath));
  }

  /** A started IHE exchange; {@link IheCall#end} records it once. */
  public IheCall startIhe(String role, String community, String transaction) {
    return new IheCall(this, role, community, transaction, System.nanoTime());
  }

  /** An IHE exchange being timed. */
  public static final class IheCall {
    private final BridgeMetrics metrics;
    private final String role;
    private final String community;
    private final String transaction;
    private final long start;
    private boolean firstByte;
    private boolean ended;

    private IheCall(BridgeMetrics metrics, String role, String community, String transaction, long start) {
      this.metrics = metrics;
      this.role = role;
      this.community = community;
      this.transaction = transaction;
      this.start = start;
    }

    /** The first byte of the answer went out (responding) or came in (initiating). */
    public void firstByte() {
      if (!firstByte) {
        firstByte = true;
        metrics.firstByte("ihe", transaction, System.nanoTime() - start);
      }
    }

    /** Records the exchange with its outcome ({@code ok}, {@code partial}, {@code fault}, …); later calls do nothing. */
    public void end(String outcome, long bytesIn, long bytesOut) {
      if (ended) {
        return;
      }
      ended = true;
      Timer.builder("xcai.ihe.transactions").description("IHE transactions by side, community, transaction, outcome")
          .tags("role", role, "community", community, "transaction", transaction, "outcome", outcome)
          .serviceLevelObjectives(LATENCY_BUCKETS).register(metrics.registry)
          .record(Duration.ofNanos(System.nanoTime() - start));
      metrics.bytes("in", "ihe", bytesIn);
      metrics.bytes("out", "ihe", bytesOut);
    }
  }

  void httpRequest(String channel, String route, String method, int status, long nanos) {
    Timer.builder("xcai." + channel + ".requests").description(channel + " requests by route template and status")
        .tags("route", route, "method", method, "status", Integer.toString(status))
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(Duration.ofNanos(nanos));
  }

  void firstByte(String channel, String name, long nanos) {
    Timer.builder("xcai.first.byte").description("from request to the response's first byte (status line)")
        .tags("channel", channel, "name", name).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** Bytes streamed, {@code direction} {@code in} or {@code out}, over {@code channel} ({@code dicomweb}, {@code ihe}). */
  public void bytes(String direction, String channel, long n) {
    if (n > 0) {
      Counter.builder("xcai.bytes").baseUnit("bytes").description("bytes streamed in and out")
          .tags("direction", direction, "channel", channel).register(registry).increment(n);
    }
  }

  /** Answer bytes read from a community on the initiating side. */
  void communityBytes(String community, String transaction, long n) {
    if (n > 0) {
      Counter.builder("xcai.ihe.received.bytes").baseUnit("bytes").description("answer bytes read from communities")
          .tags("community", community, "transaction", transaction).register(registry).increment(n);
    }
  }

  /** The observer for the community clients' setup: the initiating side of {@code xcai_ihe_transactions}. */
  public org.xcaibridge.gateway.ExchangeObserver initiating() {
    return new InitiatingObserver(this);
  }

  /** One more retrieval streaming; run the returned action once when it ends, however it ends. */
  public Runnable retrievalStarted() {
    inFlightRetrievals.incrementAndGet();
    AtomicInteger once = new AtomicInteger();
    return () -> {
      if (once.getAndIncrement() == 0) {
        inFlightRetrievals.decrementAndGet();
      }
    };
  }

  /** A refused peer or assertion: {@code kind} {@code saml} or {@code tls}, {@code reason} from a closed set. */
  public void rejected(String kind, String reason) {
    Counter.builder("xcai.rejections").description("SAML assertions and TLS peers refused")
        .tags("kind", kind, "reason", reason).register(registry).increment();
  }

  /** Cache counters and sizes, read from the store's own counters at each scrape. */
  public void bindCache(Supplier<CacheStats> stats) {
    held.add(stats);
    counter("xcai.cache.hits", "instance requests served from a complete entry", stats, CacheStats::hits);
    counter("xcai.cache.joins", "instance requests that joined a download in flight", stats, CacheStats::joins);
    counter("xcai.cache.misses", "instance requests that went upstream", stats, CacheStats::misses);
    counter("xcai.cache.evictions", "entries evicted to keep the byte budget", stats, CacheStats::evictions);
    counter("xcai.cache.read.bytes", "bytes handed to readers from the store", stats, CacheStats::bytesRead);
    counter("xcai.cache.written.bytes", "bytes written to the store", stats, CacheStats::bytesWritten);
    counter("xcai.cache.failed.downloads", "downloads that ended without an entry", stats, CacheStats::failedDownloads);
    counter("xcai.cache.metadata.hits", "metadata cache hits", stats, CacheStats::metadataHits);
    counter("xcai.cache.metadata.misses", "metadata cache misses", stats, CacheStats::metadataMisses);
    gauge("xcai.cache.stored.bytes", "bytes of complete entries on disk", stats, CacheStats::storeBytes);
    gauge("xcai.cache.entries", "complete entries on disk", stats, CacheStats::storeEntries);
    gauge("xcai.cache.downloads.in.flight", "instance downloads in progress", stats, CacheStats::inFlightDownloads);
    gauge("xcai.cache.metadata.bytes", "bytes the metadata cache holds", stats, CacheStats::metadataBytes);
  }

  /** The audit spool's depth: messages waiting to be delivered and the bytes they take. */
  public void bindAuditSpool(Supplier<Long> pendingMessages, Supplier<Long> spoolBytes) {
    held.add(pendingMessages);
    held.add(spoolBytes);
    Gauge.builder("xcai.audit.spool.pending", pendingMessages, s -> s.get()).description("audit messages not yet "
        + "delivered").register(registry);
    Gauge.builder("xcai.audit.spool.bytes", spoolBytes, s -> s.get()).baseUnit("bytes")
        .description("bytes in the audit spool").register(registry);
  }

  /** 1 while the bridge is ready, 0 while not (and while draining). */
  void bindReadiness(Supplier<Boolean> ready) {
    held.add(ready);
    Gauge.builder("xcai.ready", ready, r -> r.get() ? 1 : 0).description("1 while /health/ready answers 200")
        .register(registry);
  }

  private <T> void counter(String name, String help, Supplier<T> stats, ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, stats, s -> value.applyAsDouble(s.get())).description(help).register(registry);
  }

  private <T> void gauge(String name, String help, Supplier<T> stats, ToDoubleFunction<T> value) {
    Gauge.builder(name, stats, s -> value.applyAsDouble(s.get())).description(help).register(registry);
  }
}
