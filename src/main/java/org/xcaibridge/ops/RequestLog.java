package org.xcaibridge.ops;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One log line per request, with a correlation id: the caller's {@code X-Request-Id} when it sends a sane one (the
 * viewer's nginx does), else a new one; it goes back in the response header and stays with the request's Vert.x
 * context, so that the SOAP MessageIDs the request causes are logged against it ({@link #messageIds}). The
 * query string — where QIDO-RS carries PatientID and PatientName — is left out unless {@code logging.patientData}
 * allows it; probe requests are logged at DEBUG only, the kubelet asks every few seconds.
 *
 * <p>The logger is {@value #LOGGER}, so that request lines can be routed or silenced on their own; the fields are
 * SLF4J key-value pairs too, which the JSON encoder writes as such.
 */
final class RequestLog implements Handler<RoutingContext> {
  static final String LOGGER = "org.xcaibridge.requests";
  static final String HEADER = "X-Request-Id";
  /** Where the id lives on the request's (duplicated) context: private to this class. */
  private static final Object KEY = new Object();
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final String channel;
  private final boolean patientData;

  RequestLog(String channel, boolean patientData) {
    this.channel = channel;
    this.patientData = patientData;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    long start = System.nanoTime();
    ctx.response().putHeader(HEADER, id);
    // each request runs on a duplicated context of its own: its local data is the request's, not the event loop's
    Context c = Vertx.currentContext();
    if (c instanceof ContextInternal ci) {
      ci.putLocal(KEY, id);
    }
    ctx.addEndHandler(ar -> {
      String path = ctx.request().path();
      String query = ctx.request().query();
      String shown = patientData && query != null ? path + "?" + query : path;
      int status = ctx.response().ended() ? ctx.response().getStatusCode() : 0;
      long ms = (System.nanoTime() - start) / 1_000_000;
      Level level = OpsRuntime.PROBE_PATHS.contains(path) ? Level.DEBUG : Level.INFO;
      LOG.atLevel(level).addKeyValue("correlationId", id).addKeyValue("channel", channel)
          .addKeyValue("method", ctx.request().method().name()).addKeyValue("path", shown)
          .addKeyValue("status", status).addKeyValue("bytes", ctx.response().bytesWritten())
          .addKeyValue("millis", ms)
          .log("{} {} {} {} {} B {} ms id={}", channel, ctx.request().method().name(), shown,
              status == 0 ? "aborted" : Integer.toString(status), ctx.response().bytesWritten(), ms, id);
    });
    ctx.next();
  }

  /** The correlation id of the request whose context the caller runs on, or null outside one. */
  static String current() {
    Context c = Vertx.currentContext();
    return c instanceof ContextInternal ci ? (String) ci.getLocal(KEY) : null;
  }

  /**
   * WS-Addressing MessageIDs for the gateway's clients ({@code InitiatorSetup.messageIds}): random, and each one
   * issued while a request is being served is logged against that request's correlation id.
   */
  static Supplier<UUID> messageIds() {
    return () -> {
      UUID id = UUID.randomUUID();
      String correlation = current();
      if (correlation != null) {
        LOG.atInfo().addKeyValue("correlationId", correlation).addKeyValue("messageId", "urn:uuid:" + id)
            .log("request {} sends SOAP MessageID urn:uuid:{}", correlation, id);
      }
      return id;
    };
  }
}
