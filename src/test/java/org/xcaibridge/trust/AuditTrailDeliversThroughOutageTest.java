package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.AuditTrailHarness.await;
import static org.xcaibridge.trust.AuditTrailHarness.bySequence;
import static org.xcaibridge.trust.AuditTrailHarness.waitUntil;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The acceptance run: 1,000 RAD-75 retrieval audits over syslog/TLS (mutual TLS, RFC 5425) while the
 * audit repository goes down part-way (it crashes on its 150th message, losing what its buffers hold, while
 * more are in flight), 300 more are recorded while it is down, and it comes back on the same port.
 * Every message arrives once it is back: by sequenceId exactly 1..1000, copies (at-least-once) byte-identical;
 * each valid per the transcribed PS3.15 A.5.1 schema with the retrieve's content; Python's independent reader
 * of the raw TLS stream agrees; and the sender's event loop was never blocked.
 */
class AuditTrailDeliversThroughOutageTest {
  private static final int TOTAL = 1000;

  @TempDir
  Path work;
  private final AuditTrailHarness h = new AuditTrailHarness();

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  @Test
  void everyRetrievalAuditIsDeliveredOnceTheRepositoryIsBack() throws Exception {
    AuditTestPki pki = AuditTestPki.generate();
    int port = h.receiver.startTls(pki.serverOptions(), 0);
    h.receiver.warmUpTls(pki.clientOptions());
    SyslogTlsTransport transport = new SyslogTlsTransport(h.vertx, pki.clientOptions(), "127.0.0.1", port,
        Duration.ofSeconds(2), SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES);
    AuditTrail trail = await(AuditTrail.open(h.vertx, AuditTrailHarness.settings(work.resolve("spool")), transport));
    AuditEvents events = AuditSamples.events();
    List<Future<Long>> recorded = new ArrayList<>();

    // the repository crashes when the 150th message arrives, while the rest of the first 400 are on their way
    h.receiver.stopAfter(150);
    for (int i = 1; i <= 400; i++) {
      recorded.add(trail.record(events.retrieve(AuditSamples.retrieval(i))));
    }
    h.receiver.stopped().get(60, TimeUnit.SECONDS);
    int beforeOutage = h.receiver.distinctSequenceIds();

    for (int i = 401; i <= 700; i++) {
      recorded.add(trail.record(events.retrieve(AuditSamples.retrieval(i))));
    }
    waitUntil("700 messages spooled", 60, () -> trail.stats().recorded() == 700);
    assertThat(trail.stats().pending()).as("undelivered while the repository is down")
        .isGreaterThanOrEqualTo(700 - beforeOutage);
    assertThat(h.receiver.distinctSequenceIds()).as("received while down").isEqualTo(beforeOutage);

    h.receiver.startTls(pki.serverOptions(), port);
    for (int i = 701; i <= TOTAL; i++) {
      recorded.add(trail.record(events.retrieve(AuditSamples.retrieval(i))));
    }
    waitUntil("all messages delivered and acknowledged", 60,
        () -> h.receiver.distinctSequenceIds() == TOTAL && trail.stats().pending() == 0);

    List<Long> sequences = new ArrayList<>();
    for (Future<Long> f : recorded) {
      sequences.add(await(f));
    }
    assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, TOTAL).boxed().toList());
    List<byte[]> frames = h.receiver.frames();
    Map<Long, byte[]> delivered = bySequence(frames);
    assertThat(List.copyOf(delivered.keySet())).isEqualTo(sequences);
    for (Map.Entry<Long, byte[]> e : delivered.entrySet()) {
      checkRetrievalAudit(e.getKey(), e.getValue());
    }
    System.out.printf("audit outage run: %d messages, %d frames received (%d resent copies), %d connections,"
            + " %d delivered before the outage%n", TOTAL, frames.size(), frames.size() - TOTAL,
        h.receiver.connectionCount(), beforeOutage);
    assertThat(h.receiver.connectionCount()).as("reconnected after the outage").isGreaterThanOrEqualTo(2);
    assertThat(trail.stats().acknowledged()).isEqualTo(TOTAL);
    assertThat(h.blockedThreadReports()).as("blocked-thread checker").isEmpty();

    AuditPython.require();
    Path capture = work.resolve("capture");
    h.receiver.writeCapture(capture);
    JsonObject py = AuditPython.read("tls", capture);
    JsonArray messages = py.getJsonArray("messages");
    assertThat(messages.size()).as("frames Python found in the raw TLS streams").isEqualTo(frames.size());
    assertThat(py.getInteger("incomplete")).isLessThanOrEqualTo(h.receiver.connectionCount());
    Set<Long> pySequences = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      assertThat(m.getJsonArray("problems")).as("message %s", m.getLong("sequence_id")).isEmpty();
      assertThat(m.getString("msgid")).isEqualTo("IHE+RFC-3881");
      assertThat(m.getInteger("pri")).isEqualTo(85);
      assertThat(m.getJsonObject("event_id").getString("code")).isEqualTo("110107");
      assertThat(m.getJsonArray("type_codes").getJsonObject(0).getString("code")).isEqualTo("RAD-75");
      long seq = m.getLong("sequence_id");
      assertThat(m.getJsonArray("objects").getJsonObject(1).getString("id"))
          .isEqualTo("1.2.826.0.1.3680043.10.543." + seq);
      pySequences.add(seq);
    }
    assertThat(pySequences).isEqualTo(sequences.stream().collect(Collectors.toSet()));
    await(trail.close());
  }

  /** Message n is the n-th retrieval recorded: its header, schema validity and content. */
  private static void checkRetrievalAudit(long n, byte[] frame) {
    AuditChecks.Syslog s = AuditChecks.parse(frame);
    assertThat(s.pri()).isEqualTo(85);
    assertThat(s.timestamp()).isEqualTo("2025-03-04T05:06:07.089Z");
    assertThat(s.hostName()).isEqualTo("bridge.test");
    assertThat(s.appName()).isEqualTo("xcai-bridge");
    assertThat(s.procId()).isEqualTo("4242");
    assertThat(s.msgId()).isEqualTo("IHE+RFC-3881");
    assertThat(s.bom()).isTrue();
    AuditChecks.validate(s.xml());
    Document d = AuditChecks.dom(s.xml());
    assertThat(AuditChecks.text(d, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110107");
    assertThat(AuditChecks.text(d, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("RAD-75");
    assertThat(AuditChecks.count(d, "/AuditMessage/ActiveParticipant")).isEqualTo(3);
    assertThat(AuditChecks.text(d, "/AuditMessage/ParticipantObjectIdentification[1]/@ParticipantObjectID"))
        .isEqualTo("PAT-" + n + "^^^&1.2.3.4.5&ISO");
    assertThat(AuditChecks.text(d, "/AuditMessage/ParticipantObjectIdentification[2]/@ParticipantObjectID"))
        .isEqualTo("1.2.826.0.1.3680043.10.543." + n);
    assertThat(AuditChecks.count(d, "/AuditMessage/ParticipantObjectIdentification")).isEqualTo(4);
  }
}
