package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.xcaibridge.ihe.DocumentResponse;

/**
 * One DICOM instance of a RAD-75 answer while it arrives: its DocumentResponse (which instance, mime type) and
 * its bytes as a stream with back-pressure. The consumer reads {@link #body()} to its end (or pipes it), or
 * calls {@link #discard()} when it does not want it (e.g. already cached); the next instance comes only after.
 * If the answer breaks off, the body fails with a {@link GatewayException} and never ends normally.
 */
public interface RetrievedInstance {
  /** The DocumentResponse as received (content still in its {@code xop:Include} or inline form). */
  DocumentResponse response();

  /** The SOP Instance UID (the DocumentUniqueId). */
  default String documentUniqueId() {
    return response().documentUniqueId();
  }

  /** The instance's bytes, exactly as the community sent them. Set a handler to start the flow. */
  ReadStream<Buffer> body();

  /** Reads the body to its end and drops it; completes when the next instance may come. */
  Future<Void> discard();
}
