package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An element with 100,000 attributes, in the body or in a header, gives a typed attribute-count error. */
class AttributeBombRejectedTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  static String attributes(int n) {
    return IntStream.range(0, n).mapToObj(i -> " a" + i + "='x'").collect(Collectors.joining());
  }

  @Test
  void bodyElementWithTooManyAttributes() {
    byte[] bomb = SoapFixtures.envelopeAround("", "<x" + attributes(100_000) + "/>");
    XmlLimitException e = expectLimit(bomb, XmlLimits.DEFAULT);
    assertThat(e.limit()).isEqualTo(XmlLimits.Limit.MAX_ATTRIBUTES);
    assertThat(e.limitValue()).isEqualTo(100);
    assertThat(e.actual()).isEqualTo(101);
  }

  @Test
  void headerElementWithTooManyAttributes() {
    byte[] bomb = SoapFixtures.utf8("<s:Envelope xmlns:s='" + SoapFixtures.ENV + "'><s:Header><h"
        + attributes(100_000) + "/></s:Header><s:Body><x/></s:Body></s:Envelope>");
    assertThat(expectLimit(bomb, XmlLimits.DEFAULT).limit()).isEqualTo(XmlLimits.Limit.MAX_ATTRIBUTES);
  }

  @Test
  void exactlyTheLimitIsAccepted() throws Exception {
    byte[] edge = SoapFixtures.envelopeAround("", "<x" + attributes(100) + "/>");
    assertThat(SoapReader.read(edge, XmlLimits.DEFAULT, r -> r.getAttributeCount()).body()).isEqualTo(100);
    XmlLimitException e = expectLimit(edge, XmlLimits.DEFAULT.withMaxAttributes(99));
    assertThat(e.actual()).isEqualTo(100);
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    expectLimit(SoapFixtures.envelopeAround("", "<x" + attributes(100_000) + "/>"), XmlLimits.DEFAULT);
    SoapFixtures.assertRecovers();
  }

  private static XmlLimitException expectLimit(byte[] envelope, XmlLimits limits) {
    Throwable t = assertTimeoutPreemptively(HANG_GUARD, () -> DepthBombRejectedTest.catchAny(
        () -> SoapReader.read(envelope, limits, SoapFixtures.ROOT_NAME)));
    assertThat(t).isInstanceOf(XmlLimitException.class);
    return (XmlLimitException) t;
  }
}
