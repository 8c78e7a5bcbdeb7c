package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * A viewer's patient id from another identity domain reaches a community configured for XCPD: our responder's
 * ITI-55 matches the demographics, the id it answers (in its own domain) is used for ITI-38, and the rows carry
 * the viewer's id. The mapping is kept: a second search asks neither ITI-55 nor ITI-38 again. A community
 * configured with an identity domain is not asked for a patient of another domain; a person no community knows
 * gives no rows and no failure.
 */
class PatientFoundThroughXcpdTest {
  @TempDir
  static Path temp;
  static StudiesRig rig;
  static StudiesRig.Community xcpd;
  static StudiesRig.Community domain;
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    rig = new StudiesRig(temp);
    xcpd = rig.community("XCPD community", 341, "98892003");
    domain = rig.community("Domain community", 342, "98892001");
    rig.connect(xcpd, CommunitySettings.DEFAULT, CommunityProfile.ofXcpd(xcpd.identity.homeCommunityId(),
        xcpd.identity.assigningAuthorityOid()));
    rig.connect(domain, CommunitySettings.DEFAULT, CommunityProfile.ofDomain(domain.identity.homeCommunityId(),
        domain.identity.assigningAuthorityOid()));
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(0).withXcpdIdentity("urn:oid:1.3.6.1.4.1.21367.13.70.340",
        "1.3.6.1.4.1.21367.13.10.340"));
    files = Pydicom.read(rig.files.values());
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theCommunitysOwnIdIsLearntAndKept() throws Exception {
    PatientSelector viewer = PatientSelector.of("LOCAL-7", "1.2.3.999").withDemographics("Doe^Peter", null, "M");
    QueryRows rows = rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(viewer)));

    Set<String> expected = files.values().stream().filter(o -> o.getString("file").contains("community-341"))
        .map(o -> o.getString("StudyInstanceUID")).collect(Collectors.toSet());
    assertThat(rows.failures()).isEmpty();
    assertThat(rows.rows()).extracting(r -> r.string(Tags.StudyInstanceUID)).containsExactlyInAnyOrderElementsOf(expected);
    for (Dataset r : rows.rows()) {
      assertThat(r.string(Tags.PatientID)).isEqualTo("LOCAL-7");
      assertThat(r.string(Tags.IssuerOfPatientID)).isEqualTo("1.2.3.999");
      assertThat(rig.service.locate(r.string(Tags.StudyInstanceUID)).orElseThrow().communityPatientId())
          .isEqualTo(StudiesRig.PATIENT + "^^^&" + xcpd.identity.assigningAuthorityOid() + "&ISO");
    }
    assertThat(xcpd.requests(RespondingGateway.ITI55_PATH)).isEqualTo(1);
    assertThat(domain.total()).as("a domain community is not asked about another domain's patient").isZero();

    int before = rig.upstreamRequests();
    QueryRows again = rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(viewer)));
    assertThat(again.rows()).hasSameSizeAs(rows.rows());
    assertThat(rig.upstreamRequests()).isEqualTo(before);
  }

  @Test
  void aPersonNoOneKnowsGivesNoRowsAndNoFailure() throws Exception {
    PatientSelector nobody = PatientSelector.of("LOCAL-9", "1.2.3.999").withDemographics("Roe^Richard", "19010101", "F");
    int iti38 = xcpd.requests(RespondingGateway.ITI38_PATH);
    QueryRows rows = rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(nobody)));
    assertThat(rows.rows()).isEmpty();
    assertThat(rows.failures()).isEmpty();
    assertThat(xcpd.requests(RespondingGateway.ITI38_PATH)).isEqualTo(iti38);
  }
}
