package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPFault;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Fixtures;

/**
 * Requests that cannot be answered as a whole get a SOAP 1.2 fault (read back with SAAJ) whose code and reason say
 * what to fix: another transaction's wsa:Action (Sender, wsa:ActionNotSupported), none at all (Sender,
 * wsa:MessageAddressingHeaderRequired), another transaction's body, a body missing what RAD-75 requires, not XML
 * (Sender, 400), a header block marked mustUnderstand that we do not process (MustUnderstand, 500); a GET is
 * 405. After all of them, NIST's rig_5421 request (fixture 01) verbatim is answered normally.
 */
class MalformedRetrieveRequestsGetSoapFaultsTest {
  private static final String RAD75 = "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet";
  private static final String WSA = "http://www.w3.org/2005/08/addressing";
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "ct/CT_small.dcm");
    rig = RetrieveRig.start(folder);
  }

  @AfterAll
  static void stop() throws Exception {
    rig.close();
  }

  private static String rad75Body() throws Exception {
    return Files.readString(Fixtures.sharedIhe().resolve("01_rad75_request_two_studies.nist-rig_5421.xml"));
  }

  private static String envelope(String header, String body) {
    return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + WSA + "\"><s:Header>"
        + header + "<a:MessageID>urn:uuid:3f1e0c9a-5b5e-4a55-9d0c-1f2e3d4c5b6a</a:MessageID></s:Header><s:Body>"
        + body + "</s:Body></s:Envelope>";
  }

  private static String action(String action) {
    return "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>";
  }

  private static HttpResponse<byte[]> post(String path, String envelope) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(rig.url(path)))
        .header("Content-Type", "application/soap+xml; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static SOAPFault fault(HttpResponse<byte[]> response) throws Exception {
    MimeHeaders headers = new MimeHeaders();
    headers.addHeader("Content-Type", response.headers().firstValue("Content-Type").orElseThrow());
    SOAPFault f = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
        .createMessage(headers, new ByteArrayInputStream(response.body())).getSOAPBody().getFault();
    assertThat(f).as("a SOAP fault").isNotNull();
    return f;
  }

  private static List<QName> subcodes(SOAPFault f) {
    List<QName> out = new ArrayList<>();
    f.getFaultSubcodes().forEachRemaining(out::add);
    return out;
  }

  @Test
  void anotherTransactionsActionIsNotSupported() throws Exception {
    String iti39 = Files.readString(Fixtures.sharedIhe().resolve("11_iti39_soap_request.nist.xml"));
    HttpResponse<byte[]> r = post("/xcai/rad75", iti39);

    assertThat(r.statusCode()).isEqualTo(400);
    SOAPFault f = fault(r);
    assertThat(f.getFaultCodeAsQName()).isEqualTo(new QName("http://www.w3.org/2003/05/soap-envelope", "Sender"));
    assertThat(subcodes(f)).containsExactly(new QName(WSA, "ActionNotSupported"));
    assertThat(f.getFaultReasonText(Locale.ENGLISH)).contains("RAD-75", RAD75, "urn:ihe:iti:2007:CrossGatewayRetrieve");
  }

  @Test
  void missingActionIsARequiredHeader() throws Exception {
    HttpResponse<byte[]> r = post("/xcai/rad75", envelope("", rad75Body()));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(subcodes(fault(r))).containsExactly(new QName(WSA, "MessageAddressingHeaderRequired"));
  }

  @Test
  void anotherTransactionsBodyIsRefused() throws Exception {
    String iti39Body = "<RetrieveDocumentSetRequest xmlns=\"urn:ihe:iti:xds-b:2007\"><DocumentRequest>"
        + "<RepositoryUniqueId>1.2.3</RepositoryUniqueId><DocumentUniqueId>1.2.4</DocumentUniqueId>"
        + "</DocumentRequest></RetrieveDocumentSetRequest>";
    HttpResponse<byte[]> r = post("/xcai/rad75", envelope(action(RAD75), iti39Body));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(fault(r).getFaultReasonText(Locale.ENGLISH))
        .contains("RetrieveImagingDocumentSetRequest", "RetrieveDocumentSetRequest");
  }

  @Test
  void bodyWithoutTransferSyntaxesIsRefused() throws Exception {
    String body = rad75Body().replaceAll("(?s)<xdsiB:TransferSyntaxUIDList>.*</xdsiB:TransferSyntaxUIDList>", "");
    HttpResponse<byte[]> r = post("/xcai/rad75", envelope(action(RAD75), body));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(fault(r).getFaultReasonText(Locale.ENGLISH)).containsIgnoringCase("TransferSyntax");
  }

  @Test
  void notXmlIsASenderFault() throws Exception {
    HttpResponse<byte[]> r = post("/xdsi/rad69", "this is not <xml");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(fault(r).getFaultCodeAsQName().getLocalPart()).isEqualTo("Sender");
  }

  @Test
  void unknownMustUnderstandHeaderIsAMustUnderstandFault() throws Exception {
    String header = action(RAD75) + "<x:Billing xmlns:x=\"urn:example:billing\" s:mustUnderstand=\"true\">7</x:Billing>";
    HttpResponse<byte[]> r = post("/xcai/rad75", envelope(header, rad75Body()));

    assertThat(r.statusCode()).isEqualTo(500);
    SOAPFault f = fault(r);
    assertThat(f.getFaultCodeAsQName().getLocalPart()).isEqualTo("MustUnderstand");
    assertThat(f.getFaultReasonText(Locale.ENGLISH)).contains("Billing");
    // SOAP 1.2 Part 1 §5.4.8: one env:NotUnderstood header names the block, its qname resolved in scope
    MimeHeaders headers = new MimeHeaders();
    headers.addHeader("Content-Type", r.headers().firstValue("Content-Type").orElseThrow());
    jakarta.xml.soap.SOAPHeader h = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
        .createMessage(headers, new ByteArrayInputStream(r.body())).getSOAPHeader();
    List<QName> named = new ArrayList<>();
    h.getChildElements(new QName("http://www.w3.org/2003/05/soap-envelope", "NotUnderstood")).forEachRemaining(n -> {
      String qname = ((jakarta.xml.soap.SOAPElement) n).getAttribute("qname");
      String prefix = qname.substring(0, qname.indexOf(':'));
      named.add(new QName(((jakarta.xml.soap.SOAPElement) n).lookupNamespaceURI(prefix),
          qname.substring(qname.indexOf(':') + 1)));
    });
    assertThat(named).containsExactly(new QName("urn:example:billing", "Billing"));
  }

  @Test
  void getIsNotAllowed() throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(rig.url("/xca/iti39"))).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void nistRequestIsAnsweredAfterAllThat() throws Exception {
    HttpResponse<byte[]> r = post("/xcai/rad75", envelope(action(RAD75), rad75Body()));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related");
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure",
        "No document matching composite UID [1.3.6.1.4.1.21367.201599.1.201606021454002:",
        "urn:uuid:3f1e0c9a-5b5e-4a55-9d0c-1f2e3d4c5b6a");
  }
}
