package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.AuditChecks.text;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xcaibridge.trust.AuditMessage.ActiveParticipant;
import org.xcaibridge.trust.AuditMessage.AuditSourceIdentification;
import org.xcaibridge.trust.AuditMessage.CodedValue;
import org.xcaibridge.trust.AuditMessage.EventActionCode;
import org.xcaibridge.trust.AuditMessage.EventIdentification;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectIdentification;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectRole;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectType;
import org.xcaibridge.trust.AuditMessage.ValuePair;

/**
 * Values from peers (a SAML subject, a patient id, an error text) may hold markup, quotes, controls, lone
 * surrogates: the written audit message stays well-formed and valid, and two independent parsers (the JDK's
 * DOM and Python's expat) read back exactly the documented replacement.
 */
class AuditXmlEscapesHostileValuesTest {
  static final String HOSTILE = "a\"b'c<d>e&f]]>g\t\n\rh\u0000\u0007\uD800i\uFFFE\uFFFFj\uD83D\uDE00ÄÖ中文";
  static final String HOSTILE_AS_ATTRIBUTE =
      "a\"b'c<d>e&f]]>g   h\uFFFD\uFFFD\uFFFDi\uFFFD\uFFFDj\uD83D\uDE00ÄÖ中文";
  static final String HOSTILE_TEXT = "line1\r\nline2\rline3\u0007 ]]> & < \"quoted\" </EventOutcomeDescription>";
  static final String HOSTILE_TEXT_AS_READ = "line1\nline2\nline3\uFFFD ]]> & < \"quoted\" </EventOutcomeDescription>";

  private static AuditMessage message(String attribute, String text) {
    CodedValue code = new CodedValue(attribute, attribute, attribute);
    return new AuditMessage(
        new EventIdentification(AuditCodes.USER_AUTHENTICATION, EventActionCode.EXECUTE,
            Instant.parse("2025-01-01T00:00:00Z"), EventOutcome.MINOR_FAILURE, List.of(code), text, List.of()),
        List.of(new ActiveParticipant(attribute, attribute, attribute, true, List.of(code), "192.0.2.1",
            AuditMessage.NetworkAccessPointType.IP_ADDRESS)),
        new AuditSourceIdentification(attribute, attribute, List.of()),
        List.of(new ParticipantObjectIdentification(attribute, ParticipantObjectType.PERSON,
            ParticipantObjectRole.PATIENT, code, text, null,
            List.of(new ValuePair(attribute, attribute.getBytes(StandardCharsets.UTF_8))))));
  }

  @Test
  void theJdkParserReadsTheDocumentedReplacement() {
    byte[] xml = AuditXmlWriter.toBytes(message(HOSTILE, HOSTILE_TEXT));
    AuditChecks.validate(xml);
    Document d = AuditChecks.dom(xml);
    for (String attribute : List.of("ActiveParticipant/@UserID", "ActiveParticipant/@UserName",
        "ActiveParticipant/RoleIDCode/@csd-code", "AuditSourceIdentification/@AuditSourceID",
        "EventIdentification/EventTypeCode/@originalText",
        "ParticipantObjectIdentification/ParticipantObjectDetail/@type")) {
      assertThat(text(d, "/AuditMessage/" + attribute)).as(attribute).isEqualTo(HOSTILE_AS_ATTRIBUTE);
    }
    assertThat(text(d, "/AuditMessage/EventIdentification/EventOutcomeDescription")).isEqualTo(HOSTILE_TEXT_AS_READ);
    // a detail value is base64 of the raw bytes: nothing is replaced there
    assertThat(AuditChecks.base64Text(d,
        "/AuditMessage/ParticipantObjectIdentification/ParticipantObjectDetail/@value"))
        .isEqualTo(new String(HOSTILE.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    assertThat(AuditXmlWriter.clean(HOSTILE, true)).isEqualTo(HOSTILE_AS_ATTRIBUTE);
    assertThat(AuditXmlWriter.clean(HOSTILE_TEXT, false)).isEqualTo(HOSTILE_TEXT_AS_READ);
  }

  /** Every UTF-16 unit on its own (controls, surrogates, non-characters): the document still parses. */
  @Test
  void everyBmpCodeUnitKeepsTheDocumentWellFormed() {
    StringBuilder all = new StringBuilder(0x10000);
    for (int c = 1; c <= 0xFFFF; c++) {
      all.append((char) c).append('.');
    }
    String value = all.toString();
    byte[] xml = AuditXmlWriter.toBytes(message(value, value));
    AuditChecks.validate(xml);
    Document d = AuditChecks.dom(xml);
    assertThat(text(d, "/AuditMessage/ActiveParticipant/@UserID")).isEqualTo(AuditXmlWriter.clean(value, true));
    assertThat(text(d, "/AuditMessage/EventIdentification/EventOutcomeDescription"))
        .isEqualTo(AuditXmlWriter.clean(value, false));
  }

  @Test
  void pythonReadsTheSameValues(@TempDir Path dir) throws Exception {
    AuditPython.require();
    byte[] xml = AuditXmlWriter.toBytes(message(HOSTILE, HOSTILE_TEXT));
    byte[] syslog = SyslogHeader.ihe("bridge.test", "xcai-bridge", "4242")
        .format(Instant.parse("2025-01-01T00:00:00Z"), SyslogHeader.SEVERITY_WARNING, 1, xml, true);
    Files.write(dir.resolve("conn-1.raw"), SyslogHeader.octetCounted(syslog));
    JsonObject read = AuditPython.read("tls", dir);
    JsonObject m = read.getJsonArray("messages").getJsonObject(0);
    assertThat(m.getJsonArray("problems")).isEmpty();
    JsonObject participant = m.getJsonArray("participants").getJsonObject(0);
    assertThat(participant.getString("user_id")).isEqualTo(HOSTILE_AS_ATTRIBUTE);
    assertThat(participant.getString("user_name")).isEqualTo(HOSTILE_AS_ATTRIBUTE);
    assertThat(m.getString("description")).isEqualTo(HOSTILE_TEXT_AS_READ);
    JsonObject object = m.getJsonArray("objects").getJsonObject(0);
    assertThat(object.getString("id")).isEqualTo(HOSTILE_AS_ATTRIBUTE);
    assertThat(object.getString("name")).isEqualTo(HOSTILE_TEXT_AS_READ);
  }
}
