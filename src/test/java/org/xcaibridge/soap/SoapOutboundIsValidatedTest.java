package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outgoing message is checked when built: an action that fits a media type parameter, attachments only with MTOM. */
class SoapOutboundIsValidatedTest {
  private final Buffer envelope = Buffer.buffer("<x/>");

  @Test
  void actionMustFitTheContentTypeParameter() {
    assertThatThrownBy(() -> SoapOutbound.plain("urn:a b", envelope)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SoapOutbound.plain("urn:\"a\"", envelope)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SoapOutbound.plain("urn:a", envelope).plainContentType())
        .isEqualTo("application/soap+xml; charset=UTF-8; action=\"urn:a\"");
  }

  @Test
  void attachmentsNeedMtom() {
    assertThatThrownBy(() -> new SoapOutbound("urn:a", envelope, false,
        List.of(new MtomAttachment("a@b", null, null)))).hasMessageContaining("need MTOM");
    assertThat(SoapOutbound.mtom("urn:a", envelope, List.of()).mtom()).isTrue();
  }
}
