package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table from failures to faults (SOAP 1.2 Part 2 §7.5.2.2): the sender's mistakes are env:Sender with 400,
 * a SOAP 1.1 envelope is env:VersionMismatch with 500, anything else env:Receiver with 500, and no reason
 * carries the failure's own text where that could echo message content or internals.
 */
class FaultAnswerTableTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new SoapVersionException("http://schemas.xmlsoap.org/soap/envelope/", null),
            SoapFault.VERSION_MISMATCH, 500, "SOAP 1.2"),
        Arguments.of(new MustUnderstandException(List.of(new QName("urn:x", "Trace"))), SoapFault.MUST_UNDERSTAND,
            500, "NotUnderstood headers name them"),
        Arguments.of(new XmlDoctypeException("DOCTYPE <!ENTITY secret>", null), SoapFault.SENDER, 400,
            "document type declarations"),
        Arguments.of(new XmlLimitException(XmlLimits.Limit.MAX_DEPTH, 100, 101, null), SoapFault.SENDER, 400,
            "maxDepth (100)"),
        Arguments.of(new MtomLimitException("maxParts", 4096, 4097, 12345), SoapFault.SENDER, 400,
            "maxParts (4096)"),
        Arguments.of(new MultipartTruncatedException(2, "a@b", 10, 99), SoapFault.SENDER, 400,
            "closing MIME boundary"),
        Arguments.of(new MultipartException("bad delimiter", 7), SoapFault.SENDER, 400, "byte offset 7"),
        Arguments.of(new InlineBase64Exception(2, "inline-2@soap-body", new QName("urn:x", "Document"),
            "byte 0x2a is not base64", 77), SoapFault.SENDER, 400, "inline document 2 <inline-2@soap-body>"),
        Arguments.of(new SoapEnvelopeException("soap:Body is empty", null), SoapFault.SENDER, 400,
            "soap:Body is empty"),
        Arguments.of(new XmlInputException("Unexpected character 'secret'", null), SoapFault.SENDER, 400,
            "not well-formed XML"),
        Arguments.of(new SoapFaultException(SoapFault.of(SoapFault.RECEIVER, "x"), headers()), SoapFault.SENDER, 400,
            "a fault is not a request"),
        Arguments.of(new IOException("disk /var/lib/secret full"), SoapFault.RECEIVER, 500, "could not process"),
        Arguments.of(new NullPointerException("internal detail"), SoapFault.RECEIVER, 500, "could not process"));
  }

  private static SoapHeaders headers() {
    Optional<String> none = Optional.empty();
    return new SoapHeaders(new Addressing(none, none, none, none, none), Optional.empty(), List.of(), List.of());
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failureMapsToFaultAndStatus(Throwable failure, QName code, int status, String reason) {
    FaultAnswer answer = FaultAnswer.of(failure);
    assertThat(answer.httpStatus()).isEqualTo(status);
    assertThat(answer.fault().code()).isEqualTo(code);
    assertThat(answer.fault().reasonText()).contains(reason).doesNotContain("secret", "internal detail");
  }

  @Test
  void mustUnderstandCarriesTheBlocksForNotUnderstoodHeaders() throws Exception {
    List<QName> blocks = List.of(new QName("urn:x", "Trace"), new QName("urn:y", "Audit"));
    assertThat(FaultAnswer.of(new MustUnderstandException(blocks)).notUnderstood()).isEqualTo(blocks);
    assertThat(FaultAnswer.of(new IOException("x")).notUnderstood()).isEmpty();
    assertThatThrownBy(() -> new FaultAnswer(400, SoapFault.of(SoapFault.SENDER, "x"), blocks))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheBindingsStatusesAreAccepted() {
    assertThatThrownBy(() -> new FaultAnswer(200, SoapFault.of(SoapFault.SENDER, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(FaultAnswer.sender("bad").httpStatus()).isEqualTo(400);
    assertThat(FaultAnswer.receiver("down").httpStatus()).isEqualTo(500);
  }
}
