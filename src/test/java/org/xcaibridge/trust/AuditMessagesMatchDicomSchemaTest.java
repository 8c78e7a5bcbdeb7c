package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.trust.AuditChecks.base64Text;
import static org.xcaibridge.trust.AuditChecks.count;
import static org.xcaibridge.trust.AuditChecks.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xcaibridge.trust.AuditEvent.ApplicationActivity;
import org.xcaibridge.trust.AuditEvent.AuthenticationFailure;
import org.xcaibridge.trust.AuditEvent.AuthenticationKind;
import org.xcaibridge.trust.AuditEvent.CrossGatewayQuery;
import org.xcaibridge.trust.AuditEvent.CrossGatewayRetrieve;
import org.xcaibridge.trust.AuditEvent.PatientDiscovery;
import org.xcaibridge.trust.AuditEvent.RetrieveTransaction;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/**
 * Every event kind gives an audit message that the transcribed PS3.15 A.5.1 schema accepts (JDK validator)
 * and that carries what ITI TF-2 / PS3.15 A.5.3 require for that event (checked with XPath on a JDK DOM).
 */
class AuditMessagesMatchDicomSchemaTest {
  private static final String QUERY = "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:"
      + "xsd:query:3.0\"><Slot name=\"$XDSDocumentEntryPatientId\"/></query:AdhocQueryRequest>";
  private static final String STORED_QUERY = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";

  private static Document written(AuditMessage m) {
    byte[] xml = AuditXmlWriter.toBytes(m);
    AuditChecks.validate(xml);
    return AuditChecks.dom(xml);
  }

  private static String ap(int i, String attribute) {
    return "/AuditMessage/ActiveParticipant[" + i + "]/@" + attribute;
  }

  @Test
  void iti38OnTheInitiatingSide() {
    Document d = written(AuditSamples.events().query(new CrossGatewayQuery(EventOutcome.SUCCESS,
        AuditSamples.initiating(), "PAT-1^^^&1.2.3.4.5&ISO", STORED_QUERY, AuditSamples.utf8(QUERY),
        AuditSamples.REMOTE_COMMUNITY)));
    assertThat(text(d, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110112");
    assertThat(text(d, "/AuditMessage/EventIdentification/EventID/@codeSystemName")).isEqualTo("DCM");
    assertThat(text(d, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("E");
    assertThat(text(d, "/AuditMessage/EventIdentification/@EventDateTime")).isEqualTo("2025-03-04T05:06:07.089Z");
    assertThat(text(d, "/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
    assertThat(text(d, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("ITI-38");
    assertThat(text(d, "/AuditMessage/EventIdentification/EventTypeCode/@codeSystemName"))
        .isEqualTo("IHE Transactions");
    assertThat(text(d, "/AuditMessage/EventIdentification/PurposeOfUse/@csd-code")).isEqualTo("TREATMENT");
    // Source: the initiating gateway (us), requestor, with our process id and host
    assertThat(text(d, ap(1, "UserID"))).isEqualTo(AuditSamples.REPLY_TO);
    assertThat(text(d, ap(1, "AlternativeUserID"))).isEqualTo("4242");
    assertThat(text(d, ap(1, "UserIsRequestor"))).isEqualTo("true");
    assertThat(text(d, ap(1, "NetworkAccessPointID"))).isEqualTo("bridge.test");
    assertThat(text(d, ap(1, "NetworkAccessPointTypeCode"))).isEqualTo("1");
    assertThat(text(d, "/AuditMessage/ActiveParticipant[1]/RoleIDCode/@csd-code")).isEqualTo("110153");
    // Destination: the responding gateway's endpoint, at its IP address
    assertThat(text(d, ap(2, "UserID"))).isEqualTo(AuditSamples.RESPONDER);
    assertThat(text(d, ap(2, "UserIsRequestor"))).isEqualTo("false");
    assertThat(text(d, ap(2, "NetworkAccessPointID"))).isEqualTo("203.0.113.7");
    assertThat(text(d, ap(2, "NetworkAccessPointTypeCode"))).isEqualTo("2");
    assertThat(text(d, "/AuditMessage/ActiveParticipant[2]/RoleIDCode/@csd-code")).isEqualTo("110152");
    // the human requestor from the assertion
    assertThat(text(d, ap(3, "UserID"))).isEqualTo("Dr. Alice Example");
    assertThat(text(d, ap(3, "UserIsRequestor"))).isEqualTo("true");
    assertThat(text(d, "/AuditMessage/ActiveParticipant[3]/RoleIDCode/@csd-code")).isEqualTo("309343006");
    assertThat(text(d, "/AuditMessage/AuditSourceIdentification/@AuditSourceID")).isEqualTo("xcai-bridge@bridge.test");
    assertThat(text(d, "/AuditMessage/AuditSourceIdentification/AuditSourceTypeCode/@csd-code")).isEqualTo("4");
    // patient, then the query
    String patient = "/AuditMessage/ParticipantObjectIdentification[1]";
    assertThat(text(d, patient + "/@ParticipantObjectID")).isEqualTo("PAT-1^^^&1.2.3.4.5&ISO");
    assertThat(text(d, patient + "/@ParticipantObjectTypeCode")).isEqualTo("1");
    assertThat(text(d, patient + "/@ParticipantObjectTypeCodeRole")).isEqualTo("1");
    assertThat(text(d, patient + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("2");
    assertThat(text(d, patient + "/ParticipantObjectIDTypeCode/@codeSystemName")).isEqualTo("RFC-3881");
    String query = "/AuditMessage/ParticipantObjectIdentification[2]";
    assertThat(text(d, query + "/@ParticipantObjectID")).isEqualTo(STORED_QUERY);
    assertThat(text(d, query + "/@ParticipantObjectTypeCode")).isEqualTo("2");
    assertThat(text(d, query + "/@ParticipantObjectTypeCodeRole")).isEqualTo("24");
    assertThat(text(d, query + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("ITI-38");
    assertThat(base64Text(d, query + "/ParticipantObjectQuery")).isEqualTo(QUERY);
    assertThat(base64Text(d, query + "/ParticipantObjectDetail[@type='QueryEncoding']/@value")).isEqualTo("UTF-8");
    assertThat(base64Text(d, query + "/ParticipantObjectDetail[@type='urn:ihe:iti:xca:2010:homeCommunityId']/@value"))
        .isEqualTo(AuditSamples.REMOTE_COMMUNITY);
  }

  @Test
  void iti38OnTheRespondingSideWithAnAnonymousReplyTo() {
    Document d = written(AuditSamples.events().query(new CrossGatewayQuery(EventOutcome.MINOR_FAILURE,
        AuditSamples.responding(), null, STORED_QUERY, AuditSamples.utf8(QUERY), null)));
    assertThat(text(d, "/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
    assertThat(text(d, ap(1, "UserID"))).isEqualTo("http://www.w3.org/2005/08/addressing/anonymous");
    assertThat(count(d, ap(1, "AlternativeUserID"))).isZero();
    assertThat(text(d, ap(1, "NetworkAccessPointID"))).isEqualTo("198.51.100.9");
    assertThat(text(d, ap(2, "UserID"))).isEqualTo(AuditSamples.RESPONDER);
    assertThat(text(d, ap(2, "AlternativeUserID"))).isEqualTo("4242");
    assertThat(text(d, ap(2, "NetworkAccessPointID"))).isEqualTo("bridge.test");
    assertThat(count(d, "/AuditMessage/ParticipantObjectIdentification")).isEqualTo(1);
  }

  @Test
  void rad75ImportOnTheInitiatingSide() {
    Document d = written(AuditSamples.events().retrieve(AuditSamples.retrieval(7)));
    assertThat(text(d, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110107");
    assertThat(text(d, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("C");
    assertThat(text(d, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("RAD-75");
    // Source: the responding gateway has the documents; Destination: us, the requestor
    assertThat(text(d, ap(1, "UserID"))).isEqualTo(AuditSamples.RESPONDER);
    assertThat(text(d, ap(1, "UserIsRequestor"))).isEqualTo("false");
    assertThat(text(d, "/AuditMessage/ActiveParticipant[1]/RoleIDCode/@csd-code")).isEqualTo("110153");
    assertThat(text(d, ap(2, "UserID"))).isEqualTo(AuditSamples.REPLY_TO);
    assertThat(text(d, ap(2, "AlternativeUserID"))).isEqualTo("4242");
    assertThat(text(d, ap(2, "UserIsRequestor"))).isEqualTo("true");
    assertThat(text(d, "/AuditMessage/ActiveParticipant[2]/RoleIDCode/@csd-code")).isEqualTo("110152");
    String objects = "/AuditMessage/ParticipantObjectIdentification";
    assertThat(count(d, objects)).isEqualTo(4);
    assertThat(text(d, objects + "[1]/@ParticipantObjectTypeCodeRole")).isEqualTo("1");
    assertThat(text(d, objects + "[2]/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("110180");
    assertThat(text(d, objects + "[2]/@ParticipantObjectID")).isEqualTo("1.2.826.0.1.3680043.10.543.7");
    assertThat(text(d, objects + "[3]/@ParticipantObjectID")).isEqualTo("1.2.826.0.1.3680043.10.543.7.1.1");
    assertThat(text(d, objects + "[3]/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("9");
    assertThat(text(d, objects + "[3]/@ParticipantObjectTypeCodeRole")).isEqualTo("3");
    assertThat(base64Text(d, objects + "[3]/ParticipantObjectDetail[@type='Repository Unique Id']/@value"))
        .isEqualTo("1.2.3.4.5.6");
    assertThat(base64Text(d, objects + "[4]/ParticipantObjectDetail[@type='ihe:homeCommunityID']/@value"))
        .isEqualTo(AuditSamples.REMOTE_COMMUNITY);
  }

  @Test
  void retrieveExportOnTheRespondingSideAndIti39() {
    CrossGatewayRetrieve sample = AuditSamples.retrieval(1);
    Document export = written(AuditSamples.events().retrieve(new CrossGatewayRetrieve(EventOutcome.SUCCESS,
        AuditSamples.responding(), RetrieveTransaction.RAD_75, null, List.of(), sample.documents())));
    assertThat(text(export, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110106");
    assertThat(text(export, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("R");
    assertThat(text(export, ap(1, "AlternativeUserID"))).isEqualTo("4242");
    assertThat(text(export, ap(2, "NetworkAccessPointID"))).isEqualTo("198.51.100.9");
    assertThat(count(export, "/AuditMessage/ParticipantObjectIdentification")).isEqualTo(2);
    Document iti39 = written(AuditSamples.events().retrieve(new CrossGatewayRetrieve(EventOutcome.SERIOUS_FAILURE,
        AuditSamples.initiating(), RetrieveTransaction.ITI_39, null, List.of(), sample.documents())));
    assertThat(text(iti39, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("ITI-39");
    assertThat(text(iti39, "/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("8");
  }

  @Test
  void iti55PatientDiscovery() {
    String qbp = "<queryByParameter xmlns=\"urn:hl7-org:v3\"><queryId root=\"1.2.3\" extension=\"q1\"/>"
        + "</queryByParameter>";
    Document d = written(AuditSamples.events().patientDiscovery(new PatientDiscovery(EventOutcome.SUCCESS,
        AuditSamples.initiating(), "1.2.3^q1", AuditSamples.utf8(qbp), AuditSamples.REMOTE_COMMUNITY,
        List.of("REMOTE-9^^^&1.2.3.4.5&ISO"))));
    assertThat(text(d, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110112");
    assertThat(text(d, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("ITI-55");
    assertThat(text(d, "/AuditMessage/ActiveParticipant[1]/RoleIDCode/@csd-code")).isEqualTo("110153");
    String query = "/AuditMessage/ParticipantObjectIdentification[2]";
    assertThat(text(d, query + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("ITI-55");
    assertThat(text(d, query + "/@ParticipantObjectTypeCodeRole")).isEqualTo("24");
    assertThat(base64Text(d, query + "/ParticipantObjectQuery")).isEqualTo(qbp);
    assertThat(text(d, "/AuditMessage/ParticipantObjectIdentification[1]/@ParticipantObjectID"))
        .isEqualTo("REMOTE-9^^^&1.2.3.4.5&ISO");
  }

  @Test
  void userAndNodeAuthenticationFailures() {
    Document user = written(AuditSamples.events().authenticationFailure(new AuthenticationFailure(
        EventOutcome.MINOR_FAILURE, AuthenticationKind.USER, "Dr. Mallory", "192.0.2.66",
        "SAML assertion signature does not verify")));
    assertThat(text(user, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110114");
    assertThat(text(user, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("110122");
    assertThat(text(user, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("E");
    assertThat(text(user, "/AuditMessage/EventIdentification/EventOutcomeDescription"))
        .isEqualTo("SAML assertion signature does not verify");
    assertThat(text(user, ap(1, "UserID"))).isEqualTo("Dr. Mallory");
    assertThat(text(user, ap(1, "UserIsRequestor"))).isEqualTo("true");
    assertThat(text(user, ap(1, "NetworkAccessPointTypeCode"))).isEqualTo("2");
    assertThat(text(user, ap(2, "UserID"))).isEqualTo("xcai-bridge");
    Document node = written(AuditSamples.events().authenticationFailure(new AuthenticationFailure(
        EventOutcome.SERIOUS_FAILURE, AuthenticationKind.NODE, null, "gw.example.org", "untrusted CA")));
    assertThat(text(node, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110113");
    assertThat(text(node, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("110126");
    assertThat(text(node, ap(1, "UserID"))).isEqualTo("unknown");
    assertThat(text(node, ap(1, "NetworkAccessPointTypeCode"))).isEqualTo("1");
    assertThatThrownBy(() -> new AuthenticationFailure(EventOutcome.SUCCESS, AuthenticationKind.USER, "x", null, "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void applicationStartAndStop() {
    Document start = written(AuditSamples.events().applicationActivity(
        new ApplicationActivity(EventOutcome.SUCCESS, true, "systemd")));
    assertThat(text(start, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110100");
    assertThat(text(start, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("110120");
    assertThat(text(start, "/AuditMessage/ActiveParticipant[1]/RoleIDCode/@csd-code")).isEqualTo("110150");
    assertThat(text(start, ap(1, "UserIsRequestor"))).isEqualTo("false");
    assertThat(text(start, ap(2, "UserID"))).isEqualTo("systemd");
    assertThat(text(start, "/AuditMessage/ActiveParticipant[2]/RoleIDCode/@csd-code")).isEqualTo("110151");
    Document stop = written(AuditSamples.events().build(new ApplicationActivity(EventOutcome.SUCCESS, false, null)));
    assertThat(text(stop, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("110121");
    assertThat(count(stop, "/AuditMessage/ActiveParticipant")).isEqualTo(1);
    assertThat(count(stop, "/AuditMessage/ParticipantObjectIdentification")).isZero();
  }

  /** The schema check can fail: messages that break PS3.15 A.5.1 are refused by the same validator. */
  @Test
  void theSchemaRefusesBrokenMessages() {
    String good = new String(AuditXmlWriter.toBytes(AuditSamples.events().retrieve(AuditSamples.retrieval(1))),
        StandardCharsets.UTF_8);
    AuditChecks.validate(good.getBytes(StandardCharsets.UTF_8));
    List<String> broken = List.of(
        good.replaceFirst(" EventDateTime=\"[^\"]*\"", ""),
        good.replaceFirst("EventOutcomeIndicator=\"0\"", "EventOutcomeIndicator=\"1\""),
        good.replaceAll("<ActiveParticipant [^>]*>.*?</ActiveParticipant>", ""),
        good.replaceFirst("<AuditSourceIdentification [^>]*>.*?</AuditSourceIdentification>", ""),
        good.replaceFirst("<ParticipantObjectIDTypeCode [^>]*/>", ""),
        good.replaceFirst("value=\"[^\"]*\"", "value=\"not base64!\""),
        good.replaceFirst("originalText=\"Import\"", ""));
    for (String b : broken) {
      assertThat(b).isNotEqualTo(good);
      assertThatThrownBy(() -> AuditChecks.validate(b.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(AssertionError.class);
    }
  }
}
