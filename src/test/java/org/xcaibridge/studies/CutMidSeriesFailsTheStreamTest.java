package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.TcpProxy;

/**
 * The community's connection reset in the middle of a series' RAD-75 answer (a real TCP RST from a relay): the
 * series stream fails with {@link StudiesException.CommunityFailed} naming the community, the instances that
 * arrived whole stay cached, each identical to its file, and the one cut is not cached. Asking again brings the
 * whole series, identical to the files.
 */
class CutMidSeriesFailsTheStreamTest {
  private static final String STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";

  @TempDir
  static Path temp;
  static StudiesRig rig;
  static StudiesRig.Community community;
  static TcpProxy proxy;
  static final AtomicLong cutAfter = new AtomicLong(-1);
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    rig = new StudiesRig(temp);
    community = rig.community("Cut community", 351, "98892003");
    proxy = TcpProxy.start(rig.harness.vertx, community.server.actualPort(), n -> {
      long cut = cutAfter.getAndSet(-1);
      return cut > 0 ? TcpProxy.Plan.resetAfterAnswerBytes(cut) : TcpProxy.Plan.FORWARD;
    });
    rig.connect(community, community.endpoints(proxy.base("")), CommunitySettings.DEFAULT, Duration.ofSeconds(10),
        Duration.ofSeconds(5));
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(0));
    files = Pydicom.read(rig.files.values());
    rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(PatientSelector.of(StudiesRig.PATIENT, null))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theStreamFailsAndOnlyWholeInstancesStayCached() throws Exception {
    String series = files.values().stream().filter(o -> o.getString("file").contains("/MR700/"))
        .map(o -> o.getString("SeriesInstanceUID")).findFirst().orElseThrow();
    List<String> sops = files.values().stream().filter(o -> series.equals(o.getString("SeriesInstanceUID")))
        .map(o -> o.getString("SOPInstanceUID")).toList();
    assertThat(sops).hasSize(7);

    // the envelope and about five and a half of the seven ~2.4 kB instances; a reset drops what the relay had not
    // yet sent, so how many arrive whole varies, but never all of them
    cutAfter.set(15_500);
    StudiesRig.Read cut = rig.read(() -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED));
    assertThat(cut.failure()).isInstanceOf(StudiesException.CommunityFailed.class)
        .hasMessageContaining("Cut community");
    List<String> whole = cut.instances().stream().filter(g -> g.failure() == null).map(StudiesRig.Got::sop).toList();
    assertThat(whole).hasSizeLessThan(7);
    List<String> cached = sops.stream().filter(s -> rig.store.summary(new InstanceKey(STUDY, series, s)).isPresent())
        .toList();
    assertThat(cached).as("every instance read whole is cached").containsAll(whole).hasSizeLessThan(7);
    cut.instances().stream().filter(g -> g.failure() != null).forEach(g -> {
      assertThat(g.failure()).isInstanceOf(StudiesException.CommunityFailed.class);
      assertThat(cached).as("the instance cut short").doesNotContain(g.sop());
    });
    for (String sop : cached) {
      StudiesRig.Got g = rig.readInstance(() -> rig.service.retrieveInstance(STUDY, series, sop,
          TransferSyntaxRequest.AS_STORED));
      assertThat(g.sha256()).as("cached %s", sop).isEqualTo(rig.sha.get(sop));
    }

    StudiesRig.Read again = rig.read(() -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED));
    assertThat(again.failure()).isNull();
    assertThat(again.instances()).extracting(StudiesRig.Got::sop).containsExactlyInAnyOrderElementsOf(sops);
    assertThat(again.instances()).allSatisfy(g -> assertThat(g.sha256()).isEqualTo(rig.sha.get(g.sop())));
  }
}
