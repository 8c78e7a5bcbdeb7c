package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Content-Type values as MTOM stacks send them: quoted or bare parameters, any case, any order. */
class MultipartContentTypeParsingTest {
  @Test
  void readsTheIheMtomContentType() {
    MultipartContentType ct = MultipartContentType.parse("Multipart/Related; TYPE=\"application/xop+xml\"; "
        + "boundary=uuid_1234-abcd; start=\"<root@x>\"; start-info=\"application/soap+xml\"; "
        + "Action=\"urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet\"");
    assertThat(ct.mediaType()).isEqualTo("multipart/related");
    assertThat(ct.isMultipart()).isTrue();
    assertThat(ct.boundary()).isEqualTo("uuid_1234-abcd");
    assertThat(ct.parameter("type")).isEqualTo("application/xop+xml");
    assertThat(ct.parameter("START")).isEqualTo("<root@x>");
    assertThat(ct.parameter("start-info")).isEqualTo("application/soap+xml");
    assertThat(ct.parameter("action")).isEqualTo("urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet");
    assertThat(List.copyOf(ct.parameters().keySet()))
        .containsExactly("type", "boundary", "start", "start-info", "action");
  }

  @Test
  void readsQuotedBoundaryWithEscapesAndBareStart() {
    MultipartContentType ct = MultipartContentType.parse(
        "multipart/related;boundary=\"uuid:a=b \\\"c\\\"\";start=<0.x@y>;type=application/xop+xml;");
    assertThat(ct.boundary()).isEqualTo("uuid:a=b \"c\"");
    assertThat(ct.parameter("start")).isEqualTo("<0.x@y>");
    assertThat(ct.parameter("type")).isEqualTo("application/xop+xml");
  }

  @Test
  void readsPlainSoap() {
    MultipartContentType ct = MultipartContentType.parse("application/soap+xml;charset=UTF-8;action=\"urn:a\"");
    assertThat(ct.mediaType()).isEqualTo("application/soap+xml");
    assertThat(ct.isMultipart()).isFalse();
    assertThat(ct.parameter("charset")).isEqualTo("UTF-8");
  }

  @Test
  void refusesBrokenValues() {
    assertThatThrownBy(() -> MultipartContentType.parse("multipart")).isInstanceOf(MultipartException.class);
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; boundary=\"open"))
        .isInstanceOf(MultipartException.class).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; boundary=a; Boundary=b"))
        .isInstanceOf(MultipartException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; boundary"))
        .isInstanceOf(MultipartException.class).hasMessageContaining("without '='");
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; boundary=\"a\"x"))
        .isInstanceOf(MultipartException.class);
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; type=x").boundary())
        .isInstanceOf(MultipartException.class).hasMessageContaining("without a boundary");
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; boundary=\"a \"").boundary())
        .isInstanceOf(MultipartException.class).hasMessageContaining("end in a space");
    assertThatThrownBy(() -> MultipartContentType.parse("multipart/related; boundary=" + "x".repeat(201)).boundary())
        .isInstanceOf(MultipartException.class).hasMessageContaining("201");
  }
}
