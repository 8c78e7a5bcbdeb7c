package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapMessage;

/**
 * Apache CXF 4.1.3 JAX-WS servers with MTOM <em>off</em> ({@link CxfRetrieveServers}: IPF's RAD-75 and ITI-39
 * port types, SOAP 1.2, WS-Addressing) answer with the documents inline, base64 text in a plain {@code application/soap+xml} body.
 * Our Vert.x client, told that {@code Document} is binary ({@link IheCodec#BINARY_ELEMENTS}), gets every
 * document of several MB as a stream with the source's SHA-256 while holding at most 256 KiB of envelope (each
 * document alone is larger than that), and reads the envelope with our codec as it reads an MTOM one.
 */
class VertxClientReadsInlineBase64FromCxfTest {
  private static final Documents DOCS = new Documents()
      .add("1.2.3.4.5.8.1", 3_000_001).add("1.2.3.4.5.8.2", 5_242_880).add("1.2.3.4.5.8.3", 2)
      .add("1.3.6.1.4.1.21367.2017.5.1", 4_000_000).add("1.3.6.1.4.1.21367.2017.5.2", 2_500_002);
  private static final MtomLimits LIMITS = new MtomLimits(256 << 10, 16, 8 << 10, 64 << 20);
  private static Vertx vertx;
  private static RetrieveClient client;
  private static String base;
  private static CxfRetrieveServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = new CxfRetrieveServers(DOCS, false, new ConcurrentLinkedQueue<>());
    base = servers.base;
    vertx = Vertx.vertx();
    client = new RetrieveClient(vertx, LIMITS, IheCodec.BINARY_ELEMENTS);
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
    client.close();
    Interop.await(vertx.close());
  }

  @Test
  void rad75InlineDocumentsStreamIdentical() throws Exception {
    List<String> uids = List.of("1.2.3.4.5.8.1", "1.2.3.4.5.8.2", "1.2.3.4.5.8.3");
    RetrieveClient.Result result = client.call(base + "/rad75", IheTransaction.RAD_75,
        IpfModels.ourRad75Request(uids), false);
    assertInlineStreamed(result, uids, IheTransaction.RAD_75);
  }

  @Test
  void iti39InlineDocumentsStreamIdentical() throws Exception {
    List<String> uids = List.of("1.3.6.1.4.1.21367.2017.5.1", "1.3.6.1.4.1.21367.2017.5.2");
    RetrieveDocumentSetRequest request = new RetrieveDocumentSetRequest(uids.stream()
        .map(u -> new org.xcaibridge.ihe.DocumentRequest(IpfModels.HOME, IpfModels.REPOSITORY, u)).toList());
    RetrieveClient.Result result = client.call(base + "/iti39", IheTransaction.ITI_39, request, false);
    assertInlineStreamed(result, uids, IheTransaction.ITI_39);
  }

  private static void assertInlineStreamed(RetrieveClient.Result result, List<String> uids,
      IheTransaction transaction) throws Exception {
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.bodyFailure()).isNull();
    assertThat(result.contentType()).startsWith("application/soap+xml");
    assertThat((long) result.envelope().length).isLessThan(LIMITS.maxRootPartBytes() / 16);
    assertThat(result.attachments()).hasSize(uids.size()).allSatisfy(a -> assertThat(a.failure()).isNull());
    SoapMessage<RetrieveDocumentSetResponse> m = result.message();
    assertThat(m.body().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(m.headers().addressing().action()).contains(transaction.responseAction());
    assertThat(m.headers().addressing().relatesTo()).contains(result.messageId());
    Map<String, String> byCid = result.digests();
    Map<String, String> byDocument = new LinkedHashMap<>();
    for (DocumentResponse d : m.body().documents()) {
      assertThat(d.content()).isInstanceOf(DocumentContent.XopInclude.class);
      byDocument.put(d.documentUniqueId(), byCid.get(((DocumentContent.XopInclude) d.content()).contentId()));
    }
    assertThat(byDocument).containsExactlyEntriesOf(DOCS.digestsOf(uids));
  }
}
