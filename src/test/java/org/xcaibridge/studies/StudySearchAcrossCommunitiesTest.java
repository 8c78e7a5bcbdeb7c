package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * A study search for one patient over three communities — two of our responders, each holding some of the
 * patient's studies under its own identity domain, and one that is down — answers the two studies with the
 * attributes pydicom reads from the files, and names the dead community; the studies are located, the locator
 * survives a restart, and a study found before the restart is retrieved after it without a new search. A second
 * search is answered from the cache, and a search naming no patient asks no community.
 */
class StudySearchAcrossCommunitiesTest {
  private static final String CT_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1";
  private static final String MR_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";
  private static final String OTHER_PATIENTS_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.1";

  @TempDir
  static Path temp;
  static StudiesRig rig;
  static StudiesRig.Community a;
  static StudiesRig.Community b;
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    rig = new StudiesRig(temp);
    a = rig.community("Community A", 301, "98892001", "77654033");
    b = rig.community("Community B", 302, "98892003");
    rig.connect(a, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5));
    rig.connect(b, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5));
    rig.connectDead("Community C", 303);
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(0));
    files = Pydicom.read(rig.files.values());
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void bothStudiesOfThePatientWithTheirAttributesAndTheDeadCommunityNamed() throws Exception {
    QueryRows found = rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(
        PatientSelector.of(StudiesRig.PATIENT, null))));

    Set<String> patientsStudies = files.values().stream()
        .filter(o -> StudiesRig.PATIENT.equals(o.getString("PatientID")))
        .map(o -> o.getString("StudyInstanceUID")).collect(Collectors.toSet());
    assertThat(patientsStudies).hasSizeGreaterThan(2).contains(CT_STUDY, MR_STUDY);
    assertThat(found.rows()).extracting(r -> r.string(Tags.StudyInstanceUID))
        .containsExactlyInAnyOrderElementsOf(patientsStudies).doesNotContain(OTHER_PATIENTS_STUDY);
    assertThat(found.failures()).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("Community C");
      assertThat(f.homeCommunityId()).isEqualTo("urn:oid:1.3.6.1.4.1.21367.13.70.303");
      assertThat(f.timedOut()).isFalse();
    });
    assertThat(found.missingAttributes()).isEmpty();
    for (Dataset row : found.rows()) {
      List<JsonObject> study = Pydicom.study(files, row.string(Tags.StudyInstanceUID));
      JsonObject first = study.get(0);
      assertThat(row.string(Tags.PatientID)).isEqualTo(StudiesRig.PATIENT);
      for (String k : List.of("StudyDate", "StudyTime", "AccessionNumber", "PatientName", "PatientBirthDate",
          "PatientSex", "StudyID", "ReferringPhysicianName")) {
        assertThat(text(row, k)).as("%s of %s", k, row.string(Tags.StudyInstanceUID)).isEqualTo(first.getString(k));
      }
      Set<String> series = study.stream().map(o -> o.getString("SeriesInstanceUID")).collect(Collectors.toSet());
      assertThat(row.integer(Tags.NumberOfStudyRelatedSeries, -1)).isEqualTo(series.size());
      assertThat(row.integer(Tags.NumberOfStudyRelatedInstances, -1)).isEqualTo(study.size());
      assertThat(new TreeSet<>(row.strings(Tags.ModalitiesInStudy)))
          .isEqualTo(study.stream().map(o -> o.getString("Modality")).collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  @Test
  void aSecondSearchIsAnsweredFromTheCache() throws Exception {
    StudySearch search = StudySearch.forPatient(PatientSelector.of(StudiesRig.PATIENT, null));
    QueryRows first = rig.await(() -> rig.service.searchStudies(search));
    int before = a.total() + b.total();
    QueryRows second = rig.await(() -> rig.service.searchStudies(search));
    assertThat(a.total() + b.total()).isEqualTo(before);
    assertThat(second.rows()).extracting(r -> r.string(Tags.StudyInstanceUID))
        .containsExactlyElementsOf(first.rows().stream().map(r -> r.string(Tags.StudyInstanceUID)).toList());
  }

  @Test
  void aSearchNamingNoPatientIsAnsweredByTheLocatorAlone() throws Exception {
    rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(PatientSelector.of(StudiesRig.PATIENT, null))));
    int before = a.total() + b.total();
    QueryRows all = rig.await(() -> rig.service.searchStudies(StudySearch.located(List.of())));
    QueryRows one = rig.await(() -> rig.service.searchStudies(StudySearch.located(List.of(MR_STUDY))));
    assertThat(a.total() + b.total()).isEqualTo(before);
    assertThat(all.rows()).extracting(r -> r.string(Tags.StudyInstanceUID)).contains(CT_STUDY, MR_STUDY);
    assertThat(all.failures()).isEmpty();
    assertThat(one.rows()).extracting(r -> r.string(Tags.StudyInstanceUID)).containsExactly(MR_STUDY);
  }

  @Test
  void aStudyFoundBeforeARestartIsLocatedAndRetrievedAfterIt() throws Exception {
    rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(PatientSelector.of(StudiesRig.PATIENT, null))));
    rig.stopService();
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(0));

    StudyLocation mr = rig.service.locate(MR_STUDY).orElseThrow();
    assertThat(mr.homeCommunityId()).isEqualTo(b.identity.homeCommunityId());
    assertThat(mr.communityPatientId()).isEqualTo(StudiesRig.PATIENT + "^^^&" + b.identity.assigningAuthorityOid()
        + "&ISO");
    Set<String> series = Pydicom.study(files, MR_STUDY).stream().map(o -> o.getString("SeriesInstanceUID"))
        .collect(Collectors.toSet());
    assertThat(mr.seriesInstanceUids()).containsExactlyInAnyOrderElementsOf(series);
    assertThat(rig.service.locateSeries(mr.seriesInstanceUids().get(0))).contains(mr);

    int iti38 = b.requests(RespondingGateway.ITI38_PATH);
    int iti39 = b.requests(RespondingGateway.ITI39_PATH);
    String seriesUid = mr.seriesInstanceUids().get(0);
    StudiesRig.Read read = rig.read(() -> rig.service.retrieveSeries(MR_STUDY, seriesUid,
        TransferSyntaxRequest.AS_STORED));
    assertThat(read.failure()).isNull();
    assertThat(read.instances()).isNotEmpty().allSatisfy(g -> assertThat(g.sha256()).isEqualTo(rig.sha.get(g.sop())));
    assertThat(b.requests(RespondingGateway.ITI38_PATH)).as("no new search").isEqualTo(iti38);
    assertThat(b.requests(RespondingGateway.ITI39_PATH)).as("the manifest fetched again").isEqualTo(iti39 + 1);
    assertThat(rig.locator.recovery().locations()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUnknownStudyIsNotFound() throws Exception {
    Throwable t = rig.failure(() -> rig.service.retrieveSeries("1.2.3.4", "1.2.3.4.5", TransferSyntaxRequest.AS_STORED));
    assertThat(t).isInstanceOf(StudiesException.NotFound.class);
  }

  private static String text(Dataset row, String keyword) {
    int tag = switch (keyword) {
      case "StudyDate" -> Tags.StudyDate;
      case "StudyTime" -> Tags.StudyTime;
      case "AccessionNumber" -> Tags.AccessionNumber;
      case "PatientName" -> Tags.PatientName;
      case "PatientBirthDate" -> Tags.PatientBirthDate;
      case "PatientSex" -> Tags.PatientSex;
      case "StudyID" -> Tags.StudyID;
      default -> Tags.ReferringPhysicianName;
    };
    String s = row.string(tag);
    return s == null || s.isEmpty() ? null : s;
  }
}
