package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.AddressingFeature;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.PatientDiscovery;
import org.xcaibridge.ihe.Demographics;
import org.xcaibridge.ihe.Device;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.PatientQuery;
import org.xcaibridge.ihe.PersonName;

/**
 * XCPD (ITI-55) against Apache CXF 4.1.3: a JAX-WS {@code Provider} (SOAP 1.2, WS-Addressing) answers with IPF's
 * PRPA_IN201306UV02 sample (fixture 14, two candidates) and variants of it: one candidate, no match (NF), an
 * error acknowledgement (AE with an issue code). Several candidates are all handed on and none is picked; a
 * single one is unambiguous unless its score is below the caller's minimum; NF is no patient; AE is an error
 * naming the issue. CXF got our PRPA_IN201305UV02 with the demographics we sent.
 */
class GatewayDiscoversPatientsTest {
  private static final ConcurrentLinkedQueue<String> RECEIVED = new ConcurrentLinkedQueue<>();
  private static volatile String answer;
  private static String fixture;
  private static Endpoint endpoint;
  private static GatewayHarness harness;
  private static CommunityClient client;

  @WebServiceProvider(serviceName = "RespondingGateway_Service", portName = "RespondingGateway_Port_Soap12",
      targetNamespace = "urn:ihe:iti:xcpd:2009")
  @ServiceMode(Service.Mode.PAYLOAD)
  @BindingType(SOAPBinding.SOAP12HTTP_BINDING)
  public static class Xcpd implements Provider<Source> {
    @Override
    public Source invoke(Source request) {
      try {
        StringWriter w = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(request, new StreamResult(w));
        RECEIVED.add(w.toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return new StreamSource(new StringReader(answer));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    fixture = Files.readString(Fixtures.sharedIhe().resolve("14_iti55_response_PRPA_IN201306UV02.ipf.xml"),
        StandardCharsets.UTF_8).replaceFirst("^\\uFEFF?\\s*(<\\?xml[^>]*\\?>)?", "");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/iti55";
    endpoint = Endpoint.create(SOAPBinding.SOAP12HTTP_BINDING, new Xcpd(), new AddressingFeature());
    endpoint.publish(url);
    harness = new GatewayHarness();
    client = harness.client(CommunityEndpoints.of("urn:oid:1.2.3.928.955", "CXF XCPD", URI.create(url),
        URI.create(url + "/iti38"), URI.create(url + "/iti39"), URI.create(url + "/rad75")), CommunitySettings.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    endpoint.stop();
  }

  private static PatientDiscoveryRequest request() {
    PatientQuery q = new PatientQuery(new Ii("1.2.840.114350.1.13.28.1.18.5.999", "18204"),
        new Demographics(List.of(new PersonName(List.of("Jimmy"), "Jones")), "M", "19630804", List.of(), List.of()),
        List.of(new Ii("1.2.840.114350.1.13.99997.2.3412", "1234")), null);
    return new PatientDiscoveryRequest(new Ii("1.3.6.1.4.1.21367.13.70.1", "msg-" + System.nanoTime()),
        "20240102030405", "P", new Device(Ii.of("1.2.3.928.955"), null, "1.2.3.928.955"),
        new Device(Ii.of("1.3.6.1.4.1.21367.13.70.1"), null, "1.3.6.1.4.1.21367.13.70.1"), q);
  }

  /** The fixture with its second candidate removed. */
  private static String oneCandidate() {
    int second = fixture.indexOf("<subject typeCode=\"SUBJ\">", fixture.indexOf("<subject typeCode=\"SUBJ\">") + 1);
    int end = fixture.indexOf("</subject>", second) + "</subject>".length();
    return fixture.substring(0, second) + fixture.substring(end);
  }

  private static String noCandidates(String ack, String code, String issue) {
    String s = fixture.replaceAll("(?s)<subject typeCode=\"SUBJ\">.*</subject>", issue)
        .replace("<queryResponseCode code=\"OK\"/>", "<queryResponseCode code=\"" + code + "\"/>")
        .replace("<typeCode code=\"AA\"/>", "<typeCode code=\"" + ack + "\"/>");
    assertThat(s).doesNotContain("registrationEvent");
    return s;
  }

  @Test
  void severalCandidatesAreAllHandedOnAndNoneIsPicked() throws Exception {
    answer = fixture;
    PatientDiscovery d = harness.await(() -> client.discoverPatient(request()));

    assertThat(d).isInstanceOf(PatientDiscovery.Matched.class);
    PatientDiscovery.Matched m = (PatientDiscovery.Matched) d;
    assertThat(m.candidates()).hasSize(2);
    assertThat(m.unambiguous(0)).isEmpty();
    String sent = RECEIVED.poll();
    assertThat(sent).contains("PRPA_IN201305UV02").contains("<family>Jones</family>").contains("19630804");
  }

  @Test
  void oneCandidateIsUnambiguousUnlessItsScoreIsTooLow() throws Exception {
    answer = oneCandidate();
    PatientDiscovery d = harness.await(() -> client.discoverPatient(request()));

    PatientDiscovery.Matched m = (PatientDiscovery.Matched) d;
    assertThat(m.candidates()).singleElement().satisfies(p -> assertThat(p.patientIds()).isNotEmpty());
    assertThat(m.candidates().get(0).matchScore()).isEqualTo(92);
    assertThat(m.unambiguous(92)).isPresent();
    assertThat(m.unambiguous(93)).isEmpty();
  }

  @Test
  void noMatchIsNotFound() throws Exception {
    answer = noCandidates("AA", "NF", "");
    assertThat(harness.await(() -> client.discoverPatient(request()))).isInstanceOf(PatientDiscovery.NotFound.class);
  }

  @Test
  void anErrorAcknowledgementIsAnErrorResponseNamingTheIssue() throws Exception {
    String issue = "<reasonOf typeCode=\"RSON\"><detectedIssueEvent classCode=\"ALRT\" moodCode=\"EVN\">"
        + "<code code=\"ActAdministrativeDetectedIssueCode\" codeSystem=\"2.16.840.1.113883.5.4\"/>"
        + "<mitigatedBy typeCode=\"MITGT\"><detectedIssueManagement classCode=\"ACT\" moodCode=\"EVN\">"
        + "<code code=\"ResponderBusy\" codeSystem=\"1.3.6.1.4.1.19376.1.2.27.3\"/></detectedIssueManagement>"
        + "</mitigatedBy></detectedIssueEvent></reasonOf>";
    answer = noCandidates("AE", "AE", issue);
    Throwable t = harness.failure(() -> client.discoverPatient(request()));

    assertThat(t).isInstanceOf(GatewayException.ErrorResponse.class).hasMessageContaining("CXF XCPD")
        .hasMessageContaining("ResponderBusy");
    assertThat(((GatewayException.ErrorResponse) t).errors()).extracting(e -> e.errorCode()).contains("ResponderBusy");
  }
}
