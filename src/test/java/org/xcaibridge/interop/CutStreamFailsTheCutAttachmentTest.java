package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.MultipartTruncatedException;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapWriter;

/**
 * A connection that drops in the middle of an attachment, end to end over HTTP. Response side: a server sends
 * a RAD-75 MTOM answer with three attachments and closes the connection halfway through the second; our client
 * gets the envelope and the first attachment whole (source SHA-256), the second fails with
 * {@link MultipartTruncatedException} naming its Content-ID and the bytes it got, the third never starts, and
 * the body's end fails with the same error. The same holds when our own endpoint's attachment source fails
 * halfway: {@code SoapHttpEndpoint} resets the response rather than end it short. Request side: a client that
 * drops halfway through a request attachment fails that attachment's stream at our endpoint the same way.
 */
class CutStreamFailsTheCutAttachmentTest {
  private static final int SIZE = 100_000;
  private static final int CUT = 50_000;
  private Vertx vertx;
  private HttpServer cutter;
  private RetrieveEndpoint endpoint;
  private final Documents docs = new Documents().add("1.2.3.4.5.6.1", SIZE).add("1.2.3.4.5.6.2", SIZE)
      .add("1.2.3.4.5.6.3", SIZE);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, docs, MtomLimits.DEFAULT);
  }

  @AfterEach
  void stop() throws Exception {
    if (cutter != null) {
      Interop.await(cutter.close());
    }
    endpoint.close();
    Interop.await(vertx.close());
  }

  /** A whole RAD-75 MTOM answer for the three documents; cids {@code doc<i>@cut}. */
  private byte[] answer() throws Exception {
    List<String> uids = List.of("1.2.3.4.5.6.1", "1.2.3.4.5.6.2", "1.2.3.4.5.6.3");
    List<DocumentResponse> found = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      found.add(DocumentResponse.answering(new DocumentRequest(IpfModels.HOME, IpfModels.REPOSITORY, uids.get(i)),
          "application/dicom", DocumentContent.XopInclude.ofContentId("doc" + i + "@cut")));
    }
    RetrieveDocumentSetResponse response = RetrieveDocumentSetResponse.of(found, List.of());
    byte[] envelope = new SoapWriter(UUID::randomUUID).response(IheTransaction.RAD_75.responseAction(), null,
        SecurityHeader.none(), w -> IheCodec.withDefaults().write(w, response));
    return HostilePeer.mtom(envelope, 3, (i, out) -> {
      out.writeBytes(("Content-Type: application/dicom\r\nContent-ID: <doc" + i + "@cut>\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(docs.get(uids.get(i)));
    });
  }

  /** Where the content of attachment {@code i} starts in {@code body}. */
  private static int contentStart(byte[] body, int i) {
    byte[] header = ("Content-ID: <doc" + i + "@cut>\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    return indexOf(body, header, 0) + header.length;
  }

  @Test
  void responseCutInTheSecondAttachment() throws Exception {
    byte[] whole = answer();
    Buffer prefix = Buffer.buffer(Arrays.copyOf(whole, contentStart(whole, 1) + CUT));
    cutter = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(request -> request.end().onSuccess(v -> {
          request.response().setChunked(true).putHeader("Content-Type", HostilePeer.MTOM_TYPE);
          request.response().write(prefix).onComplete(w -> request.connection().close());
        }));
    Interop.await(cutter.listen());

    try (RetrieveClient client = new RetrieveClient(vertx, MtomLimits.DEFAULT)) {
      RetrieveClient.Result r = client.call("http://127.0.0.1:" + cutter.actualPort() + "/rad75",
          IheTransaction.RAD_75, IpfModels.ourRad75Request(List.of("1.2.3.4.5.6.1")), false);

      assertThat(r.message().body().documents()).hasSize(3); // the envelope came whole
      assertThat(r.attachments()).hasSize(2);
      RetrieveClient.Received first = r.attachments().get(0);
      assertThat(first.failure()).isNull();
      assertThat(first.sha256()).isEqualTo(docs.digests().get("1.2.3.4.5.6.1"));
      RetrieveClient.Received cut = r.attachments().get(1);
      assertThat(cut.contentId()).isEqualTo("doc1@cut");
      assertThat(cut.failure()).isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
        assertThat(e.contentId()).isEqualTo("doc1@cut");
        assertThat(e.partIndex()).isEqualTo(2);
        assertThat(e.partBytes()).isEqualTo(cut.size());
      });
      assertThat(cut.size()).isBetween((long) CUT - 100, (long) CUT); // all but a delimiter-length tail
      assertThat(cut.bytesAfterFailure()).isZero();
      assertThat(r.bodyFailure()).isSameAs(cut.failure());
    }
  }

  @Test
  void endpointWhoseSourceFailsResetsTheResponse() throws Exception {
    byte[] root = rootOf(answer());
    SoapHttpEndpoint soap = new SoapHttpEndpoint(MtomLimits.DEFAULT, 0, new SoapWriter(UUID::randomUUID),
        new java.util.Random(7));
    cutter = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(request -> request.end().onSuccess(v -> {
          var context = Vertx.currentContext();
          soap.respond(request, 200, SoapOutbound.mtom(IheTransaction.RAD_75.responseAction(), Buffer.buffer(root),
              List.of(new MtomAttachment("doc0@cut", "application/dicom",
                      new ByteSource(context, docs.get("1.2.3.4.5.6.1"), 8192)),
                  new MtomAttachment("doc1@cut", "application/dicom",
                      new ByteSource(context, docs.get("1.2.3.4.5.6.2"), 8192, CUT)),
                  new MtomAttachment("doc2@cut", "application/dicom",
                      new ByteSource(context, docs.get("1.2.3.4.5.6.3"), 8192)))));
        }));
    Interop.await(cutter.listen());

    try (RetrieveClient client = new RetrieveClient(vertx, MtomLimits.DEFAULT)) {
      RetrieveClient.Result r = client.call("http://127.0.0.1:" + cutter.actualPort() + "/rad75",
          IheTransaction.RAD_75, IpfModels.ourRad75Request(List.of("1.2.3.4.5.6.1")), false);

      assertThat(r.attachments()).hasSize(2);
      assertThat(r.attachments().get(0).sha256()).isEqualTo(docs.digests().get("1.2.3.4.5.6.1"));
      RetrieveClient.Received cut = r.attachments().get(1);
      assertThat(cut.failure()).isInstanceOf(MultipartTruncatedException.class);
      assertThat(cut.size()).isLessThanOrEqualTo(CUT);
      assertThat(r.bodyFailure()).isSameAs(cut.failure());
    }
  }

  /** The root part's content (the envelope) of a body made by {@link HostilePeer#mtom}. */
  private static byte[] rootOf(byte[] body) {
    byte[] start = "Content-ID: <root@hostile>\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\r\n--" + HostilePeer.BOUNDARY).getBytes(StandardCharsets.US_ASCII);
    int from = indexOf(body, start, 0) + start.length;
    return Arrays.copyOfRange(body, from, indexOf(body, end, from));
  }

  private static int indexOf(byte[] body, byte[] what, int from) {
    for (int at = from; at + what.length <= body.length; at++) {
      if (Arrays.equals(body, at, at + what.length, what, 0, what.length)) {
        return at;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void requestCutInItsAttachment() throws Exception {
    byte[] envelope = HostilePeer.rad75Envelope(endpoint.url("/rad75"), UUID.randomUUID());
    byte[] whole = HostilePeer.mtom(envelope, 1, (i, out) -> {
      out.writeBytes("Content-Type: application/octet-stream\r\nContent-ID: <doc0@cut>\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(docs.get("1.2.3.4.5.6.1"));
    });
    byte[] prefix = Arrays.copyOf(whole, contentStart(whole, 0) + CUT);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("POST /rad75 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + HostilePeer.MTOM_TYPE
        + "\r\nContent-Length: " + whole.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(prefix);
    int port = Integer.parseInt(endpoint.url("").replaceFirst(".*:", ""));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
    } // the connection drops here; TCP delivers the bytes sent before the close
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (endpoint.requestAttachments.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5); // wait for the condition, with a bound
    }
    assertThat(endpoint.requestAttachments).singleElement().satisfies(a -> {
      assertThat(a.contentId()).isEqualTo("doc0@cut");
      assertThat(a.failure()).isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
        assertThat(e.contentId()).isEqualTo("doc0@cut");
        assertThat(e.partBytes()).isEqualTo(a.bytes());
      });
      assertThat(a.bytes()).isBetween((long) CUT - 100, (long) CUT);
    });
    HostilePeer.assertRecovers(vertx, endpoint);
  }
}
