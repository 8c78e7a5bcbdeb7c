package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real SOAP envelope among the shared IHE fixtures parses into headers and body root name.
 *
 * <p>Which fixtures are envelopes: 09, 11 and 12 are whole SOAP 1.2 envelopes; 16 is an HTTP/MTOM wire
 * capture whose root MIME part is one (cut out here by hand; the MTOM reader is another helper's).
 * The rest are not envelopes: 01, 02, 08, 10, 13 and 14 are bare bodies, 03–05 are NIST test plans
 * whose {@code ResponseBody} holds a bare body (those bodies go through {@link FixtureBodiesRoundTripTest}).
 * The classification below is checked against the directory, so a new fixture cannot be skipped silently.
 */
class IheFixtureEnvelopesParseTest {

  record Expected(String file, Optional<String> action, Optional<String> messageId, Optional<String> to,
      Optional<String> replyTo, Optional<String> relatesTo, QName bodyRoot) {}

  private static final String ANON = "http://www.w3.org/2005/08/addressing/anonymous";
  private static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

  static List<Expected> envelopes() {
    return List.of(
        new Expected("09_iti38_soap_request_finddocuments.nist.xml",
            Optional.of("urn:ihe:iti:2007:CrossGatewayQuery"), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of("urn:uuid:F9C98547B63C44C3521268408833497"),
            new QName(QUERY, "AdhocQueryRequest")),
        new Expected("11_iti39_soap_request.nist.xml",
            Optional.of("urn:ihe:iti:2007:CrossGatewayRetrieve"),
            Optional.of("urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02"),
            Optional.of("http://localhost:2647/XcaService/IHEXCAGateway.svc"), Optional.of(ANON),
            Optional.empty(), new QName(SoapFixtures.XDSB, "RetrieveDocumentSetRequest")),
        new Expected("12_iti39_soap_response_inline_base64.nist.xml",
            Optional.of("urn:ihe:iti:2007:CrossGatewayRetrieveResponse"), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of("urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02"),
            new QName(SoapFixtures.XDSB, "RetrieveDocumentSetResponse")),
        new Expected("16_mtom_http_wire_capture_iti41.nist.txt",
            Optional.of("urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b"),
            Optional.of("urn:uuid:3D4B161591CD1DEC0C1286850962146"),
            Optional.of("http://localhost:8888/xdstools2/simulator/ec6ea2c0_fb8e_457f_9c67_d133482465f9/epsos/prb"),
            Optional.empty(), Optional.empty(), new QName(SoapFixtures.XDSB, "ProvideAndRegisterDocumentSetRequest")));
  }

  /** Not envelopes, with the reason. */
  private static final Map<String, String> NOT_ENVELOPES = Map.ofEntries(
      Map.entry("01_rad75_request_two_studies.nist-rig_5421.xml", "bare RAD-75 body"),
      Map.entry("02_rad69_request_to_iig_with_homeCommunityId.nist-iig_5401.xml", "bare RAD-69 body"),
      Map.entry("03_rad75_expected_response_success.nist-rig_5421.testplan.xml", "NIST test plan"),
      Map.entry("04_rad75_expected_response_partialsuccess.nist-rig_5427.testplan.xml", "NIST test plan"),
      Map.entry("05_rad75_expected_response_transfer_syntax_failure.nist-rig_5424.testplan.xml", "NIST test plan"),
      Map.entry("08_kos_documententry_metadata_rad68.nist-ids_4801.xml", "bare ITI-41 metadata body"),
      Map.entry("10_iti18_38_query_finddocumentsbyreferenceid.nist-11897.xml", "bare AdhocQueryRequest"),
      Map.entry("13_iti55_request_PRPA_IN201305UV02.ipf.xml", "bare HL7v3 payload"),
      Map.entry("14_iti55_response_PRPA_IN201306UV02.ipf.xml", "bare HL7v3 payload"));

  @ParameterizedTest
  @MethodSource("envelopes")
  void envelopeParsesIntoHeadersAndBodyRoot(Expected e) throws Exception {
    SoapMessage<QName> m = SoapReader.read(envelopeBytes(e.file()), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME);

    Addressing a = m.headers().addressing();
    assertThat(a.action()).isEqualTo(e.action());
    assertThat(a.messageId()).isEqualTo(e.messageId());
    assertThat(a.to()).isEqualTo(e.to());
    assertThat(a.replyTo()).isEqualTo(e.replyTo());
    assertThat(a.relatesTo()).isEqualTo(e.relatesTo());
    assertThat(m.headers().hasSecurity()).isFalse();
    assertThat(m.headers().notUnderstood()).isEmpty(); // 11/12 put mustUnderstand in the wsa namespace
    assertThat(m.body()).isEqualTo(e.bodyRoot());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "01_rad75_request_two_studies.nist-rig_5421.xml", "03_rad75_expected_response_success.nist-rig_5421.testplan.xml",
      "10_iti18_38_query_finddocumentsbyreferenceid.nist-11897.xml", "14_iti55_response_PRPA_IN201306UV02.ipf.xml"})
  void nonEnvelopeIsRejectedAsSuch(String file) {
    assertThatThrownBy(() -> SoapReader.read(SoapFixtures.ihe(file), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isExactlyInstanceOf(SoapEnvelopeException.class)
        .hasMessageContaining("not a SOAP 1.2 Envelope");
  }

  @Test
  void everyXmlFixtureIsClassified() throws IOException {
    TreeSet<String> classified = new TreeSet<>(NOT_ENVELOPES.keySet());
    envelopes().forEach(e -> classified.add(e.file()));
    try (Stream<Path> files = Files.list(SoapFixtures.ihe())) {
      List<String> messages = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".xml") || (n.endsWith(".txt") && !n.endsWith(".dcmdump.txt")))
          .sorted().collect(Collectors.toList());
      assertThat(messages).isNotEmpty();
      assertThat(classified).containsExactlyElementsOf(messages);
    }
  }

  /** The envelope bytes of a fixture: the file itself, or the root MIME part of the wire capture. */
  static byte[] envelopeBytes(String file) {
    byte[] bytes = SoapFixtures.ihe(file);
    if (!file.endsWith(".txt")) {
      return bytes;
    }
    String wire = new String(bytes, StandardCharsets.UTF_8);
    int start = wire.indexOf("<?xml");
    int end = wire.indexOf("\n--MIMEBoundary", start);
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    return Arrays.copyOfRange(bytes, utf8Length(wire, start), utf8Length(wire, end));
  }

  private static int utf8Length(String s, int chars) {
    return s.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
  }
}
