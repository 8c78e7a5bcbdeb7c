package org.xcaibridge.ops;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance the bridge and the responder run on. Netty's native epoll transport where its library loads
 * (Linux on x86-64, shipped in the jar): edge-triggered readiness and native sendfile/writev; in
 * {@code bench/bridge-retrieval.sh} the bridge's CPU (JIT aside) per cold 200 MiB study was 0.42-0.50 CPU-s against
 * 0.47-0.69 on NIO (5 rounds each, mean 0.47 vs 0.57). Elsewhere NIO, as Vert.x does by default.
 */
public final class VertxRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(VertxRuntime.class);

  private VertxRuntime() {}

  /** A new Vert.x instance, on the native transport when it is available. */
  public static Vertx create() {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    if (vertx.isNativeTransportEnabled()) {
      LOG.debug("network I/O on Netty's native epoll transport");
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.info("network I/O on Java NIO: the native transport is not available here ({})",
          why == null ? "no reason given" : why.toString());
    }
    return vertx;
  }
}
