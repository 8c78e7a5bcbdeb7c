package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.ihe.QueryResponseCode;

/**
 * ITI-55 against our gateway over the DICOMDIR study sets (Doe^Peter, 98890234, male; Doe^Archibald, 77654033, sex
 * not recorded), requests made from IPF's sample PRPA_IN201305UV02: the sample as it is (Jimmy Jones) matches
 * nobody and is answered NF; with Peter Doe's name it is answered OK with his id in our assigning authority, our
 * homeCommunityId as custodian and score 100; an id of our domain finds the patient whatever the name; the family
 * name and gender alone find both Does, Peter (every criterion met) before Archibald (gender not recorded), and
 * the sample's minimumDegreeMatch of 100 keeps only Peter; a query with nothing to tell patients by is QE.
 * Every answer has the structure of IPF's sample answer and relates to its request.
 */
class Iti55MatchesByDemographicsAndIdsTest {
  private static final String AA = GatewayRig.IDENTITY.assigningAuthorityOid();
  @TempDir
  static Path temp;
  private static GatewayRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = GatewayRig.overFolder(ArchiveTestSupport.studySets(), temp);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  private static String peterDoe() throws Exception {
    return Iti55Exchange.without(Iti55Exchange.fixtureRequest(), "livingSubjectBirthTime")
        .replace("<given>Jimmy</given>", "<given>Peter</given>").replace("<family>Jones</family>", "<family>Doe</family>");
  }

  private static void assertAnswersTheRequest(PatientDiscoveryResponse r) {
    assertThat(r.targetMessageId()).isEqualTo(new Ii("1.2.840.114350.1.13.0.1.7.1.1", "35423"));
    assertThat(r.query().queryId()).isEqualTo(new Ii("1.2.840.114350.1.13.28.1.18.5.999", "18204"));
    assertThat(r.receiver().id()).isEqualTo(Ii.of("1.2.840.114350.1.13.999.567"));
    assertThat(r.sender().homeCommunityOid()).isEqualTo(GatewayRig.IDENTITY.homeCommunityOid());
  }

  @Test
  void theSampleMatchesNobody() throws Exception {
    PatientDiscoveryResponse r = Iti55Exchange.ask(rig, Iti55Exchange.fixtureRequest());
    assertThat(r.acknowledgementCode()).isEqualTo("AA");
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.NF);
    assertThat(r.subjects()).isEmpty();
    assertAnswersTheRequest(r);
  }

  @Test
  void nameAndGenderFindPeterDoe() throws Exception {
    PatientDiscoveryResponse r = Iti55Exchange.ask(rig, peterDoe());
    assertThat(r.acknowledgementCode()).isEqualTo("AA");
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.OK);
    assertAnswersTheRequest(r);
    MatchedPatient p = r.subjects().get(0);
    assertThat(r.subjects()).hasSize(1);
    assertThat(p.patientIds()).containsExactly(new Ii(AA, "98890234"));
    assertThat(p.homeCommunityOid()).isEqualTo(GatewayRig.IDENTITY.homeCommunityOid());
    assertThat(p.healthDataLocatorCode()).isEqualTo("NotHealthDataLocator");
    assertThat(p.matchScore()).isEqualTo(100);
    assertThat(p.demographics().names()).singleElement().satisfies(n -> {
      assertThat(n.family()).isEqualTo("Doe");
      assertThat(n.given()).containsExactly("Peter");
    });
    assertThat(p.demographics().administrativeGender()).isEqualTo("M");
    // the id an ITI-38 query then names
    assertThat(p.patientIds().get(0).toCx().encode()).isEqualTo("98890234^^^&" + AA + "&ISO");
  }

  @Test
  void anIdOfOurDomainFindsThePatient() throws Exception {
    String byId = Iti55Exchange.fixtureRequest().replace(
        "<value root=\"2.16.840.1.113883.4.1\" extension=\"58910\"/>",
        "<value root=\"" + AA + "\" extension=\"77654033\"/>");
    PatientDiscoveryResponse r = Iti55Exchange.ask(rig, byId);
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.OK);
    assertThat(r.subjects()).singleElement().satisfies(p -> {
      assertThat(p.patientIds()).containsExactly(new Ii(AA, "77654033"));
      assertThat(p.matchScore()).isEqualTo(100);
      assertThat(p.demographics().names().get(0).given()).containsExactly("Archibald");
    });
  }

  @Test
  void candidatesComeBestFirst() throws Exception {
    String doeMale = Iti55Exchange.without(Iti55Exchange.without(peterDoe(), "matchCriterionList"),
        "livingSubjectId").replace("<given>Peter</given>", "");
    PatientDiscoveryResponse r = Iti55Exchange.ask(rig, doeMale);
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.OK);
    assertThat(r.subjects()).extracting(p -> p.patientIds().get(0).extension())
        .containsExactly("98890234", "77654033");
    List<Integer> scores = r.subjects().stream().map(MatchedPatient::matchScore).toList();
    assertThat(scores.get(0)).isEqualTo(100);
    assertThat(scores.get(1)).isBetween(1, 99);

    String atLeast100 = Iti55Exchange.without(peterDoe(), "livingSubjectId").replace("<given>Peter</given>", "");
    assertThat(Iti55Exchange.ask(rig, atLeast100).subjects()).extracting(p -> p.patientIds().get(0).extension())
        .containsExactly("98890234");
  }

  @Test
  void nothingToMatchOnIsAQueryError() throws Exception {
    String genderOnly = Iti55Exchange.without(Iti55Exchange.without(Iti55Exchange.without(
        Iti55Exchange.fixtureRequest(), "livingSubjectBirthTime"), "livingSubjectName"), "livingSubjectId");
    PatientDiscoveryResponse r = Iti55Exchange.ask(rig, genderOnly);
    assertThat(r.acknowledgementCode()).isEqualTo("AE");
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.QE);
    assertThat(r.subjects()).isEmpty();
    assertThat(r.acknowledgementDetails()).singleElement().asString().contains("LivingSubjectName").contains(AA);
    assertAnswersTheRequest(r);
  }
}
