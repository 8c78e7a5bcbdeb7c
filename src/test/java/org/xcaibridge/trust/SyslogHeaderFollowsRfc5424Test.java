package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The RFC 5424 header as IHE ATNA wants it (facility 10, MSGID IHE+RFC-3881, the meta sequenceId, BOM before
 * UTF-8 MSG), the RFC 5425 octet count, and the RFC 5424 §6 field rules enforced when the header is built.
 */
class SyslogHeaderFollowsRfc5424Test {
  private static final SyslogHeader HEADER = SyslogHeader.ihe("bridge.test", "xcai-bridge", "4242");
  private static final Instant AT = Instant.parse("2025-03-04T05:06:07.089Z");
  private static final byte[] XML = "<AuditMessage/>".getBytes(StandardCharsets.UTF_8);

  @Test
  void headerFieldsInOrder() {
    byte[] m = HEADER.format(AT, SyslogHeader.SEVERITY_NOTICE, 7, XML, true);
    String head = "<85>1 2025-03-04T05:06:07.089Z bridge.test xcai-bridge 4242 IHE+RFC-3881 [meta sequenceId=\"7\"] ";
    assertThat(new String(m, 0, head.length(), StandardCharsets.US_ASCII)).isEqualTo(head);
    assertThat(Arrays.copyOfRange(m, head.length(), head.length() + 3))
        .isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    assertThat(Arrays.copyOfRange(m, head.length() + 3, m.length)).isEqualTo(XML);
    AuditChecks.Syslog parsed = AuditChecks.parse(m);
    assertThat(parsed.sequenceId()).isEqualTo(7);
    assertThat(parsed.bom()).isTrue();
  }

  @Test
  void warningSeverityNoBomAndAWholeSecond() {
    byte[] m = HEADER.format(Instant.parse("2025-03-04T05:06:07Z"), SyslogHeader.SEVERITY_WARNING, 1, XML, false);
    assertThat(new String(m, StandardCharsets.UTF_8)).isEqualTo(
        "<84>1 2025-03-04T05:06:07.000Z bridge.test xcai-bridge 4242 IHE+RFC-3881 [meta sequenceId=\"1\"] "
            + "<AuditMessage/>");
  }

  @Test
  void sequenceIdWrapsWithinItsRange() {
    assertThat(SyslogHeader.sequenceId(1)).isEqualTo(1);
    assertThat(SyslogHeader.sequenceId(2_147_483_647L)).isEqualTo(2_147_483_647L);
    assertThat(SyslogHeader.sequenceId(2_147_483_648L)).isEqualTo(1);
    assertThatThrownBy(() -> HEADER.format(AT, 5, 0, XML, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HEADER.format(AT, 8, 1, XML, true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void octetCountingCountsBytesNotCharacters() {
    String text = "<85>1 - - - - - - ü";
    byte[] frame = SyslogHeader.octetCounted(text.getBytes(StandardCharsets.UTF_8));
    assertThat(text).hasSize(19);
    assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("20 " + text);
  }

  @Test
  void fieldsOutsideRfc5424AreRefused() {
    assertThatThrownBy(() -> SyslogHeader.ihe("bridge test", "app", "1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HOSTNAME");
    assertThatThrownBy(() -> SyslogHeader.ihe("bridge.test", "", "1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("APP-NAME");
    assertThatThrownBy(() -> SyslogHeader.ihe("bridge.test", "a".repeat(49), "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SyslogHeader.ihe("brücke.test", "app", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyslogHeader("h", "app", "1", "m".repeat(33)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSGID");
    assertThatThrownBy(() -> SyslogHeader.ihe("h".repeat(256), "app", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SyslogHeader.ihe("-", "app", "-").hostName()).isEqualTo("-");
  }
}
