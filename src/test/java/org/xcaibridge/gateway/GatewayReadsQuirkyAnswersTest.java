package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.impl.Http1xClientConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.soap.DirectChunks;

/**
 * RAD-75 answers written byte by byte the way real stacks get them slightly wrong (protocol.md §9.2): an href
 * that URL-encodes the Content-ID's {@code @}, a Content-ID whose domain differs in case from the href, an extra
 * part no DocumentResponse names, a DocumentResponse home and RegistryError location that are not the
 * community's, a {@code wsse:Security} header marked mustUnderstand, unqualified {@code mustUnderstand} on
 * WS-Addressing headers, transport padding after a delimiter. All are read. What cannot be read past fails with
 * a {@link GatewayException.ProtocolViolation} that says why: attachments before the envelope, a
 * DocumentResponse whose attachment is missing, an HTML error page.
 */
class GatewayReadsQuirkyAnswersTest {
  private static final String BOUNDARY = "uuid:quirky-boundary";
  private static final byte[] ONE = bytes(1, 70_000);
  private static final byte[] TWO = bytes(2, 333);
  private GatewayHarness harness;
  private HttpServer server;
  private volatile String contentType;
  private volatile int status = 200;
  private volatile byte[] body;

  /** When not negative, the answer's connection is closed after this many bytes of its body. */
  private volatile int cutAfter = -1;

  @BeforeEach
  void start() throws Exception {
    harness = new GatewayHarness();
    server = GatewayHarness.get(harness.vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onSuccess(b -> {
          req.response().setStatusCode(status).putHeader("Content-Type", contentType);
          if (cutAfter < 0) {
            req.response().end(Buffer.buffer(body));
          } else {
            req.response().setChunked(true).write(Buffer.buffer(body).slice(0, cutAfter))
                .onComplete(w -> req.connection().close());
          }
        }))
        .listen());
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private CommunityClient client() {
    return harness.client("http://127.0.0.1:" + server.actualPort(), CommunitySettings.DEFAULT);
  }

  private static RetrieveImagingDocumentSetRequest request(String... uids) {
    return new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest("1.2.3", List.of(new SeriesRequest("1.2.3.4",
        List.of(uids).stream().map(u -> new DocumentRequest(GatewayHarness.HOME, "1.2.3.99", u)).toList())))),
        List.of(RetrieveImagingDocumentSetRequest.EXPLICIT_VR_LITTLE_ENDIAN));
  }

  private static String envelope(String documents) {
    return "<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S='http://www.w3.org/2003/05/soap-envelope'"
        + " xmlns:wsa='http://www.w3.org/2005/08/addressing'><S:Header>"
        + "<wsa:Action mustUnderstand='1'>urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse</wsa:Action>"
        + "<wsa:RelatesTo>urn:uuid:whatever</wsa:RelatesTo>"
        + "<wsse:Security S:mustUnderstand='true' xmlns:wsse='http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-"
        + "wssecurity-secext-1.0.xsd'><wsu:Timestamp xmlns:wsu='http://docs.oasis-open.org/wss/2004/01/oasis-200401-"
        + "wss-wssecurity-utility-1.0.xsd'/></wsse:Security></S:Header><S:Body>"
        + "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb='urn:ihe:iti:xds-b:2007'>"
        + "<rs:RegistryResponse xmlns:rs='urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0'"
        + " status='urn:ihe:iti:2007:ResponseStatusType:PartialSuccess'><rs:RegistryErrorList"
        + " highestSeverity='urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error'><rs:RegistryError"
        + " errorCode='XDSMissingDocument' codeContext='1.2.3.404' location='RIG simulator 7'"
        + " severity='urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error'/></rs:RegistryErrorList>"
        + "</rs:RegistryResponse>" + documents + "</xdsb:RetrieveDocumentSetResponse></S:Body></S:Envelope>";
  }

  private static String document(String uid, String href) {
    return "<xdsb:DocumentResponse><xdsb:HomeCommunityId>urn:oid:1.2.3.4.5.6.7</xdsb:HomeCommunityId>"
        + "<xdsb:RepositoryUniqueId>1.2.3.99</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>" + uid
        + "</xdsb:DocumentUniqueId><xdsb:mimeType>application/dicom</xdsb:mimeType><xdsb:Document>"
        + "<xop:Include xmlns:xop='http://www.w3.org/2004/08/xop/include' href='" + href + "'/>"
        + "</xdsb:Document></xdsb:DocumentResponse>";
  }

  /** A multipart/related body: each part as (Content-ID, content); {@code rootIndex} says where the root goes. */
  private void mtom(int rootIndex, String root, Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int count = parts.length / 2 + 1;
    int attachment = 0;
    for (int i = 0; i < count; i++) {
      out.writeBytes(("--" + BOUNDARY + "  \r\n").getBytes(StandardCharsets.US_ASCII)); // transport padding
      if (i == rootIndex) {
        out.writeBytes(("Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
            + "Content-ID: <root.message@cxf.apache.org>\r\n\r\n" + root).getBytes(StandardCharsets.UTF_8));
      } else {
        out.writeBytes(("Content-Type: application/dicom\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <"
            + parts[2 * attachment] + ">\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes((byte[]) parts[2 * attachment + 1]);
        attachment++;
      }
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    body = out.toByteArray();
    contentType = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + BOUNDARY + "\"; "
        + "start=\"<root.message@cxf.apache.org>\"; start-info=\"application/soap+xml\"";
  }

  @Test
  void oddButReadableAnswersAreRead() throws Exception {
    mtom(0, envelope(document("1.2.3.1", "cid:one%40Example.org") + document("1.2.3.2", "cid:two@example.org")),
        "one@Example.org", ONE, "stray@example.org", bytes(3, 500), "two@EXAMPLE.ORG", TWO);
    ImagingRetrieval r = harness.await(() -> client().retrieveImages(request("1.2.3.1", "1.2.3.2", "1.2.3.404")));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.streamFailure()).isNull();
    assertThat(got.instances()).extracting(GatewayHarness.Received::documentUniqueId).containsExactly("1.2.3.1", "1.2.3.2");
    assertThat(got.instances()).extracting(GatewayHarness.Received::sha256)
        .containsExactly(GatewayHarness.sha256(ONE), GatewayHarness.sha256(TWO));
    assertThat(got.outcome().status()).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(got.outcome().errors()).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo("XDSMissingDocument");
      assertThat(e.location()).isEqualTo("RIG simulator 7");
    });
  }

  @Test
  void attachmentsBeforeTheEnvelopeAreAProtocolViolation() throws Exception {
    mtom(1, envelope(document("1.2.3.1", "cid:one@example.org")), "one@example.org", ONE);
    Throwable t = harness.failure(() -> client().retrieveImages(request("1.2.3.1")));
    assertThat(t).isInstanceOf(GatewayException.ProtocolViolation.class)
        .hasMessageContaining("attachment came before the SOAP envelope");
  }

  @Test
  void aMissingAttachmentIsAProtocolViolation() throws Exception {
    mtom(0, envelope(document("1.2.3.1", "cid:one@example.org") + document("1.2.3.2", "cid:gone@example.org")),
        "one@example.org", ONE);
    ImagingRetrieval r = harness.await(() -> client().retrieveImages(request("1.2.3.1", "1.2.3.2")));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.instances()).singleElement()
        .satisfies(i -> assertThat(i.sha256()).isEqualTo(GatewayHarness.sha256(ONE)));
    assertThat(got.streamFailure()).isInstanceOf(GatewayException.ProtocolViolation.class)
        .hasMessageContaining("1.2.3.2").hasMessageContaining("gone@example.org");
  }

  @Test
  void anHtmlErrorPageIsAProtocolViolationNamingTheStatus() throws Exception {
    status = 503;
    contentType = "text/html; charset=UTF-8";
    body = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
    Throwable t = harness.failure(() -> client().retrieveImages(request("1.2.3.1")));
    assertThat(t).isInstanceOf(GatewayException.ProtocolViolation.class).hasMessageContaining("HTTP 503")
        .hasMessageContaining("text/html");
  }

  /**
   * Not a quirk, the plain case at size: the body is handed on in pieces as large as the socket reads bring, not cut
   * into Vert.x's default 8 KiB slices (every piece costs a pass through the MTOM reader, the cache and the viewer's
   * response: a 200 MiB study made ~29,000 of them).
   */
  @Test
  void aLargeAttachmentIsHandedOnInPiecesAsReadNotInEightKibSlices() throws Exception {
    byte[] big = bytes(4, 4 << 20);
    mtom(0, envelope(document("1.2.3.1", "cid:big@example.org")), "big@example.org", big);
    ImagingRetrieval r = harness.await(() -> client().retrieveImages(request("1.2.3.1")));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.instances()).singleElement().satisfies(i -> {
      assertThat(i.sha256()).isEqualTo(GatewayHarness.sha256(big));
      assertThat(i.largestPiece()).isGreaterThan(2 * 8192); // with the default cap: 8,193 at most
    });
  }

  /**
   * Not a quirk either: a RAD-75 answer is read into direct memory that goes on as it is, not copied onto the heap
   * first, and all of it is freed once read: the attachments the consumer took (and released), a stray part nobody
   * asked for, the envelope's part. So is what arrived of an answer cut short.
   */
  @Test
  void aRad75AnswerIsReadIntoDirectMemoryThatIsFreedOnceRead() throws Exception {
    long before = directBytesInUse();
    byte[] large = bytes(5, 3 << 20);
    mtom(0, envelope(document("1.2.3.1", "cid:one@example.org") + document("1.2.3.2", "cid:two@example.org")),
        "one@example.org", large, "stray@example.org", bytes(3, 500_000), "two@example.org", TWO);
    ImagingRetrieval r = harness.await(() -> client().retrieveImages(request("1.2.3.1", "1.2.3.2", "1.2.3.404")));
    GatewayHarness.Collected got = harness.collect(r);
    assertThat(got.instances()).extracting(GatewayHarness.Received::sha256)
        .containsExactly(GatewayHarness.sha256(large), GatewayHarness.sha256(TWO));
    assertThat(got.instances().get(0).directPieces()).as("pieces of the large attachment in direct memory")
        .isGreaterThan(10);
    GatewayHarness.until("every read freed", () -> directBytesInUse() == before);

    cutAfter = body.length / 2; // inside the large attachment
    ImagingRetrieval cut = harness.await(() -> client().retrieveImages(request("1.2.3.1", "1.2.3.2")));
    GatewayHarness.Collected part = harness.collect(cut);
    assertThat(part.streamFailure()).isNotNull();
    assertThat(part.instances()).singleElement().satisfies(i -> assertThat(i.failure()).isNotNull());
    GatewayHarness.until("every read of the cut answer freed", () -> directBytesInUse() == before);
  }

  /**
   * Which allocator a connection reads with is chosen per request: direct memory, which Vert.x hands on uncopied, for
   * a RAD-75 answer; on the same pooled connection, Vert.x's own again for the next (small, parsed whole) answer.
   */
  @Test
  void theSameConnectionReadsTheNextAnswerWithVertxsOwnAllocator() throws Exception {
    body = bytes(6, 200_000);
    contentType = "application/octet-stream";
    HttpClient http = harness.vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true), new PoolOptions()
            .setHttp1MaxSize(1));
    List<ByteBufAllocator> used = new ArrayList<>();
    List<Boolean> direct = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    for (boolean rad75 : new boolean[] {true, false}) {
      harness.await(() -> http.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/")
          .compose(req -> {
            DirectReads.choose(req, rad75);
            Channel ch = ((Http1xClientConnection) req.connection()).channel();
            channels.add(ch);
            used.add(ch.config().getAllocator());
            return req.send();
          })
          .compose(res -> {
            boolean[] sawDirect = {false};
            res.handler(b -> {
              sawDirect[0] |= DirectChunks.direct(b) != null;
              DirectChunks.release(b);
            });
            return res.end().map(v -> direct.add(sawDirect[0]));
          }));
    }
    assertThat(channels.get(1)).as("the pooled connection, used again").isSameAs(channels.get(0));
    assertThat(used.get(0)).isSameAs(DirectReads.ALLOCATOR);
    assertThat(used.get(1)).isNotSameAs(DirectReads.ALLOCATOR);
    assertThat(direct).containsExactly(true, false);
    GatewayHarness.get(http.close());
  }

  private static long directBytesInUse() {
    return DirectReads.ALLOCATOR.bytesInUse();
  }

  private static byte[] bytes(int seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
