package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.trust.AuditTrailHarness.await;
import static org.xcaibridge.trust.AuditTrailHarness.waitUntil;

import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.AuditEvent.PatientDiscovery;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/**
 * RFC 5426: each audit message travels alone in one datagram, unframed; a message larger than the
 * configured datagram limit is never cut or split but dropped from the spool and counted, and the messages
 * after it still go. Python reads the captured datagrams independently.
 */
class SyslogUdpSendsOneMessagePerDatagramTest {
  private static final int MAX_DATAGRAM = 4096;

  @TempDir
  Path work;
  private final AuditTrailHarness h = new AuditTrailHarness();

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  @Test
  void oneMessagePerDatagramAndTheOversizedOneIsDroppedAndCounted() throws Exception {
    int port = h.receiver.startUdp();
    SyslogUdpTransport udp = new SyslogUdpTransport(h.vertx, new DatagramSocketOptions(), "127.0.0.1", port,
        MAX_DATAGRAM);
    AuditTrail trail = await(AuditTrail.open(h.vertx, AuditTrailHarness.settings(work.resolve("spool")), udp));
    List<Long> expected = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      expected.add(await(trail.record(AuditSamples.events().retrieve(AuditSamples.retrieval(i)))));
    }
    byte[] bigQuery = ("<queryByParameter xmlns=\"urn:hl7-org:v3\">" + "x".repeat(5000) + "</queryByParameter>")
        .getBytes(StandardCharsets.UTF_8);
    long oversized = await(trail.record(AuditSamples.events().patientDiscovery(new PatientDiscovery(
        EventOutcome.SUCCESS, AuditSamples.initiating(), "q1", bigQuery, null, List.of()))));
    for (int i = 22; i <= 26; i++) {
      expected.add(await(trail.record(AuditSamples.events().retrieve(AuditSamples.retrieval(i)))));
    }
    waitUntil("25 datagrams", 60, () -> h.receiver.datagrams().size() == 25 && trail.stats().pending() == 0);
    assertThat(oversized).isEqualTo(21);
    assertThat(trail.stats().oversize()).isEqualTo(1);
    assertThat(expected).isEqualTo(LongStream.rangeClosed(1, 26).filter(n -> n != 21).boxed().toList());

    List<Long> received = new ArrayList<>();
    for (byte[] d : h.receiver.datagrams()) {
      assertThat(d[0]).as("no framing before the SYSLOG-MSG").isEqualTo((byte) '<');
      assertThat(d.length).isLessThanOrEqualTo(MAX_DATAGRAM);
      AuditChecks.Syslog s = AuditChecks.parse(d);
      AuditChecks.validate(s.xml());
      received.add(s.sequenceId());
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(expected);

    AuditPython.require();
    h.receiver.writeCapture(work.resolve("capture"));
    JsonObject py = AuditPython.read("udp", work.resolve("capture").resolve("datagrams.bin"));
    JsonArray messages = py.getJsonArray("messages");
    assertThat(messages.size()).isEqualTo(25);
    List<Long> pySequences = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      assertThat(m.getJsonArray("problems")).isEmpty();
      assertThat(m.getString("msgid")).isEqualTo("IHE+RFC-3881");
      assertThat(m.getJsonObject("event_id").getString("code")).isEqualTo("110107");
      pySequences.add(m.getLong("sequence_id"));
    }
    assertThat(pySequences).containsExactlyInAnyOrderElementsOf(expected);
    await(trail.close());
  }

  @Test
  void theTransportRefusesAnOversizedMessageAndBadLimits() throws Exception {
    SyslogUdpTransport udp = new SyslogUdpTransport(h.vertx, new DatagramSocketOptions(), "127.0.0.1", 9, 480);
    assertThatThrownBy(() -> await(udp.send(List.of(new byte[481])))).hasCauseInstanceOf(
        SyslogMessageTooLargeException.class);
    await(udp.close());
    assertThatThrownBy(() -> new SyslogUdpTransport(h.vertx, new DatagramSocketOptions(), "127.0.0.1", 514, 479))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyslogUdpTransport(h.vertx, new DatagramSocketOptions(), "127.0.0.1", 514, 65_508))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
