package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.trust.AuditTrailHarness.await;
import static org.xcaibridge.trust.AuditTrailHarness.bySequence;
import static org.xcaibridge.trust.AuditTrailHarness.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.AuditEvent.PatientDiscovery;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/**
 * A spool that fills while the repository is down does what its {@link AuditSpoolLimits.FullPolicy} says:
 * REJECT_NEW refuses the message with a typed error naming the limit and keeps everything before it;
 * DROP_OLDEST keeps the newest and counts what it dropped. Either way, once the repository is back the spool
 * drains and takes messages again; a message over the size limit is refused whatever the policy.
 */
class AuditSpoolFullBehavesAsConfiguredTest {
  /** A retrieval audit is about 2.8 KiB as spooled: two fit a segment, five the spool. */
  private static final long MAX_SPOOL = 16 * 1024;

  @TempDir
  Path work;
  private final AuditTrailHarness h = new AuditTrailHarness();
  private AuditTestPki pki;
  private int port;

  @BeforeEach
  void repositoryThatIsDown() throws Exception {
    pki = AuditTestPki.generate();
    port = h.receiver.startTls(pki.serverOptions(), 0);
    h.receiver.warmUpTls(pki.clientOptions());
    h.receiver.stopTls();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  private AuditTrail open(AuditSpoolLimits.FullPolicy policy) throws Exception {
    AuditSpoolLimits limits = new AuditSpoolLimits(MAX_SPOOL, 8 * 1024, 4096, policy);
    return await(AuditTrail.open(h.vertx, AuditTrailHarness.settings(work.resolve("spool")).withSpoolLimits(limits),
        new SyslogTlsTransport(h.vertx, pki.clientOptions(), "127.0.0.1", port, Duration.ofMillis(200),
            SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES)));
  }

  private static AuditMessage retrieval(int n) {
    return AuditSamples.events().retrieve(AuditSamples.retrieval(n));
  }

  @Test
  void rejectNewRefusesWithTheLimitAndKeepsTheHistory() throws Exception {
    AuditTrail trail = open(AuditSpoolLimits.FullPolicy.REJECT_NEW);
    int accepted = 0;
    ExecutionException refused = null;
    while (refused == null && accepted < 100) {
      try {
        await(trail.record(retrieval(accepted + 1)));
        accepted++;
      } catch (ExecutionException e) {
        refused = e;
      }
    }
    assertThat(refused).isNotNull();
    assertThat(refused.getCause()).isInstanceOf(AuditSpoolFullException.class);
    AuditSpoolFullException full = (AuditSpoolFullException) refused.getCause();
    assertThat(full.limit()).isEqualTo(MAX_SPOOL);
    assertThat(full.spooledBytes()).isLessThanOrEqualTo(MAX_SPOOL);
    assertThat(full.spooledBytes() + full.neededBytes()).isGreaterThan(MAX_SPOOL);
    assertThat(accepted).as("messages across more than one segment").isGreaterThanOrEqualTo(4);
    assertThat(trail.stats().pending()).isEqualTo(accepted);
    assertThat(trail.stats().dropped()).isZero();

    h.receiver.startTls(pki.serverOptions(), port);
    int kept = accepted;
    waitUntil("the spooled messages delivered", 60,
        () -> h.receiver.distinctSequenceIds() == kept && trail.stats().pending() == 0);
    assertThat(List.copyOf(bySequence(h.receiver.frames()).keySet()))
        .isEqualTo(LongStream.rangeClosed(1, kept).boxed().toList());
    assertThat(await(trail.record(retrieval(99)))).as("room again once delivered").isEqualTo(kept + 1);
    await(trail.close());
  }

  @Test
  void dropOldestKeepsTheNewestAndCountsTheDropped() throws Exception {
    AuditTrail trail = open(AuditSpoolLimits.FullPolicy.DROP_OLDEST);
    for (int i = 1; i <= 30; i++) {
      assertThat(await(trail.record(retrieval(i)))).isEqualTo(i);
    }
    long dropped = trail.stats().dropped();
    assertThat(dropped).isPositive();
    assertThat(trail.stats().pending()).isEqualTo(30 - dropped);
    assertThat(trail.stats().spoolBytes()).isLessThanOrEqualTo(MAX_SPOOL);

    h.receiver.startTls(pki.serverOptions(), port);
    waitUntil("the kept messages delivered", 60,
        () -> h.receiver.distinctSequenceIds() == 30 - dropped && trail.stats().pending() == 0);
    assertThat(List.copyOf(bySequence(h.receiver.frames()).keySet()))
        .as("the newest, without a gap").isEqualTo(LongStream.rangeClosed(dropped + 1, 30).boxed().toList());
    await(trail.close());
  }

  @Test
  void aMessageOverTheSizeLimitIsRefusedUntruncated() throws Exception {
    AuditTrail trail = open(AuditSpoolLimits.FullPolicy.DROP_OLDEST);
    byte[] bigQuery = ("<queryByParameter xmlns=\"urn:hl7-org:v3\">" + "x".repeat(5000) + "</queryByParameter>")
        .getBytes(StandardCharsets.UTF_8);
    AuditMessage big = AuditSamples.events().patientDiscovery(new PatientDiscovery(EventOutcome.SUCCESS,
        AuditSamples.initiating(), "q1", bigQuery, null, List.of()));
    assertThatThrownBy(() -> await(trail.record(big))).hasCauseInstanceOf(SyslogMessageTooLargeException.class)
        .cause().satisfies(e -> {
          assertThat(((SyslogMessageTooLargeException) e).limit()).isEqualTo(4096);
          assertThat(((SyslogMessageTooLargeException) e).size()).isGreaterThan(4096);
        });
    assertThat(await(trail.record(retrieval(1)))).as("the refused message used no sequence number").isEqualTo(1);
    await(trail.close());
  }
}
