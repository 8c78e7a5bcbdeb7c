package org.xcaibridge.ops;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance the bridge and the responder run on. Netty's native epoll transport where its library loads
 * (Linux on x86-64, shipped in the jar): edge-triggered readiness and native sendfile/writev, about 15 % less CPU
 * per cold study retrieval than NIO in {@code bench/bridge-retrieval.sh}; elsewhere NIO, as Vert.x does by default.
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
