package org.xcaibridge.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * Times the responding side of the IHE transactions for {@link BridgeMetrics#iheHandler}: the transaction is
 * known by the request path, the outcome by how the answer ended — SOAP 1.2 says a fault goes out with 500, an
 * answer (Success, PartialSuccess or Failure in its RegistryResponse) with 200. Retrievals count as in flight
 * while they stream.
 */
final class IheObserver implements Handler<RoutingContext> {
  /** The transactions whose answers carry images or manifests, for the in-flight retrieval gauge. */
  private static final Set<String> RETRIEVALS = Set.of("RAD-75", "RAD-69", "ITI-39");

  private final BridgeMetrics metrics;
  private final String community;
  private final Map<String, String> transactionByPath;

  IheObserver(BridgeMetrics metrics, String community, Map<String, String> transactionByPath) {
    this.metrics = metrics;
    this.community = community;
    this.transactionByPath = transactionByPath;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String transaction = transactionByPath.get(ctx.normalizedPath());
    if (transaction == null) {
      ctx.next();
      return;
    }
    BridgeMetrics.IheCall call = metrics.startIhe("responding", community, transaction);
    Runnable retrieval = RETRIEVALS.contains(transaction) ? metrics.retrievalStarted() : () -> { };
    ctx.addHeadersEndHandler(v -> call.firstByte());
    ctx.addEndHandler(ar -> {
      retrieval.run();
      call.end(outcome(ctx), ctx.request().bytesRead(), ctx.response().bytesWritten());
    });
    ctx.next();
  }

  static String outcome(RoutingContext ctx) {
    if (!ctx.response().ended()) {
      return "aborted";
    }
    int status = ctx.response().getStatusCode();
    if (status >= 200 && status < 300) {
      return "ok";
    }
    return status == 500 ? "fault" : "rejected";
  }
}
