package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.trust.AuditTrailHarness.await;
import static org.xcaibridge.trust.AuditTrailHarness.bySequence;
import static org.xcaibridge.trust.AuditTrailHarness.waitUntil;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool outlives the process: what was recorded while the repository was down is sent by the next trail
 * opened on the same directory, numbering continues, delivered messages are not sent again, a record torn or
 * damaged by a crash is cut (and counted) without losing the records before it, and two trails never share a
 * spool.
 */
class AuditSpoolSurvivesRestartTest {
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

  private AuditTrail open() throws Exception {
    return await(AuditTrail.open(h.vertx, AuditTrailHarness.settings(work.resolve("spool")),
        new SyslogTlsTransport(h.vertx, pki.clientOptions(), "127.0.0.1", port, Duration.ofMillis(500),
            SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES)));
  }

  private static List<Long> record(AuditTrail trail, int from, int to) throws Exception {
    List<Long> sequences = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      sequences.add(await(trail.record(AuditSamples.events().retrieve(AuditSamples.retrieval(i)))));
    }
    return sequences;
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(work.resolve("spool"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void whatWasSpooledBeforeARestartIsSentAfterIt() throws Exception {
    AuditTrail before = open();
    assertThat(record(before, 1, 50)).isEqualTo(LongStream.rangeClosed(1, 50).boxed().toList());
    assertThat(before.stats().pending()).isEqualTo(50);
    await(before.close());
    assertThat(segments()).isNotEmpty();

    h.receiver.startTls(pki.serverOptions(), port);
    AuditTrail after = open();
    assertThat(after.stats().pending()).isEqualTo(50);
    waitUntil("the 50 spooled messages delivered", 60,
        () -> h.receiver.distinctSequenceIds() == 50 && after.stats().pending() == 0);
    assertThat(record(after, 51, 60)).as("numbering continues")
        .isEqualTo(LongStream.rangeClosed(51, 60).boxed().toList());
    waitUntil("all 60 delivered", 60, () -> h.receiver.distinctSequenceIds() == 60 && after.stats().pending() == 0);
    await(after.close());
    assertThat(List.copyOf(bySequence(h.receiver.frames()).keySet()))
        .isEqualTo(LongStream.rangeClosed(1, 60).boxed().toList());
    bySequence(h.receiver.frames()).values().forEach(f -> AuditChecks.validate(AuditChecks.parse(f).xml()));

    AuditTrail third = open();
    assertThat(third.stats().acknowledged()).as("delivered messages are remembered").isEqualTo(60);
    assertThat(third.stats().pending()).isZero();
    await(third.close());
  }

  @Test
  void aRecordTornByACrashIsCutAndTheOnesBeforeItAreSent() throws Exception {
    AuditTrail before = open();
    record(before, 1, 20);
    await(before.close());
    Path last = segments().get(segments().size() - 1);
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 7);
    }

    h.receiver.startTls(pki.serverOptions(), port);
    AuditTrail after = open();
    assertThat(after.stats().discardedOnRecovery()).isPositive();
    assertThat(after.stats().pending()).isEqualTo(19);
    waitUntil("19 messages delivered", 60,
        () -> h.receiver.distinctSequenceIds() == 19 && after.stats().pending() == 0);
    assertThat(await(after.record(AuditSamples.events().retrieve(AuditSamples.retrieval(21))))).isEqualTo(20);
    await(after.close());
  }

  @Test
  void aDamagedRecordCutsItsSegmentThere() throws Exception {
    AuditTrail before = open();
    record(before, 1, 3);
    await(before.close());
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    long secondRecordPayload = bytes.length / 3 + 40;
    bytes[(int) secondRecordPayload] ^= 0x20;
    Files.write(segment, bytes);

    AuditTrail after = open();
    assertThat(after.stats().pending()).as("only the record before the damage").isEqualTo(1);
    assertThat(after.stats().discardedOnRecovery()).isEqualTo(bytes.length - bytes.length / 3);
    await(after.close());
  }

  @Test
  void twoTrailsCannotShareASpool() throws Exception {
    AuditTrail first = open();
    assertThatThrownBy(this::open).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("in use");
    await(first.close());
    await(open().close());
  }
}
