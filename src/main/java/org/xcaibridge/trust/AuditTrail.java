package org.xcaibridge.trust;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/**
 * The bridge's ATNA audit trail (IHE ITI TF-2 §3.20, Record Audit Event): {@link #record} spools an
 * {@link AuditMessage} as an RFC 5424 syslog message on disk, and a forwarder sends the spool to the audit
 * record repository over a {@link SyslogTransport}, in order, at least once, retrying with backoff while the
 * repository is down; a restart resumes from the spool.
 *
 * <p>Nothing blocks an event loop: XML writing, appends, the fsync (one per batch of recorded messages),
 * reads and deletions run on one worker thread of this trail; the forwarder's state lives on the Vert.x context
 * that opened the trail. {@link #record} may be called from any thread.
 *
 * <p>When the spool is full, {@link AuditSpoolLimits.FullPolicy} decides: refuse the new message (default,
 * {@link AuditSpoolFullException}) or drop the oldest segment. A message over
 * {@link AuditSpoolLimits#maxMessageBytes()} is refused ({@link SyslogMessageTooLargeException}).
 */
public final class AuditTrail {
  /**
   * Counters, as of the last spool operation.
   *
   * @param recorded            messages recorded since this trail opened
   * @param acknowledged        highest delivered (or dropped) sequence number
   * @param pending             messages spooled and not yet delivered
   * @param dropped             messages dropped since open by {@link AuditSpoolLimits.FullPolicy#DROP_OLDEST}
   * @param oversize            messages dropped since open because the transport cannot carry them
   * @param spoolBytes          bytes in the spool's segment files
   * @param discardedOnRecovery bytes of torn records cut when the spool was opened
   */
  public record Stats(long recorded, long acknowledged, long pending, long dropped, long oversize, long spoolBytes,
      long discardedOnRecovery) {}

  private record Pending(AuditMessage message, Instant at, Promise<Long> done) {}

  private final Context context;
  private final WorkerExecutor worker;
  private final AuditSpool spool;
  private final AuditTrailSettings settings;
  private final AuditForwarder forwarder;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong recorded = new AtomicLong();
  private boolean flushing;
  private Future<Void> lastFlush = Future.succeededFuture();
  private volatile boolean closed;
  private volatile Stats stats;

  private AuditTrail(Context context, WorkerExecutor worker, AuditSpool spool, AuditTrailSettings settings,
      SyslogTransport transport) {
    this.context = context;
    this.worker = worker;
    this.spool = spool;
    this.settings = settings;
    this.forwarder = new AuditForwarder(context, worker, spool, transport, settings, this::refreshStats);
    refreshStats();
  }

  /**
   * Opens (or recovers) the spool and starts forwarding. The trail lives on the current Vert.x context, or a new
   * one when called from outside Vert.x. The trail owns the transport from now on: {@link #close} closes it.
   */
  public static Future<AuditTrail> open(Vertx vertx, AuditTrailSettings settings, SyslogTransport transport) {
    Context context = vertx.getOrCreateContext();
    WorkerExecutor worker =
        vertx.createSharedWorkerExecutor("xcai-audit-spool-" + settings.spoolDirectory().toAbsolutePath(), 1);
    Promise<AuditTrail> opened = Promise.promise();
    context.runOnContext(v -> worker.executeBlocking(() -> AuditSpool.open(settings.spoolDirectory(),
            settings.spoolLimits()))
        .onSuccess(spool -> {
          AuditTrail trail = new AuditTrail(context, worker, spool, settings, transport);
          trail.forwarder.start(spool.acknowledged());
          opened.complete(trail);
        })
        .onFailure(t -> worker.close().onComplete(x -> opened.fail(t))));
    return opened.future();
  }

  /**
   * Records one audit message: it is written to the spool and fsynced (together with whatever else was recorded
   * meanwhile) before the future completes with its sequence number; it is then sent when the repository can be
   * reached. Fails with {@link AuditSpoolFullException}, {@link SyslogMessageTooLargeException} or an
   * {@link IOException} when the message could not be spooled.
   */
  public Future<Long> record(AuditMessage message) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the audit trail is closed"));
    }
    Promise<Long> done = Promise.promise();
    queue.add(new Pending(message, settings.clock().instant(), done));
    context.runOnContext(v -> flush());
    return done.future();
  }

  /** Appends everything queued in one worker task with one fsync; on the trail's context. */
  private void flush() {
    if (flushing) {
      return;
    }
    List<Pending> batch = new ArrayList<>();
    for (Pending p; (p = queue.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    flushing = true;
    lastFlush = worker.executeBlocking(() -> append(batch)).andThen(ar -> {
      flushing = false;
      if (ar.failed()) {
        batch.forEach(p -> p.done().fail(ar.cause()));
      } else {
        List<Object> results = ar.result();
        for (int i = 0; i < batch.size(); i++) {
          Object r = results.get(i);
          if (r instanceof Long sequence) {
            batch.get(i).done().complete(sequence);
          } else {
            batch.get(i).done().fail((Throwable) r);
          }
        }
      }
      forwarder.wake();
      if (!queue.isEmpty()) {
        flush();
      }
    }).mapEmpty();
  }

  /** On the worker: each result is the sequence number or the exception that refused that message. */
  private List<Object> append(List<Pending> batch) throws IOException {
    List<Object> results = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      try {
        results.add(spool.append(sequence -> render(p, sequence)));
        recorded.incrementAndGet();
      } catch (RuntimeException e) {
        // AuditSpoolFullException, SyslogMessageTooLargeException: this message only; the batch goes on
        results.add(e);
      }
    }
    spool.sync();
    refreshStats();
    return results;
  }

  private byte[] render(Pending p, long sequence) {
    byte[] xml = AuditXmlWriter.toBytes(p.message());
    int severity = p.message().event().outcome() == EventOutcome.SUCCESS
        ? SyslogHeader.SEVERITY_NOTICE : SyslogHeader.SEVERITY_WARNING;
    return settings.header().format(p.at(), severity, sequence, xml, settings.byteOrderMark());
  }

  private void refreshStats() {
    stats = new Stats(recorded.get(), spool.acknowledged(), spool.pending(), spool.dropped(),
        forwarder == null ? 0 : forwarder.oversize(), spool.bytes(), spool.discardedOnRecovery());
  }

  /** Counters as of the last spool operation; readable from any thread. */
  public Stats stats() {
    return stats;
  }

  /**
   * Stops recording and forwarding and closes the spool. Undelivered messages stay in the spool for the next
   * open; messages already written are given the settle time to count as delivered first.
   */
  public Future<Void> close() {
    Promise<Void> closedPromise = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        closedPromise.complete();
        return;
      }
      closed = true;
      drainQueued()
          .transform(ar -> forwarder.close())
          .transform(ar -> worker.<Void>executeBlocking(() -> {
            refreshStats();
            spool.close();
            return null;
          }))
          .transform(ar -> worker.close().transform(x -> ar.succeeded() ? Future.succeededFuture()
              : Future.<Void>failedFuture(ar.cause())))
          .onComplete(ar -> {
            for (Pending p; (p = queue.poll()) != null; ) {
              p.done().fail(new IllegalStateException("the audit trail is closed"));
            }
            closedPromise.handle(ar);
          });
    });
    return closedPromise.future();
  }

  /** Lets messages recorded before close reach the spool; on the trail's context. */
  private Future<Void> drainQueued() {
    if (queue.isEmpty() && !flushing) {
      return Future.succeededFuture();
    }
    flush();
    return lastFlush.transform(ar -> drainQueued());
  }
}
