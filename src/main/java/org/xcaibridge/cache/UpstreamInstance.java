package org.xcaibridge.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * One instance of a series as it arrives from upstream (one MTOM attachment of a RAD-75 response): its
 * key, known from the response's document unique id before the body, and its Part 10 bytes. The next
 * instance of a series arrives only after this one's body has ended.
 */
public record UpstreamInstance(InstanceKey key, ReadStream<Buffer> body) {
  public UpstreamInstance {
    if (key == null || body == null) {
      throw new IllegalArgumentException("an upstream instance needs a key and a body");
    }
  }
}
