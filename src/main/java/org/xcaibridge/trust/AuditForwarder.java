package org.xcaibridge.trust;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop of an {@link AuditTrail}: reads the spool in order, writes through the transport, and
 * acknowledges what is delivered so the spool can delete it.
 *
 * <p>Delivery is at-least-once. A batch counts as delivered when it was written and the connection then stayed
 * up for the transport's settle time (same {@link SyslogTransport#epoch()}); when the connection breaks first,
 * or a send fails, sending resumes from the first unacknowledged message, so a receiver may see a message
 * twice and can drop the copy by its {@code meta sequenceId}.
 *
 * <p>Every failure — a connection or send that fails, a spool read that fails, a connection that breaks — waits
 * as the {@link AuditReconnectPolicy} says before the next attempt; only a delivery starts the count of failures
 * again. A write that succeeds does not: a repository that accepts each connection and closes it at once lets
 * every write succeed and nothing be delivered, and must not be reconnected to in a loop.
 *
 * <p>Everything here runs on the trail's context (an event loop); spool reads and acknowledgements go to the
 * trail's worker, so no file I/O happens on the event loop.
 */
final class AuditForwarder {
  private static final Logger LOG = LoggerFactory.getLogger(AuditForwarder.class);

  private final Context context;
  private final WorkerExecutor worker;
  private final AuditSpool spool;
  private final SyslogTransport transport;
  private final AuditTrailSettings settings;
  private final Runnable spoolChanged;
  private final AuditBackoff backoff;
  private long delivered;
  private long next;
  private boolean busy;
  private boolean closed;
  private boolean stopped;
  private long retryTimer = -1;
  private Future<Void> inFlight = Future.succeededFuture();
  private Future<Void> lastSettle = Future.succeededFuture();
  private Future<Void> lastAcknowledge = Future.succeededFuture();
  private volatile long oversize;

  AuditForwarder(Context context, WorkerExecutor worker, AuditSpool spool, SyslogTransport transport,
      AuditTrailSettings settings, Runnable spoolChanged) {
    this.context = context;
    this.worker = worker;
    this.spool = spool;
    this.transport = transport;
    this.settings = settings;
    this.spoolChanged = spoolChanged;
    this.backoff = new AuditBackoff(settings.reconnect(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Starts after the last acknowledged message. On the trail's context. */
  void start(long acknowledged) {
    delivered = acknowledged;
    next = acknowledged + 1;
    transport.brokenHandler(this::onBroken);
    pump();
  }

  /** New messages were spooled. On the trail's context. */
  void wake() {
    pump();
  }

  /** Messages dropped because the transport cannot carry them (a UDP datagram limit). */
  long oversize() {
    return oversize;
  }

  private void pump() {
    if (closed || busy || retryTimer >= 0) {
      return;
    }
    busy = true;
    long from = next;
    Future<List<AuditSpoolSegment.Record>> reading;
    try {
      reading = worker.executeBlocking(
          () -> spool.read(from, settings.maxBatchMessages(), settings.maxBatchBytes()));
    } catch (RejectedExecutionException e) {
      // Vert.x is shutting down under an open trail: nothing more can be read
      closed = true;
      return;
    }
    reading.onComplete(read -> {
      if (read.failed()) {
        busy = false;
        retry(read.cause());
        return;
      }
      List<AuditSpoolSegment.Record> records = read.result();
      busy = false;
      if (closed) {
        return;
      }
      if (next != from || retryTimer >= 0) {
        // the connection broke while this batch was read (even an empty one): the unsettled messages before it
        // go first, when the backoff has passed (the timer pumps), not when the next message is recorded
        pump();
        return;
      }
      if (records.isEmpty()) {
        return;
      }
      busy = true;
      send(records);
    });
  }

  private void send(List<AuditSpoolSegment.Record> records) {
    long last = records.get(records.size() - 1).sequence();
    List<byte[]> payloads = new ArrayList<>(records.size());
    for (AuditSpoolSegment.Record r : records) {
      if (r.payload().length > transport.maxMessageBytes()) {
        oversize++;
        LOG.warn("audit message {} has {} bytes, over the transport's limit of {}: dropped", r.sequence(),
            r.payload().length, transport.maxMessageBytes());
      } else {
        payloads.add(r.payload());
      }
    }
    next = last + 1;
    long epoch = transport.epoch();
    Future<Void> sent = payloads.isEmpty() ? Future.succeededFuture() : transport.send(payloads);
    Promise<Void> handled = Promise.promise();
    inFlight = handled.future();
    sent.onComplete(ar -> {
      busy = false;
      if (ar.succeeded()) {
        settle(last, epoch);
        pump();
      } else {
        next = delivered + 1;
        retry(ar.cause());
      }
      handled.complete();
    });
  }

  /** Acknowledges up to {@code last} once the connection it was written on has lasted the settle time. */
  private void settle(long last, long epoch) {
    Duration wait = transport.settleTime();
    if (wait.isZero()) {
      acknowledge(last);
      return;
    }
    Promise<Void> settled = Promise.promise();
    context.owner().setTimer(Math.max(1, wait.toMillis()), id -> {
      if (transport.epoch() == epoch) {
        acknowledge(last);
      }
      settled.complete();
    });
    lastSettle = settled.future();
  }

  private void acknowledge(long last) {
    if (last <= delivered || stopped) {
      // after close the spool is gone; an unrecorded delivery only means the message is sent again
      return;
    }
    delivered = last;
    backoff.delivered();
    lastAcknowledge = worker.<Void>executeBlocking(() -> {
      spool.acknowledge(last);
      spoolChanged.run();
      return null;
    }).onFailure(t -> LOG.warn("audit spool: recording delivery up to {} failed; those may be sent again", last, t));
  }

  /** The connection broke: whatever was written on it and not yet settled is sent again, after the backoff. */
  private void onBroken(Throwable cause) {
    next = delivered + 1;
    retry(cause);
  }

  /**
   * Waits before the next attempt. A failure while a wait is already set is the same failure seen twice (a write
   * fails because its connection just broke), so it neither counts nor waits again.
   */
  private void retry(Throwable cause) {
    if (closed || retryTimer >= 0) {
      return;
    }
    long delay = backoff.failed();
    int failures = backoff.failures();
    if (failures == 1) {
      // once may be a repository closing an idle connection or restarting; a second failure is worth a warning
      LOG.info("audit repository: {}; messages from {} on are sent again in {} ms", cause.toString(),
          delivered + 1, delay);
    } else if (failures == 2 || failures % 20 == 0) {
      LOG.warn("audit repository unreachable or hanging up ({}); messages from {} on stay spooled; attempt {}"
          + " in {} ms", cause.toString(), delivered + 1, failures, delay);
    }
    retryTimer = context.owner().setTimer(delay, id -> {
      retryTimer = -1;
      pump();
    });
  }

  /**
   * Stops sending: waits (each for at most the settle time) for the write in flight and for the settle timer
   * still running, so delivered messages are acknowledged and not sent again after a restart; then closes the
   * transport, which ends whatever is still pending.
   */
  Future<Void> close() {
    closed = true;
    if (retryTimer >= 0) {
      context.owner().cancelTimer(retryTimer);
      retryTimer = -1;
    }
    long bound = Math.max(1, transport.settleTime().toMillis());
    return within(inFlight, bound)
        .transform(ar -> within(lastSettle, bound))
        .transform(ar -> lastAcknowledge)
        .transform(ar -> {
          stopped = true;
          return transport.close();
        });
  }

  /** Completes when {@code f} does or after {@code millis}, whichever is first; never fails. */
  private Future<Void> within(Future<Void> f, long millis) {
    Promise<Void> p = Promise.promise();
    long timer = context.owner().setTimer(millis, id -> p.tryComplete());
    f.onComplete(ar -> {
      context.owner().cancelTimer(timer);
      p.tryComplete();
    });
    return p.future();
  }
}
