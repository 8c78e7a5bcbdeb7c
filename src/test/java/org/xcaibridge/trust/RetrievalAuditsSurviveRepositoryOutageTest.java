package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievalOutcome;

/**
 * The issue's audit acceptance run through both doors: 1,000 RAD-75 retrievals of small generated radiographs,
 * from our initiating gateway (two-way TLS, a signed assertion per request) through our responder (XUA
 * validation), each side auditing over RFC 5425 syslog/TLS to its own repository on 127.0.0.1. Both repositories
 * crash part-way (losing what their buffers hold) while retrievals go on, and come back on the same port later.
 *
 * <p>Once they are back, every retrieval's record arrives at each side's repository: meta sequenceIds exactly
 * 1..1000, resent copies byte-identical, and each retrieved instance named by exactly one record (no retrieval
 * recorded twice or lost). Each record is valid per the transcribed PS3.15 A.5.1 schema (JDK validator) and read
 * again by Python's standard library from the raw TLS streams: EventIdentification with EventID, EventActionCode,
 * EventDateTime and EventOutcomeIndicator; ActiveParticipants with UserID, UserIsRequestor and RoleIDCode;
 * ParticipantObjectIdentification naming the study and the instance.
 */
class RetrievalAuditsSurviveRepositoryOutageTest {
  private static final int RETRIEVALS = 1000;
  private static final int WINDOW = 16;

  @TempDir
  Path temp;
  private AuditedDoorRig rig;

  @AfterEach
  void close() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void everyRetrievalIsAuditedOnBothSidesExactlyOnceAfterTheOutage() throws Exception {
    long t0 = System.nanoTime();
    rig = new AuditedDoorRig(temp, RETRIEVALS / 2, 64, Duration.ofSeconds(1));
    long t1 = System.nanoTime();
    assertThat(rig.items).hasSize(RETRIEVALS);
    Map<String, String> received = new ConcurrentHashMap<>();

    // the responder's repository crashes at its 200th record, the bridge's at its 300th, while retrievals go on
    rig.responderSyslog.stopAfter(200);
    rig.initiatorSyslog.stopAfter(300);
    retrieve(0, 600, received);
    rig.responderSyslog.stopped().get(60, TimeUnit.SECONDS);
    rig.initiatorSyslog.stopped().get(60, TimeUnit.SECONDS);
    int responderBefore = rig.responderSyslog.distinctSequenceIds();
    int initiatorBefore = rig.initiatorSyslog.distinctSequenceIds();
    retrieve(600, 800, received);
    AuditTrailHarness.waitUntil("800 records spooled on each side", 60,
        () -> rig.responderTrail.stats().recorded() == 800 && rig.initiatorTrail.stats().recorded() == 800);
    assertThat(rig.responderSyslog.distinctSequenceIds()).as("responder records received while down")
        .isEqualTo(responderBefore).isLessThan(800);
    assertThat(rig.initiatorSyslog.distinctSequenceIds()).as("bridge records received while down")
        .isEqualTo(initiatorBefore).isLessThan(800);
    assertThat(rig.responderTrail.stats().pending()).isGreaterThanOrEqualTo(800 - responderBefore);

    rig.responderSyslog.startTls(rig.syslogPki.serverOptions(), rig.responderSyslogPort);
    rig.initiatorSyslog.startTls(rig.syslogPki.serverOptions(), rig.initiatorSyslogPort);
    retrieve(800, RETRIEVALS, received);
    AuditTrailHarness.waitUntil("every record delivered and acknowledged on both sides", 90,
        () -> rig.responderSyslog.distinctSequenceIds() == RETRIEVALS && rig.responderTrail.stats().pending() == 0
            && rig.initiatorSyslog.distinctSequenceIds() == RETRIEVALS && rig.initiatorTrail.stats().pending() == 0);

    long t2 = System.nanoTime();
    assertThat(received).as("instances retrieved").hasSize(RETRIEVALS);
    for (AuditedDoorRig.Item item : rig.items) {
      assertThat(received.get(item.instance())).as("instance %s", item.instance()).isEqualTo(item.sha256());
    }
    Map<String, AuditedDoorRig.Item> byInstance =
        rig.items.stream().collect(Collectors.toMap(AuditedDoorRig.Item::instance, i -> i));
    check("responder", rig.responderSyslog, rig.responderTrail, "110106", "R", "xcai-responder", byInstance);
    check("bridge", rig.initiatorSyslog, rig.initiatorTrail, "110107", "C", "xcai-bridge", byInstance);
    System.out.printf("audit acceptance run: set-up %.1f s, retrievals and delivery %.1f s, checks %.1f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
  }

  /** Retrieves items [from, to) with at most {@link #WINDOW} retrievals in flight; waits for them all. */
  private void retrieve(int from, int to, Map<String, String> received) throws Exception {
    GatewayHarness h = rig.harness;
    Semaphore window = new Semaphore(WINDOW);
    List<Future<RetrievalOutcome>> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      AuditedDoorRig.Item item = rig.items.get(i);
      window.acquire();
      Future<RetrievalOutcome> one = h.onLoop(() -> rig.client().retrieveImages(AuditedDoorRig.rad75(item))
          .compose(r -> read(r, received)));
      one.onComplete(ar -> window.release());
      all.add(one);
    }
    for (Future<RetrievalOutcome> f : all) {
      GatewayHarness.get(f);
    }
  }

  /** Reads every instance of a retrieval, noting each one's SHA-256; on the client's event loop. */
  private static Future<RetrievalOutcome> read(ImagingRetrieval r, Map<String, String> received) {
    Promise<RetrievalOutcome> done = Promise.promise();
    r.handler(instance -> {
      MessageDigest sha = GatewayHarness.sha256();
      instance.body().handler(b -> sha.update(b.getBytes()));
      instance.body().endHandler(v -> received.put(instance.documentUniqueId(),
          HexFormat.of().formatHex(sha.digest())));
    });
    r.outcome().onComplete(done);
    return done.future();
  }

  /**
   * One side's repository: sequenceIds 1..1000 each once after de-duplication (copies identical), every instance
   * in exactly one record, each record schema-valid with the expected content, and the same by Python.
   */
  private void check(String side, SyslogTestReceiver receiver, AuditTrail trail, String eventId, String action,
      String app, Map<String, AuditedDoorRig.Item> byInstance) throws Exception {
    List<byte[]> frames = receiver.frames();
    Map<Long, byte[]> bySequence = AuditTrailHarness.bySequence(frames);
    assertThat(List.copyOf(bySequence.keySet())).as("%s: sequenceIds", side)
        .isEqualTo(LongStream.rangeClosed(1, RETRIEVALS).boxed().toList());
    Map<String, Long> recordOf = new TreeMap<>();
    for (Map.Entry<Long, byte[]> e : bySequence.entrySet()) {
      AuditChecks.Syslog s = AuditChecks.parse(e.getValue());
      assertThat(s.appName()).isEqualTo(app);
      AuditChecks.validate(s.xml());
      Document d = AuditChecks.dom(s.xml());
      String instance = checkRecord(side + " record " + e.getKey(), d, eventId, action, byInstance);
      Long earlier = recordOf.put(instance, e.getKey());
      assertThat(earlier).as("%s: instance %s recorded by records %s and %s", side, instance, earlier, e.getKey())
          .isNull();
    }
    assertThat(recordOf.keySet()).as("%s: instances recorded", side).isEqualTo(byInstance.keySet());
    assertThat(trail.stats().acknowledged()).isEqualTo(RETRIEVALS);
    assertThat(trail.stats().dropped()).isZero();
    assertThat(receiver.connectionCount()).as("%s: reconnected after the outage", side).isGreaterThanOrEqualTo(2);
    System.out.printf("%s audit: %d records, %d frames received (%d resent copies), %d connections%n", side,
        RETRIEVALS, frames.size(), frames.size() - RETRIEVALS, receiver.connectionCount());
    checkWithPython(side, receiver, frames.size(), eventId, action, byInstance.keySet());
  }

  /** The record's content; returns the one instance it names. */
  private static String checkRecord(String what, Document d, String eventId, String action,
      Map<String, AuditedDoorRig.Item> byInstance) {
    String ev = "/AuditMessage/EventIdentification";
    assertThat(AuditChecks.text(d, ev + "/EventID/@csd-code")).as(what).isEqualTo(eventId);
    assertThat(AuditChecks.text(d, ev + "/@EventActionCode")).as(what).isEqualTo(action);
    assertThat(AuditChecks.text(d, ev + "/@EventOutcomeIndicator")).as(what).isEqualTo("0");
    assertThat(AuditChecks.text(d, ev + "/@EventDateTime")).as(what).isNotEmpty();
    assertThat(AuditChecks.text(d, ev + "/EventTypeCode/@csd-code")).as(what).isEqualTo("RAD-75");
    int participants = AuditChecks.count(d, "/AuditMessage/ActiveParticipant");
    assertThat(participants).as(what).isGreaterThanOrEqualTo(2);
    assertThat(AuditChecks.count(d, "/AuditMessage/ActiveParticipant[@UserID and @UserIsRequestor]"))
        .as(what).isEqualTo(participants);
    assertThat(AuditChecks.count(d, "/AuditMessage/ActiveParticipant[RoleIDCode/@csd-code='110153']"))
        .as("%s: one Source", what).isEqualTo(1);
    assertThat(AuditChecks.count(d, "/AuditMessage/ActiveParticipant[RoleIDCode/@csd-code='110152']"))
        .as("%s: one Destination", what).isEqualTo(1);
    assertThat(AuditChecks.count(d, "/AuditMessage/ActiveParticipant[@UserIsRequestor='true']"))
        .as("%s: a requestor", what).isGreaterThanOrEqualTo(1);
    String po = "/AuditMessage/ParticipantObjectIdentification";
    assertThat(AuditChecks.count(d, po)).as(what).isEqualTo(2);
    String instance = AuditChecks.text(d, po + "[ParticipantObjectIDTypeCode/@csd-code='urn:ihe:iti:xds:2013:"
        + "uniqueId' or ParticipantObjectIDTypeCode/@csd-code='9']/@ParticipantObjectID");
    AuditedDoorRig.Item item = byInstance.get(instance);
    assertThat(item).as("%s names a retrieved instance, not %s", what, instance).isNotNull();
    assertThat(AuditChecks.text(d, po + "[ParticipantObjectIDTypeCode/@csd-code='110180']/@ParticipantObjectID"))
        .as("%s: the instance's study", what).isEqualTo(item.study());
    return instance;
  }

  private void checkWithPython(String side, SyslogTestReceiver receiver, int frames, String eventId, String action,
      Set<String> instances) throws Exception {
    AuditPython.require();
    Path capture = temp.resolve("capture-" + side);
    receiver.writeCapture(capture);
    JsonObject py = AuditPython.read("tls", capture);
    JsonArray messages = py.getJsonArray("messages");
    assertThat(messages.size()).as("%s: frames Python found in the raw TLS streams", side).isEqualTo(frames);
    Map<Long, String> instanceOf = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.getJsonObject(i);
      long seq = m.getLong("sequence_id");
      assertThat(m.getJsonArray("problems")).as("%s message %d", side, seq).isEmpty();
      assertThat(m.getString("msgid")).isEqualTo("IHE+RFC-3881");
      assertThat(m.getJsonObject("event_id").getString("code")).isEqualTo(eventId);
      assertThat(m.getString("action")).isEqualTo(action);
      assertThat(m.getString("outcome")).isEqualTo("0");
      assertThat(m.getString("datetime")).isNotBlank();
      JsonArray participants = m.getJsonArray("participants");
      for (int p = 0; p < participants.size(); p++) {
        assertThat(participants.getJsonObject(p).getJsonArray("roles")).as("%s message %d participant %d roles", side,
            seq, p).isNotEmpty();
      }
      String instance = null;
      JsonArray objects = m.getJsonArray("objects");
      for (int o = 0; o < objects.size(); o++) {
        if (instances.contains(objects.getJsonObject(o).getString("id"))) {
          instance = objects.getJsonObject(o).getString("id");
        }
      }
      assertThat(instance).as("%s message %d names an instance", side, seq).isNotNull();
      String before = instanceOf.putIfAbsent(seq, instance);
      assertThat(before == null || before.equals(instance)).as("%s: copies of message %d agree", side, seq).isTrue();
    }
    assertThat(instanceOf).as("%s: messages Python read, by sequenceId", side).hasSize(RETRIEVALS);
    assertThat(Set.copyOf(instanceOf.values())).as("%s: instances, once each", side).isEqualTo(instances);
  }
}
