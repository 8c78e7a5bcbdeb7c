package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.AuditTrailHarness.await;
import static org.xcaibridge.trust.AuditTrailHarness.waitUntil;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that breaks while the forwarder is reading the next batch from the spool: the messages written on
 * the broken connection and not yet settled must be sent again, before the batch being read. (The forwarder used
 * to send the batch it had been reading, from its old position, on the new connection; its acknowledgement then
 * covered the unsettled messages of the broken connection too, and they were lost.)
 *
 * <p>The moment is made exact by holding the trail's spool worker: Vert.x shares a worker pool by name, and runs
 * the ordered blocking tasks of one context one after the other, so tasks of this test submitted from the trail's
 * context to a pool of the same name queue up with the trail's own spool work, in order.
 */
class AuditResendsAfterBreakDuringReadTest {
  @TempDir
  Path work;
  private final AuditTrailHarness h = new AuditTrailHarness();
  private WorkerExecutor spoolWorker;

  @AfterEach
  void close() throws Exception {
    if (spoolWorker != null) {
      await(spoolWorker.close());
    }
    h.close();
  }

  @Test
  void unsettledMessagesOfTheBrokenConnectionAreSentAgainFirst() throws Exception {
    AuditTestPki pki = AuditTestPki.generate();
    int port = h.receiver.startTls(pki.serverOptions(), 0);
    h.receiver.warmUpTls(pki.clientOptions());
    Path spool = work.resolve("spool");
    SyslogTlsTransport transport = new SyslogTlsTransport(h.vertx, pki.clientOptions(), "127.0.0.1", port,
        Duration.ofSeconds(5), SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES);
    Context context = h.vertx.getOrCreateContext();
    AuditTrail trail = await(onContext(context, () -> AuditTrail.open(h.vertx, AuditTrailHarness.settings(spool),
        transport)));
    spoolWorker = h.vertx.createSharedWorkerExecutor("xcai-audit-spool-" + spool.toAbsolutePath(), 1);
    AuditEvents events = AuditSamples.events();

    // 1..10 are written on the first connection, which swallows them: not yet settled
    h.receiver.deaf(true);
    for (int i = 1; i <= 10; i++) {
      trail.record(events.retrieve(AuditSamples.retrieval(i)));
    }
    waitUntil("10 messages written on the first connection", 30, () -> h.receiver.unheardFrames() == 10);

    // hold the spool worker twice over: 11..20 are appended between the holds, and the read of the next batch
    // (from 11) waits behind the second hold
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    Future<Void> held1 = await(onContext(context, () -> Future.succeededFuture(hold(first))));
    await(onContext(context, () -> {
      for (int i = 11; i <= 20; i++) {
        trail.record(events.retrieve(AuditSamples.retrieval(i)));
      }
      return Future.succeededFuture();
    }));
    Future<Void> held2 = await(onContext(context, () -> Future.succeededFuture(hold(second))));
    first.countDown();
    await(held1);
    waitUntil("11..20 spooled", 30, () -> trail.stats().recorded() == 20);
    Thread.sleep(200);
    assertThat(h.receiver.unheardFrames()).as("nothing was settled or sent meanwhile").isEqualTo(10);

    // the first connection breaks while that read waits; the repository listens again, hearing everything
    h.receiver.deaf(false);
    h.receiver.dropConnections();
    Thread.sleep(500);
    second.countDown();
    await(held2);

    waitUntil("11..20 acknowledged", 30, () -> trail.stats().acknowledged() == 20);
    Map<Long, byte[]> delivered = AuditTrailHarness.bySequence(h.receiver.frames());
    assertThat(delivered.keySet()).as("received by the repository once all is acknowledged")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    assertThat(AuditChecks.parse(h.receiver.frames().get(0)).sequenceId()).as("resent first").isEqualTo(1);
    await(trail.close());
  }

  /** Occupies the trail's spool worker thread until {@code latch} opens; call on the trail's context. */
  private Future<Void> hold(CountDownLatch latch) {
    return spoolWorker.executeBlocking(() -> {
      latch.await(30, TimeUnit.SECONDS);
      return null;
    });
  }

  private static <T> Future<T> onContext(Context context, Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }
}
