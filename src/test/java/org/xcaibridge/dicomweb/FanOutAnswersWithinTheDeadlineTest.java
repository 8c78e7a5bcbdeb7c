package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.studies.StudySettings;

/**
 * A study search over five communities (issue 6, "Fan-out"): three answer at once — two hold studies of the
 * patient, one does not know them —, one takes 6 s, one is down. With a 3 s deadline per community the QIDO-RS
 * answer comes within the deadline (well before the slow one answers) with the studies of the two, and a
 * {@code Warning: 299} naming each community that is missing. When every community fails, the answer is a 502
 * naming them, not an empty list.
 */
class FanOutAnswersWithinTheDeadlineTest {
  private static final String PATIENT = "98890234";
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static final long SLOW_MILLIS = 6_000;
  @TempDir
  Path temp;
  private BridgeRig rig;

  @AfterEach
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theAnswerComesInTimeWithWhatAnsweredAndNamesTheRest() throws Exception {
    Path sets = Fixtures.sharedDicom().resolve("study-sets");
    rig = new BridgeRig(temp);
    rig.community("North", 311, sets.resolve("98892001"), CommunitySettings.DEFAULT, DEADLINE);
    rig.community("South", 312, sets.resolve("98892003"), CommunitySettings.DEFAULT, DEADLINE);
    rig.community("East", 313, sets.resolve("77654033"), CommunitySettings.DEFAULT, DEADLINE);
    BridgeRig.Community slow = rig.community("Slow West", 314, Fixtures.sharedDicom().resolve("mr"),
        CommunitySettings.DEFAULT, DEADLINE);
    slow.hook = (req, router) -> {
      req.pause();
      rig.responderVertx.setTimer(SLOW_MILLIS, t -> {
        router.handle(req);
        req.resume();
      });
    };
    rig.deadCommunity("Dead Central", 315);
    rig.startBridge(StudySettings.DEFAULT);
    // another patient first, so that the timed search does not pay for a cold JVM on a shared machine
    rig.get("/studies?PatientID=77654033", "Accept", "application/dicom+json");

    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = rig.get("/studies?PatientID=" + PATIENT, "Accept", "application/dicom+json");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    assertThat(millis).as("answered after the deadline, not after the slow community").isLessThan(SLOW_MILLIS - 1000);
    Set<String> studies = new HashSet<>();
    for (Object o : new JsonArray(new String(r.body()))) {
      studies.add(((JsonObject) o).getJsonObject("0020000D").getJsonArray("Value").getString(0));
    }
    Corpus north = Corpus.of(sets.resolve("98892001"));
    Corpus south = Corpus.of(sets.resolve("98892003"));
    Set<String> expected = new HashSet<>(north.studies(PATIENT));
    expected.addAll(south.studies(PATIENT));
    assertThat(studies).isEqualTo(expected);
    List<String> warnings = r.headers().allValues("Warning");
    assertThat(warnings).allMatch(w -> w.startsWith("299 xcai-bridge \""));
    assertThat(warnings).anyMatch(w -> w.contains("Slow West (urn:oid:1.3.6.1.4.1.21367.13.70.314)")
        && w.contains("no answer in time"));
    assertThat(warnings).anyMatch(w -> w.contains("Dead Central (urn:oid:1.3.6.1.4.1.21367.13.70.315)"));
    assertThat(warnings).noneMatch(w -> w.contains("North") || w.contains("South") || w.contains("East"));
  }

  @Test
  void whenEveryCommunityFailsTheAnswerIsABadGatewayNamingThem() throws Exception {
    rig = new BridgeRig(temp);
    rig.deadCommunity("Dead Central", 316);
    rig.deadCommunity("Dead Coast", 317);
    rig.startBridge(StudySettings.DEFAULT);
    HttpResponse<byte[]> r = rig.get("/studies?PatientID=" + PATIENT, "Accept", "application/dicom+json");
    assertThat(r.statusCode()).isEqualTo(502);
    JsonObject body = new JsonObject(new String(r.body()));
    assertThat(body.getString("message")).contains("Dead Central").contains("Dead Coast");
  }
}
