package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

/**
 * 100,000 nested elements in the body give a typed depth error, never a StackOverflowError; and with
 * the limit raised, our reading of such a body is iterative and gets through.
 */
class DepthBombRejectedTest {
  private static final int NESTING = 100_000;
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  static byte[] depthBomb() {
    return SoapFixtures.envelopeAround("", "<a>".repeat(NESTING) + "</a>".repeat(NESTING));
  }

  @Test
  void soapReaderGivesTypedDepthError() {
    Throwable thrown = assertTimeoutPreemptively(HANG_GUARD,
        () -> catchAny(() -> SoapReader.read(depthBomb(), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME)));
    assertThat(thrown).isInstanceOf(XmlLimitException.class);
    XmlLimitException e = (XmlLimitException) thrown;
    assertThat(e.limit()).isEqualTo(XmlLimits.Limit.MAX_DEPTH);
    assertThat(e.limitValue()).isEqualTo(100);
    assertThat(e.actual()).isEqualTo(101);
  }

  @Test
  void domParsingGivesTypedDepthError() {
    Throwable thrown = assertTimeoutPreemptively(HANG_GUARD,
        () -> catchAny(() -> SecureXml.parseDocument(depthBomb(), XmlLimits.DEFAULT)));
    assertThat(thrown).isInstanceOf(XmlLimitException.class);
    assertThat(((XmlLimitException) thrown).limit()).isEqualTo(XmlLimits.Limit.MAX_DEPTH);
  }

  @Test
  void hardenedDocumentBuilderStopsAtTheJdkDepthLimit() {
    assertThatThrownBy(() -> SecureXml.documentBuilder(XmlLimits.DEFAULT)
        .parse(new ByteArrayInputStream(depthBomb())))
        .isInstanceOf(SAXParseException.class)
        .hasMessageContaining("maxElementDepth");
  }

  @Test
  void withTheLimitRaisedReadingIsIterative() throws Exception {
    XmlLimits deep = XmlLimits.DEFAULT.withMaxDepth(NESTING + 10);
    SoapMessage<QName> m = assertTimeoutPreemptively(HANG_GUARD,
        () -> SoapReader.read(depthBomb(), deep, SoapFixtures.ROOT_NAME)); // the rest is skipped
    assertThat(m.body()).isEqualTo(new QName("a"));
    Document dom = assertTimeoutPreemptively(HANG_GUARD, () -> SecureXml.parseDocument(depthBomb(), deep));
    assertThat(dom.getDocumentElement().getLocalName()).isEqualTo("Envelope");
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    assertThat(catchAny(() -> SoapReader.read(depthBomb(), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME)))
        .isInstanceOf(XmlLimitException.class);
    SoapFixtures.assertRecovers();
  }

  /** Runs and returns whatever it threw, errors included, so a StackOverflowError fails the test. */
  static Throwable catchAny(ThrowingRunnable work) {
    try {
      work.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  interface ThrowingRunnable {
    void run() throws Throwable;
  }
}
