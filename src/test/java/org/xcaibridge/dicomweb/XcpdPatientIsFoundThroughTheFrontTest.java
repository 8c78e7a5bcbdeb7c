package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.studies.StudySettings;

/**
 * Issue 7, "XCPD resolves a patient whose id differs between communities, and QIDO then finds their studies", over
 * real HTTP end to end: a viewer asks the DICOMweb front for its own patient id (another identity domain) with the
 * patient's name and sex; the community configured without an identity domain gets an ITI-55 with those
 * demographics, our responder matches them and answers with its own id, the bridge queries ITI-38 with that id, and
 * the study rows carry the viewer's id. The studies so found can be opened through the front. A community with an
 * identity domain is not asked about a patient of another domain; a second search asks nobody again.
 */
class XcpdPatientIsFoundThroughTheFrontTest {
  private static final String VIEWER_ID = "LOCAL-7";
  private static final String VIEWER_DOMAIN = "1.2.3.999";
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
  void theCommunitysOwnIdIsFoundAndItsStudiesListed() throws Exception {
    Path sets = Fixtures.sharedDicom().resolve("study-sets");
    rig = new BridgeRig(temp);
    BridgeRig.Community xcpd = rig.community("XCPD community", 351, sets.resolve("98892003"),
        CommunitySettings.DEFAULT, Duration.ofSeconds(20));
    BridgeRig.Community domain = rig.community("Domain community", 352, sets.resolve("98892001"),
        CommunitySettings.DEFAULT, Duration.ofSeconds(20));
    rig.locateByXcpd(xcpd);
    Map<String, Integer> asked = new ConcurrentHashMap<>();
    xcpd.hook = (req, router) -> {
      asked.merge(req.path(), 1, Integer::sum);
      router.handle(req);
    };
    domain.hook = (req, router) -> {
      asked.merge("domain", 1, Integer::sum);
      router.handle(req);
    };
    rig.startBridge(StudySettings.DEFAULT.withPrefetchConcurrency(0)
        .withXcpdIdentity("urn:oid:1.3.6.1.4.1.21367.13.70.350", "1.3.6.1.4.1.21367.13.10.350"));

    String query = "/studies?PatientID=" + VIEWER_ID + "&IssuerOfPatientID=" + VIEWER_DOMAIN
        + "&PatientName=Doe%5EPeter&PatientSex=M";
    HttpResponse<byte[]> r = rig.get(query, "Accept", "application/dicom+json");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    assertThat(r.headers().allValues("Warning")).isEmpty();
    Set<String> studies = new HashSet<>();
    for (Object o : new JsonArray(new String(r.body()))) {
      JsonObject row = (JsonObject) o;
      studies.add(row.getJsonObject("0020000D").getJsonArray("Value").getString(0));
      assertThat(row.getJsonObject("00100020").getJsonArray("Value").getString(0)).isEqualTo(VIEWER_ID);
      assertThat(row.getJsonObject("00100021").getJsonArray("Value").getString(0)).isEqualTo(VIEWER_DOMAIN);
    }
    Corpus held = Corpus.of(sets.resolve("98892003"));
    assertThat(studies).isNotEmpty().isEqualTo(new HashSet<>(held.studies("98890234")));
    assertThat(asked.get(RespondingGateway.ITI55_PATH)).as("ITI-55 calls").isEqualTo(1);
    assertThat(asked.get(RespondingGateway.ITI38_PATH)).as("ITI-38 calls").isEqualTo(1);
    assertThat(asked).as("a domain community is not asked about another domain's patient")
        .doesNotContainKey("domain");
    // the community's id is not the viewer's: the bridge located the study under the id XCPD gave
    String first = studies.iterator().next();
    assertThat(rig.service.locate(first).orElseThrow().communityPatientId())
        .isEqualTo("98890234^^^&" + xcpd.identity.assigningAuthorityOid() + "&ISO");

    HttpResponse<byte[]> series = rig.get("/studies/" + first + "/series", "Accept", "application/dicom+json");
    assertThat(series.statusCode()).as(new String(series.body())).isEqualTo(200);
    assertThat(new JsonArray(new String(series.body()))).isNotEmpty();

    int before = asked.values().stream().mapToInt(Integer::intValue).sum();
    HttpResponse<byte[]> again = rig.get(query, "Accept", "application/dicom+json");
    assertThat(new JsonArray(new String(again.body()))).hasSize(studies.size());
    assertThat(asked.values().stream().mapToInt(Integer::intValue).sum()).as("a second search asks nobody")
        .isEqualTo(before);
  }
}
