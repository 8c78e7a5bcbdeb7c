package org.xcaibridge.gateway;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.impl.Http1xClientConnection;

/**
 * Which memory a connection reads an answer into. Vert.x copies what its connections read with its pooled allocator
 * into fresh heap buffers before handing it on (a copy of every byte, and as much garbage), and hands on as it is what
 * any other allocator made. A RAD-75 answer is hundreds of megabytes that the bridge only passes through (a scan for
 * MTOM boundaries, a write to the cache, a write to the viewer), so its connection reads into direct memory that goes
 * on as is: the cache writes it to disk and the front to the viewer's socket without a copy (see soap's DirectChunks
 * for who releases it). Other answers are small and parsed whole; they keep Vert.x's heap buffers, so a pooled
 * connection is switched back for them.
 */
final class DirectReads {
  /** Freed reads kept for reuse, at {@link ReadBuffers#READ_BYTES} each: 16 MiB. */
  private static final int KEPT_READS = 256;
  /** Reads' memory is reused once released; what a failure path drops unreleased, the garbage collector frees. */
  static final ReadBuffers ALLOCATOR = new ReadBuffers(KEPT_READS);
  private static final AttributeKey<ByteBufAllocator> VERTX_OWN = AttributeKey.valueOf("xcai.vertxReadAllocator");

  private DirectReads() {}

  /**
   * Before {@code request} is sent: its answer is read into direct memory when {@code direct}, else with the
   * connection's own allocator. HTTP/2 connections (streams share one channel) keep theirs.
   */
  static void choose(HttpClientRequest request, boolean direct) {
    if (!(request.connection() instanceof Http1xClientConnection c)) {
      return;
    }
    Channel ch = c.channel();
    ByteBufAllocator current = ch.config().getAllocator();
    if (current != ALLOCATOR) {
      ch.attr(VERTX_OWN).setIfAbsent(current);
    }
    ByteBufAllocator wanted = direct ? ALLOCATOR : ch.attr(VERTX_OWN).get();
    if (wanted != null && wanted != current) {
      ch.config().setAllocator(wanted);
    }
  }
}
