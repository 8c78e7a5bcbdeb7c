package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Envelopes that break SOAP 1.2 Part 1 §5 structure (or are not well formed) give a typed error
 * naming what is wrong, after which a good envelope still parses.
 */
class MalformedEnvelopeRejectedTest {
  private static final String OPEN = "<s:Envelope xmlns:s='" + SoapFixtures.ENV + "' xmlns:a='" + SoapFixtures.WSA + "'>";

  @ParameterizedTest
  @ValueSource(strings = {
      "<s:Envelope xmlns:s='" + SoapFixtures.ENV + "'/>",
      OPEN + "<s:Header/></s:Envelope>",
      OPEN + "<s:Body/></s:Envelope>",
      OPEN + "<s:Body><x/></s:Body><s:Header/></s:Envelope>",
      OPEN + "<s:Body><x/></s:Body><extra/></s:Envelope>",
      OPEN + "<s:Header/><s:Header/><s:Body><x/></s:Body></s:Envelope>",
      OPEN + "<s:Header><a:Action>urn:a</a:Action><a:Action>urn:b</a:Action></s:Header><s:Body><x/></s:Body></s:Envelope>",
      OPEN + "<s:Header><h s:mustUnderstand='yes'/></s:Header><s:Body><x/></s:Body></s:Envelope>",
      OPEN + "<s:Header>text<h/></s:Header><s:Body><x/></s:Body></s:Envelope>",
      OPEN + "<s:Body>text<x/></s:Body></s:Envelope>"})
  void structureErrorIsTyped(String xml) {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.utf8(xml), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(XmlInputException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not xml",
      OPEN + "<s:Body><x></s:Body></s:Envelope>",
      OPEN + "<s:Body><x/></s:Body>",
      OPEN + "<s:Body><x/></s:Body></s:Envelope><s:Envelope/>",
      OPEN + "<s:Body><x a='1' a='2'/></s:Body></s:Envelope>",
      OPEN + "<s:Body><p:x/></s:Body></s:Envelope>"})
  void malformedXmlIsTyped(String xml) {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.utf8(xml), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(XmlInputException.class);
  }

  @Test
  void emptyBodyIsNamed() {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.utf8(OPEN + "<s:Body>  </s:Body></s:Envelope>"),
        XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isExactlyInstanceOf(SoapEnvelopeException.class)
        .hasMessageContaining("soap:Body is empty");
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.utf8(OPEN + "<s:Body><x></s:Body></s:Envelope>"),
        XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME)).isInstanceOf(XmlInputException.class);
    SoapFixtures.assertRecovers();
  }
}
