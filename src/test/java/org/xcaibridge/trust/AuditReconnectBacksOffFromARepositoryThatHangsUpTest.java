package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.AuditTrailHarness.await;
import static org.xcaibridge.trust.AuditTrailHarness.waitUntil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository that completes the TLS handshake and hangs up at once, for a while: each connection breaks before
 * anything written on it counts as delivered, and the forwarder tries again only as often as its
 * {@link AuditReconnectPolicy} allows (it used to reconnect at once after every break: 79 handshakes in 2.7 s
 * here). The number of connections the repository sees is bounded by the policy's shortest waits over the time
 * that passed (counted, not timed: a slow machine only makes fewer). The default settle time keeps a cut
 * connection from counting as delivered even when its close is noticed late. Then the repository works again,
 * and every message arrives exactly once, in order.
 */
class AuditReconnectBacksOffFromARepositoryThatHangsUpTest {
  private static final AuditReconnectPolicy POLICY =
      new AuditReconnectPolicy(Duration.ofMillis(40), 2.0, Duration.ofMillis(320), 0.25);
  private static final int DURING = 20;
  private static final int AFTER = 10;
  private static final int HANG_UPS = 12;

  @TempDir
  Path work;
  private final AuditTrailHarness h = new AuditTrailHarness();

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  @Test
  void reconnectsAreSpacedByThePolicyAndNothingIsLost() throws Exception {
    AuditTestPki pki = AuditTestPki.generate();
    int port = h.receiver.startTls(pki.serverOptions(), 0);
    h.receiver.warmUpTls(pki.clientOptions());
    h.receiver.hangUp(true);
    SyslogTlsTransport transport = new SyslogTlsTransport(h.vertx, pki.clientOptions(), "127.0.0.1", port,
        SyslogTlsTransport.DEFAULT_SETTLE_TIME, SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES);
    AuditTrail trail = await(AuditTrail.open(h.vertx,
        AuditTrailHarness.settings(work.resolve("spool")).withReconnect(POLICY), transport));
    AuditEvents events = AuditSamples.events();

    long start = System.nanoTime();
    for (int i = 1; i <= DURING; i++) {
      trail.record(events.retrieve(AuditSamples.retrieval(i)));
    }
    // long enough for the waits to reach the cap; a forwarder that does not wait gets there at once
    waitUntil(HANG_UPS + " hang-ups", 30, () -> h.receiver.hungUpConnections() >= HANG_UPS);
    int attempts = h.receiver.hungUpConnections();
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    int bound = mostAttemptsWithin(elapsedMillis);
    System.out.printf("audit reconnect: %d connections hung up in %d ms (the policy allows at most %d)%n",
        attempts, elapsedMillis, bound);
    assertThat(attempts).as("connections while the repository hangs up, in %d ms", elapsedMillis)
        .isLessThanOrEqualTo(bound);
    assertThat(trail.stats().acknowledged()).as("nothing counts as delivered on a connection that was cut")
        .isZero();
    assertThat(h.receiver.frames()).isEmpty();

    h.receiver.hangUp(false);
    for (int i = DURING + 1; i <= DURING + AFTER; i++) {
      trail.record(events.retrieve(AuditSamples.retrieval(i)));
    }
    waitUntil("all delivered and acknowledged", 60, () -> trail.stats().acknowledged() == DURING + AFTER);

    List<Long> arrived = new ArrayList<>();
    for (byte[] frame : h.receiver.frames()) {
      arrived.add(AuditChecks.parse(frame).sequenceId());
    }
    assertThat(arrived).as("sequenceIds in the order they arrived")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, DURING + AFTER).boxed().toList());
    Map<Long, byte[]> bySequence = AuditTrailHarness.bySequence(h.receiver.frames());
    for (Map.Entry<Long, byte[]> e : bySequence.entrySet()) {
      AuditChecks.Syslog s = AuditChecks.parse(e.getValue());
      AuditChecks.validate(s.xml());
      assertThat(AuditChecks.text(AuditChecks.dom(s.xml()),
          "/AuditMessage/ParticipantObjectIdentification[2]/@ParticipantObjectID"))
          .isEqualTo("1.2.826.0.1.3680043.10.543." + e.getKey());
    }
    assertThat(h.blockedThreadReports()).as("blocked-thread checker").isEmpty();
    await(trail.close());
  }

  /**
   * The first attempt is at once; each later one waits at least the policy's shortest (fully jittered) delay
   * for its failure count. One more for an attempt under way when the count is read.
   */
  private static int mostAttemptsWithin(long millis) {
    int attempts = 1;
    long waited = 0;
    for (int failures = 1; ; failures++) {
      waited += POLICY.delayMillis(failures, Math.nextDown(1.0));
      if (waited > millis) {
        return attempts + 1;
      }
      attempts++;
    }
  }
}
