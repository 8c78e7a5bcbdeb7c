package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.ihe.IheTransaction;

/**
 * What the gateway answers before any transaction runs, as independent peers read it (SAAJ for faults, the JDK
 * HTTP client for status and headers): an action the endpoint does not serve is a Sender fault with subcode
 * wsa:ActionNotSupported naming the path that does serve it; no action at all, wsa:MessageAddressingHeaderRequired
 * (an action given only as the Content-Type parameter is taken); a body of another transaction, an entity bomb, a
 * body that is no XML, a SOAP 1.1 envelope and an unknown mustUnderstand header each get their fault; another
 * method is 405 with {@code Allow: POST}, another path 404 naming the endpoints. After every refusal a good query
 * is answered.
 */
class RequestsRefusedAtTheDoorGetTheirFaultTest {
  private static final String ITI38 = RespondingGateway.ITI38_PATH;
  @TempDir
  static Path temp;
  private static GatewayRig rig;
  private static String goodQuery;

  @BeforeAll
  static void start() throws Exception {
    rig = GatewayRig.overFolder(ArchiveTestSupport.studySets(), temp);
    goodQuery = MalformedQueriesGetActionableRegistryErrorsTest.query("LeafClass",
        "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d", null,
        MalformedQueriesGetActionableRegistryErrorsTest.slot("$XDSDocumentEntryPatientId",
            "'77654033^^^&amp;" + GatewayRig.IDENTITY.assigningAuthorityOid() + "&amp;ISO'"),
        MalformedQueriesGetActionableRegistryErrorsTest.slot("$XDSDocumentEntryStatus",
            "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @AfterEach
  void goodQueryStillAnswered() throws Exception {
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP, envelope(IheTransaction.ITI_38.requestAction(), goodQuery));
    assertThat(PeerReads.ipfQueryResponse(a).getStatus()).isEqualTo(Status.SUCCESS);
  }

  private static byte[] envelope(String action, String body) {
    return GatewayRig.envelope(action, rig.url(ITI38), body);
  }

  @Test
  void actionOfAnotherTransaction() throws Exception {
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP, envelope(IheTransaction.ITI_55.requestAction(), goodQuery));
    assertThat(a.status()).isEqualTo(400);
    PeerReads.Fault f = PeerReads.fault(a);
    assertThat(f.code()).isEqualTo("Sender");
    assertThat(f.subcodes()).containsExactly("ActionNotSupported");
    assertThat(f.reason()).contains(IheTransaction.ITI_55.requestAction()).contains(RespondingGateway.ITI55_PATH)
        .contains(IheTransaction.ITI_38.requestAction());
    assertThat(a.text()).contains("ProblemAction");
  }

  @Test
  void noActionAnywhere() throws Exception {
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP, envelope(null, goodQuery));
    assertThat(a.status()).isEqualTo(400);
    PeerReads.Fault f = PeerReads.fault(a);
    assertThat(f.subcodes()).containsExactly("MessageAddressingHeaderRequired");
    assertThat(f.reason()).contains("wsa:Action").contains(IheTransaction.ITI_38.requestAction());
  }

  @Test
  void actionAsContentTypeParameterIsTaken() throws Exception {
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP + "; action=\"" + IheTransaction.ITI_38.requestAction()
        + "\"", envelope(null, goodQuery));
    assertThat(PeerReads.ipfQueryResponse(a).getDocumentEntries()).hasSize(2);
  }

  @Test
  void bodyOfAnotherTransaction() throws Exception {
    String prpa = Files.readString(Fixtures.sharedIhe().resolve("13_iti55_request_PRPA_IN201305UV02.ipf.xml"));
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP, envelope(IheTransaction.ITI_38.requestAction(), prpa));
    assertThat(a.status()).isEqualTo(400);
    assertThat(PeerReads.fault(a).reason()).contains("AdhocQueryRequest").contains("PRPA_IN201305UV02");
  }

  @Test
  void entityBombOnEachEndpoint() throws Exception {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      s.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    s.append("]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x>&lol9;</x></s:Body>"
        + "</s:Envelope>");
    for (String path : List.of(ITI38, RespondingGateway.ITI55_PATH)) {
      GatewayRig.Answer a = rig.post(path, GatewayRig.SOAP, s.toString().getBytes(StandardCharsets.US_ASCII));
      assertThat(a.status()).isEqualTo(400);
      PeerReads.Fault f = PeerReads.fault(a);
      assertThat(f.code()).isEqualTo("Sender");
      assertThat(f.reason()).contains("document type declarations");
    }
  }

  @Test
  void notXmlAndSoap11() throws Exception {
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP, "this is not XML".getBytes(StandardCharsets.US_ASCII));
    assertThat(a.status()).isEqualTo(400);
    assertThat(PeerReads.fault(a).reason()).contains("not well-formed");
    String soap11 = "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>" + goodQuery
        + "</e:Body></e:Envelope>";
    GatewayRig.Answer v = rig.post(ITI38, GatewayRig.SOAP, soap11.getBytes(StandardCharsets.UTF_8));
    assertThat(v.status()).isEqualTo(500);
    assertThat(PeerReads.fault(v).code()).isEqualTo("VersionMismatch");
  }

  @Test
  void unknownMustUnderstandHeader() throws Exception {
    String env = new String(envelope(IheTransaction.ITI_38.requestAction(), goodQuery), StandardCharsets.UTF_8)
        .replace("<s:Header>", "<s:Header><x:Ticket xmlns:x=\"urn:example:ticket\" s:mustUnderstand=\"true\">1"
            + "</x:Ticket>");
    GatewayRig.Answer a = rig.post(ITI38, GatewayRig.SOAP, env.getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).isEqualTo(500);
    PeerReads.Fault f = PeerReads.fault(a);
    assertThat(f.code()).isEqualTo("MustUnderstand");
    assertThat(f.reason()).contains("Ticket");
  }

  @Test
  void wrongMethodAndUnknownPath() throws Exception {
    for (String method : List.of("GET", "PUT", "DELETE")) {
      GatewayRig.Answer a = rig.send(method, ITI38);
      assertThat(a.status()).as(method).isEqualTo(405);
      assertThat(a.allow()).isEqualTo("POST");
      assertThat(a.text()).contains("POST");
    }
    assertThat(rig.send("GET", RespondingGateway.ITI55_PATH).status()).isEqualTo(405);
    GatewayRig.Answer missing = rig.post("/xca/iti38x", GatewayRig.SOAP,
        envelope(IheTransaction.ITI_38.requestAction(), goodQuery));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).contains(ITI38).contains(RespondingGateway.ITI55_PATH);
  }
}
