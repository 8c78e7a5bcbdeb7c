package org.xcaibridge.trust;

import io.vertx.core.Future;
import java.util.Objects;

/**
 * Where the gateways of this bridge hand their audit events: the ATNA trail ({@link #of}) or nowhere
 * ({@link #none()}, the relaxed demo). One interface so that the responder and the initiating side record
 * the same way and neither knows how a message is built or carried.
 */
@FunctionalInterface
public interface AuditSink {
  /**
   * Records one event. The future completes with the spool sequence number once the message is on disk
   * (0 for {@link #none()}); it fails when the event could not be recorded. Callable from any thread.
   */
  Future<Long> record(AuditEvent event);

  /** Records nothing: security relaxed, and said so by whoever chose it. */
  static AuditSink none() {
    return event -> Future.succeededFuture(0L);
  }

  /** Builds each event's PS3.15 message with {@code events} and records it in {@code trail}. */
  static AuditSink of(AuditEvents events, AuditTrail trail) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(trail, "trail");
    return event -> {
      AuditMessage message;
      try {
        message = events.build(event);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return trail.record(message);
    };
  }
}
