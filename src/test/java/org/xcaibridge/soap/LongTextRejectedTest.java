package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A run of character data longer than maxTextLength gives a typed error, even when the parser hands it
 * over in pieces (split at entity and character references, or at CDATA sections).
 */
class LongTextRejectedTest {
  private static final XmlLimits SMALL_TEXT = XmlLimits.DEFAULT.withMaxTextLength(1000);

  @Test
  void longTextNodeInTheBody() {
    XmlLimitException e = expectLimit(SoapFixtures.envelopeAround("", "<x>" + "y".repeat(1001) + "</x>"));
    assertThat(e.limit()).isEqualTo(XmlLimits.Limit.MAX_TEXT_LENGTH);
    assertThat(e.limitValue()).isEqualTo(1000);
    assertThat(e.actual()).isGreaterThan(1000);
  }

  @Test
  void textSplitByReferencesCountsAsOneRun() {
    String pieces = "y".repeat(400) + "&amp;" + "y".repeat(400) + "&#65;<![CDATA[" + "z".repeat(300) + "]]>";
    assertThat(expectLimit(SoapFixtures.envelopeAround("", "<x>" + pieces + "</x>")).limit())
        .isEqualTo(XmlLimits.Limit.MAX_TEXT_LENGTH);
  }

  @Test
  void longHeaderValue() {
    byte[] envelope = SoapFixtures.utf8("<s:Envelope xmlns:s='" + SoapFixtures.ENV + "' xmlns:a='"
        + SoapFixtures.WSA + "'><s:Header><a:To>" + "y".repeat(1001) + "</a:To></s:Header><s:Body><x/></s:Body></s:Envelope>");
    assertThat(expectLimit(envelope).limit()).isEqualTo(XmlLimits.Limit.MAX_TEXT_LENGTH);
  }

  @Test
  void longComment() {
    assertThat(expectLimit(SoapFixtures.envelopeAround("", "<x><!--" + "c".repeat(1001) + "--></x>")).limit())
        .isEqualTo(XmlLimits.Limit.MAX_TEXT_LENGTH);
  }

  @Test
  void manyShortTextNodesAreFine() throws Exception {
    String body = "<x>" + "<y>0123456789</y>".repeat(1000) + "</x>";
    assertThat(SoapReader.read(SoapFixtures.envelopeAround("", body), SMALL_TEXT, SoapFixtures.ROOT_NAME).body().getLocalPart())
        .isEqualTo("x");
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    expectLimit(SoapFixtures.envelopeAround("", "<x>" + "y".repeat(5000) + "</x>"));
    SoapFixtures.assertRecovers();
  }

  private static XmlLimitException expectLimit(byte[] envelope) {
    Throwable t = DepthBombRejectedTest.catchAny(() -> SoapReader.read(envelope, SMALL_TEXT, r -> {
      StringBuilder all = new StringBuilder();
      while (r.hasNext()) {
        if (r.next() == javax.xml.stream.XMLStreamConstants.CHARACTERS) {
          all.append(r.getText());
        }
      }
      return all.length();
    }));
    assertThat(t).isInstanceOf(XmlLimitException.class);
    return (XmlLimitException) t;
  }
}
