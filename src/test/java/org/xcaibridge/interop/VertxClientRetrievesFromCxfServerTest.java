package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapMessage;

/**
 * Apache CXF 4.1.3 as the responding side: JAX-WS servers ({@link CxfRetrieveServers}: IPF's RAD-75 and ITI-39
 * port types and JAXB types, SOAP 1.2 with MTOM and WS-Addressing) return documents as DataHandlers, which CXF sends as XOP attachments. Our Vert.x client ({@link RetrieveClient}
 * on {@code SoapHttpClient}) gets every attachment with the source's SHA-256, finds it through the
 * {@code xop:Include} cid, and reads the response action and RelatesTo; CXF read our action and MessageID.
 */
class VertxClientRetrievesFromCxfServerTest {
  private static final Documents DOCS = new Documents()
      .add("1.2.3.4.5.7.1", 300_000).add("1.2.3.4.5.7.2", 5).add("1.2.3.4.5.7.3", 1_200_000)
      .add("1.3.6.1.4.1.21367.2017.4.1", 90_000).add("1.3.6.1.4.1.21367.2017.4.2", 400_000);
  private static final ConcurrentLinkedQueue<AddressingProperties> RECEIVED = new ConcurrentLinkedQueue<>();
  private static Vertx vertx;
  private static RetrieveClient client;
  private static String base;
  private static CxfRetrieveServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = new CxfRetrieveServers(DOCS, true, RECEIVED);
    base = servers.base;
    vertx = Vertx.vertx();
    client = new RetrieveClient(vertx, MtomLimits.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
    client.close();
    Interop.await(vertx.close());
  }

  @Test
  void rad75PlainRequestGetsThreeAttachmentsIdentical() throws Exception {
    List<String> uids = List.of("1.2.3.4.5.7.1", "1.2.3.4.5.7.2", "1.2.3.4.5.7.3");
    RetrieveClient.Result result = client.call(base + "/rad75", IheTransaction.RAD_75,
        IpfModels.ourRad75Request(uids), false);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.contentType()).startsWith("multipart/related").contains("application/xop+xml");
    SoapMessage<RetrieveDocumentSetResponse> m = result.message();
    assertThat(m.body().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(bytesByDocument(m.body(), result)).containsExactlyEntriesOf(DOCS.digestsOf(uids));
    assertThat(result.attachments()).hasSize(3).allSatisfy(a -> assertThat(a.failure()).isNull());
    assertThat(m.headers().addressing().action()).contains(IheTransaction.RAD_75.responseAction());
    assertThat(m.headers().addressing().relatesTo()).contains(result.messageId());
    assertCxfRead(IheTransaction.RAD_75.requestAction(), result.messageId());
  }

  @Test
  void iti39MtomRequestGetsTwoAttachmentsIdentical() throws Exception {
    List<String> uids = List.of("1.3.6.1.4.1.21367.2017.4.1", "1.3.6.1.4.1.21367.2017.4.2");
    RetrieveDocumentSetRequest request = new RetrieveDocumentSetRequest(uids.stream()
        .map(u -> new org.xcaibridge.ihe.DocumentRequest(IpfModels.HOME, IpfModels.REPOSITORY, u)).toList());
    RetrieveClient.Result result = client.call(base + "/iti39", IheTransaction.ITI_39, request, true);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.contentType()).startsWith("multipart/related").contains("application/xop+xml");
    SoapMessage<RetrieveDocumentSetResponse> m = result.message();
    assertThat(m.body().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(bytesByDocument(m.body(), result)).containsExactlyEntriesOf(DOCS.digestsOf(uids));
    assertThat(m.headers().addressing().action()).contains(IheTransaction.ITI_39.responseAction());
    assertThat(m.headers().addressing().relatesTo()).contains(result.messageId());
    assertCxfRead(IheTransaction.ITI_39.requestAction(), result.messageId());
  }

  /** SHA-256 of each document's attachment, found through its xop:Include, by document unique id. */
  private static Map<String, String> bytesByDocument(RetrieveDocumentSetResponse response,
      RetrieveClient.Result result) {
    Map<String, String> byCid = result.digests();
    Map<String, String> out = new LinkedHashMap<>();
    for (DocumentResponse d : response.documents()) {
      assertThat(d.content()).isInstanceOf(DocumentContent.XopInclude.class);
      String cid = ((DocumentContent.XopInclude) d.content()).contentId();
      assertThat(byCid).containsKey(cid);
      out.put(d.documentUniqueId(), byCid.get(cid));
    }
    return out;
  }

  private static void assertCxfRead(String action, String messageId) {
    AddressingProperties in = RECEIVED.poll();
    assertThat(in).isNotNull();
    assertThat(in.getAction().getValue()).isEqualTo(action);
    assertThat(in.getMessageID().getValue()).isEqualTo(messageId);
    assertThat(RECEIVED).isEmpty();
  }
}
