package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A SOAP 1.1 envelope (or any Envelope not in the SOAP 1.2 namespace) is refused with a clear, typed error. */
class Soap11EnvelopeRejectedTest {
  private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

  @Test
  void soap11IsNamedAsSuch() {
    byte[] envelope = SoapFixtures.utf8("<?xml version='1.0'?><S:Envelope xmlns:S='" + SOAP11 + "'>"
        + "<S:Header><a:Action xmlns:a='" + SoapFixtures.WSA + "' S:mustUnderstand='1'>urn:x</a:Action></S:Header>"
        + "<S:Body><x/></S:Body></S:Envelope>");
    assertThatThrownBy(() -> SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOfSatisfying(SoapVersionException.class,
            e -> assertThat(e.envelopeNamespace()).isEqualTo(SOAP11))
        .hasMessageContaining("SOAP 1.1")
        .hasMessageContaining("require SOAP 1.2");
  }

  @Test
  void envelopeInAnotherNamespaceIsAVersionMismatch() {
    byte[] envelope = SoapFixtures.utf8("<Envelope xmlns='urn:not-soap'><Body><x/></Body></Envelope>");
    assertThatThrownBy(() -> SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOfSatisfying(SoapVersionException.class,
            e -> assertThat(e.envelopeNamespace()).isEqualTo("urn:not-soap"));
  }

  @Test
  void goodEnvelopeStillParsesAfterwards() throws Exception {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.utf8("<S:Envelope xmlns:S='" + SOAP11
        + "'><S:Body/></S:Envelope>"), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(SoapVersionException.class);
    SoapFixtures.assertRecovers();
  }
}
