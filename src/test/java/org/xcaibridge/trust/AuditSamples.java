package org.xcaibridge.trust;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.xcaibridge.trust.AuditEvent.CrossGatewayRetrieve;
import org.xcaibridge.trust.AuditEvent.Document;
import org.xcaibridge.trust.AuditEvent.Exchange;
import org.xcaibridge.trust.AuditEvent.Requestor;
import org.xcaibridge.trust.AuditEvent.RetrieveTransaction;
import org.xcaibridge.trust.AuditEvent.Side;
import org.xcaibridge.trust.AuditMessage.CodedValue;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/** Values for audit tests: a bridge node, a fixed clock, a Carequality-style requestor, sample events. */
final class AuditSamples {
  private AuditSamples() {}

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.089Z"), ZoneOffset.UTC);
  static final AuditNode NODE = new AuditNode("xcai-bridge@bridge.test", "2.16.840.1.113883.3.9999",
      AuditCodes.APPLICATION_SERVER_PROCESS, "xcai-bridge", "4242", "bridge.test");
  static final String REMOTE_COMMUNITY = "urn:oid:1.2.3.4.5";
  static final String RESPONDER = "https://rg.example.org/xca/rad75";
  static final String REPLY_TO = "https://bridge.test/ws/reply";
  static final CodedValue ROLE_PHYSICIAN = new CodedValue("309343006", "2.16.840.1.113883.6.96", "Physician");
  static final CodedValue TREATMENT = new CodedValue("TREATMENT", "2.16.840.1.113883.3.18.7.1", "Treatment");
  static final Requestor REQUESTOR =
      new Requestor("Dr. Alice Example", "Alice Example", List.of(ROLE_PHYSICIAN), List.of(TREATMENT));

  static AuditEvents events() {
    return new AuditEvents(NODE, CLOCK);
  }

  static Exchange initiating() {
    return new Exchange(Side.INITIATING_GATEWAY, REPLY_TO, RESPONDER, "203.0.113.7", REQUESTOR);
  }

  static Exchange responding() {
    return new Exchange(Side.RESPONDING_GATEWAY, null, RESPONDER, "198.51.100.9", REQUESTOR);
  }

  /** The n-th RAD-75 import audit of a run: one study, two instances, unique ids per n. */
  static CrossGatewayRetrieve retrieval(int n) {
    String study = "1.2.826.0.1.3680043.10.543." + n;
    return new CrossGatewayRetrieve(EventOutcome.SUCCESS, initiating(), RetrieveTransaction.RAD_75,
        "PAT-" + n + "^^^&1.2.3.4.5&ISO", List.of(study),
        List.of(new Document(study + ".1.1", "1.2.3.4.5.6", REMOTE_COMMUNITY),
            new Document(study + ".1.2", "1.2.3.4.5.6", REMOTE_COMMUNITY)));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
