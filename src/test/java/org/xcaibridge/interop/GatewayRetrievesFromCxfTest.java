package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievedDocuments;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;

/**
 * Our gateway client against Apache CXF 4.1.3 JAX-WS responding gateways ({@link CxfRespondingGateway}): RAD-75
 * answers with several MTOM attachments stream out SHA-identical to the source, in request order; a request
 * bigger than the community's batch size goes as consecutive calls whose instances come as one stream; an
 * answer with inline base64 (CXF with MTOM off) streams the same bytes; ITI-39 manifests come back whole, and
 * documents past the named in-memory limit are refused; CXF read our WS-Addressing To, Action and MessageID.
 */
class GatewayRetrievesFromCxfTest {
  private static final Documents DOCS = new Documents();
  private static final List<String> UIDS = new ArrayList<>();
  private static GatewayHarness harness;
  private static CxfRespondingGateway cxf;

  @BeforeAll
  static void start() throws Exception {
    for (int i = 1; i <= 7; i++) {
      String uid = "1.2.3.4.5.9." + i;
      UIDS.add(uid);
      DOCS.add(uid, i == 2 ? 3 : 40_000 * i);
    }
    cxf = CxfRespondingGateway.start(DOCS);
    harness = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    cxf.close();
  }

  @BeforeEach
  void clear() {
    cxf.rad75Calls.clear();
    cxf.addressing.clear();
  }

  private static CommunityClient client(CommunitySettings settings, String rad75Path) {
    CommunityEndpoints e = CommunityEndpoints.of(CxfRespondingGateway.HOME, "CXF", null,
        URI.create(cxf.base + "/iti38"), URI.create(cxf.base + "/iti39"), URI.create(cxf.base + rad75Path));
    return harness.client(e, settings);
  }

  @Test
  void rad75AttachmentsArriveShaIdenticalInRequestOrder() throws Exception {
    List<String> asked = UIDS.subList(0, 3);
    CommunityClient client = client(CommunitySettings.DEFAULT, "/rad75");
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(asked)));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.streamFailure()).isNull();
    assertThat(digests(got)).containsExactlyEntriesOf(DOCS.digestsOf(asked));
    assertThat(got.instances()).allSatisfy(i -> assertThat(i.mimeType()).isEqualTo("application/dicom"));
    assertThat(got.outcome().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(got.outcome().calls()).isEqualTo(1);
    assertThat(cxf.rad75Calls).containsExactly(3);
    AddressingProperties wsa = cxf.addressing.poll();
    assertThat(wsa.getAction().getValue()).isEqualTo(IheTransaction.RAD_75.requestAction());
    assertThat(wsa.getTo().getValue()).isEqualTo(cxf.base + "/rad75");
    assertThat(wsa.getMessageID().getValue()).startsWith("urn:uuid:");
  }

  @Test
  void aRequestBiggerThanTheBatchSizeGoesAsConsecutiveCallsInOneStream() throws Exception {
    CommunityClient client = client(CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(3), "/rad75");
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(UIDS)));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.streamFailure()).isNull();
    assertThat(cxf.rad75Calls).containsExactly(3, 3, 1);
    assertThat(digests(got)).containsExactlyEntriesOf(DOCS.digestsOf(UIDS));
    assertThat(got.outcome().calls()).isEqualTo(3);
    assertThat(got.outcome().instances()).isEqualTo(7);
    assertThat(cxf.addressing).extracting(a -> a.getMessageID().getValue()).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void unknownInstancesGivePartialSuccessAndTheOthersStream() throws Exception {
    List<String> asked = List.of(UIDS.get(0), "1.2.3.4.5.9.404", UIDS.get(3));
    CommunityClient client = client(CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(2), "/rad75");
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(asked)));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(digests(got)).containsExactlyEntriesOf(DOCS.digestsOf(List.of(UIDS.get(0), UIDS.get(3))));
    assertThat(got.outcome().status()).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(got.outcome().errors()).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo("XDSDocumentUniqueIdError");
      assertThat(e.codeContext()).isEqualTo("1.2.3.4.5.9.404");
    });
  }

  @Test
  void inlineBase64AnswersStreamTheSameBytes() throws Exception {
    List<String> asked = UIDS.subList(1, 4);
    CommunityClient client = client(CommunitySettings.DEFAULT, "/rad75-inline");
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(asked)));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.streamFailure()).isNull();
    assertThat(digests(got)).containsExactlyEntriesOf(DOCS.digestsOf(asked));
  }

  @Test
  void iti39ManifestsComeBackWhole() throws Exception {
    List<String> asked = List.of(UIDS.get(1), UIDS.get(4));
    CommunityClient client = client(CommunitySettings.DEFAULT, "/rad75");
    RetrieveDocumentSetRequest request = new RetrieveDocumentSetRequest(asked.stream()
        .map(u -> new DocumentRequest(CxfRespondingGateway.HOME, IpfModels.REPOSITORY, u)).toList());
    RetrievedDocuments docs = harness.await(() -> client.retrieveDocuments(request));

    assertThat(docs.registryResponse().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(docs.documents()).extracting(d -> d.documentUniqueId()).containsExactlyElementsOf(asked);
    for (var d : docs.documents()) {
      assertThat(d.content().getBytes()).isEqualTo(DOCS.get(d.documentUniqueId()));
    }
    AddressingProperties wsa = cxf.addressing.poll();
    assertThat(wsa.getAction().getValue()).isEqualTo(IheTransaction.ITI_39.requestAction());
    assertThat(wsa.getTo().getValue()).isEqualTo(cxf.base + "/iti39");
  }

  @Test
  void iti39DocumentsOverTheNamedLimitAreRefused() throws Exception {
    List<String> asked = List.of(UIDS.get(3), UIDS.get(4)); // 160,000 + 200,000 bytes
    CommunityClient client = client(CommunitySettings.DEFAULT.withMaxRetrievedDocumentBytes(300_000), "/rad75");
    Throwable t = harness.failure(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(asked.stream()
        .map(u -> new DocumentRequest(CxfRespondingGateway.HOME, IpfModels.REPOSITORY, u)).toList())));

    assertThat(t).isInstanceOf(GatewayException.ProtocolViolation.class)
        .hasMessageContaining("maxRetrievedDocumentBytes of 300000 bytes");
    // the same client, with one document under the limit, still works
    RetrievedDocuments one = harness.await(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(List.of(
        new DocumentRequest(CxfRespondingGateway.HOME, IpfModels.REPOSITORY, UIDS.get(4))))));
    assertThat(one.documents().get(0).content().getBytes()).isEqualTo(DOCS.get(UIDS.get(4)));
  }

  private static Map<String, String> digests(GatewayHarness.Collected got) {
    Map<String, String> out = new LinkedHashMap<>();
    got.instances().forEach(i -> {
      assertThat(i.failure()).isNull();
      out.put(i.documentUniqueId(), i.sha256());
    });
    return out;
  }
}
