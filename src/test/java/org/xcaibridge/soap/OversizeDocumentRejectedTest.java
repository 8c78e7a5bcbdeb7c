package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/** A document past maxDocumentBytes gives a typed size error, whether held in memory or streamed. */
class OversizeDocumentRejectedTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  @Test
  void inMemoryDocumentIsRefusedBeforeParsing() {
    byte[] big = new byte[(16 << 20) + 1]; // not even XML: the size check comes first
    Arrays.fill(big, (byte) ' ');
    XmlLimitException e = (XmlLimitException) DepthBombRejectedTest.catchAny(
        () -> SoapReader.read(big, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME));
    assertThat(e.limit()).isEqualTo(XmlLimits.Limit.MAX_DOCUMENT_BYTES);
    assertThat(e.limitValue()).isEqualTo(16 << 20);
    assertThat(e.actual()).isEqualTo(big.length);
  }

  @Test
  void envelopeOverASmallLimit() {
    byte[] envelope = SoapFixtures.goodEnvelope();
    Throwable t = DepthBombRejectedTest.catchAny(() -> SoapReader.read(envelope,
        XmlLimits.DEFAULT.withMaxDocumentBytes(envelope.length - 1), SoapFixtures.ROOT_NAME));
    assertThat(t).isInstanceOf(XmlLimitException.class);
    assertThat(((XmlLimitException) t).actual()).isEqualTo(envelope.length);
  }

  @Test
  void endlessStreamStopsAtTheLimit() {
    XmlLimits limits = XmlLimits.DEFAULT.withMaxDocumentBytes(1 << 20);
    Throwable t = assertTimeoutPreemptively(HANG_GUARD, () -> DepthBombRejectedTest.catchAny(() -> {
      XMLStreamReader r = SecureXml.reader(endless("<r>", "<a/>"), limits);
      while (r.hasNext()) {
        r.next();
      }
    }));
    assertThat(t).isInstanceOf(XmlLimitException.class);
    XmlLimitException e = (XmlLimitException) t;
    assertThat(e.limit()).isEqualTo(XmlLimits.Limit.MAX_DOCUMENT_BYTES);
    assertThat(e.actual()).isEqualTo((1 << 20) + 1);
  }

  @Test
  void limitMetWhileTheParserReadsTheXmlDeclaration() {
    Throwable t = DepthBombRejectedTest.catchAny(() -> SecureXml.reader(
        new java.io.ByteArrayInputStream(SoapFixtures.goodEnvelope()), XmlLimits.DEFAULT.withMaxDocumentBytes(5)));
    assertThat(t).isInstanceOf(XmlLimitException.class);
    assertThat(((XmlLimitException) t).limit()).isEqualTo(XmlLimits.Limit.MAX_DOCUMENT_BYTES);
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    byte[] envelope = SoapFixtures.goodEnvelope();
    assertThat(DepthBombRejectedTest.catchAny(() -> SoapReader.read(envelope,
        XmlLimits.DEFAULT.withMaxDocumentBytes(100), SoapFixtures.ROOT_NAME))).isInstanceOf(XmlLimitException.class);
    SoapFixtures.assertRecovers();
  }

  /** A stream that starts with {@code head} and then repeats {@code unit} forever. */
  static InputStream endless(String head, String unit) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] u = unit.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        long p = position++;
        return p < h.length ? h[(int) p] : u[(int) ((p - h.length) % u.length)];
      }
    };
  }
}
