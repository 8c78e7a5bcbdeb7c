package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapFault;
import org.xcaibridge.soap.SoapFaultException;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/**
 * A hostile peer for end-to-end tests: posts raw bodies with the JDK's own HTTP client (not ours), builds the
 * bodies (a valid RAD-75 envelope to wrap, MTOM framing by hand), and reads the SOAP fault that comes back.
 */
final class HostilePeer {
  static final String BOUNDARY = "hostile-boundary";
  static final String MTOM_TYPE = "multipart/related; type=\"application/xop+xml\"; boundary=" + BOUNDARY
      + "; start=\"<root@hostile>\"; start-info=\"application/soap+xml\"";
  static final String SOAP_TYPE = "application/soap+xml; charset=UTF-8";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** The answer to one post. */
  record Answer(int status, String contentType, byte[] body) {
    /** The SOAP fault the body holds (fails the test if it holds none). */
    SoapFaultException fault() {
      SoapFaultException e = catchThrowableOfType(SoapFaultException.class,
          () -> SoapReader.read(body, XmlLimits.DEFAULT, in -> in.getLocalName()));
      assertThat(e).as("a SOAP fault in: %s", new String(body, StandardCharsets.UTF_8)).isNotNull();
      return e;
    }

    /** A Sender fault with status 400 (SOAP 1.2 Part 2 §7.5.2.2) whose reason contains {@code reason}. */
    SoapFaultException assertSenderFault(String reason) {
      assertThat(status).isEqualTo(400);
      assertThat(contentType).startsWith("application/soap+xml");
      SoapFaultException e = fault();
      assertThat(e.fault().code()).isEqualTo(SoapFault.SENDER);
      assertThat(e.fault().reasonText()).contains(reason);
      assertThat(e.headers().addressing().action()).contains(SoapWriter.FAULT_ACTION);
      return e;
    }
  }

  Answer post(String url, String contentType, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /** A valid RAD-75 request envelope for one instance, with the given MessageID. */
  static byte[] rad75Envelope(String url, UUID messageId) throws Exception {
    return new SoapWriter(() -> messageId).request(IheTransaction.RAD_75.requestAction(), url,
        SecurityHeader.none(), w -> IheCodec.withDefaults().write(w,
            IpfModels.ourRad75Request(List.of("1.2.3.4.5.6.1")))).envelope();
  }

  /** An MTOM body: the root part, then {@code parts} more, each written by {@code part}. */
  static byte[] mtom(byte[] root, int parts, PartWriter part) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/xop+xml; charset=UTF-8; "
        + "type=\"application/soap+xml\"\r\nContent-ID: <root@hostile>\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(root);
    for (int i = 0; i < parts; i++) {
      out.writeBytes(("\r\n--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
      part.write(i, out);
    }
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** Writes one part's header block and content (after its delimiter line). */
  interface PartWriter {
    void write(int index, ByteArrayOutputStream out);
  }

  /** A small attachment part. */
  static void smallPart(int index, ByteArrayOutputStream out) {
    out.writeBytes(("Content-Type: application/octet-stream\r\nContent-ID: <p" + index + "@hostile>\r\n\r\nx")
        .getBytes(StandardCharsets.US_ASCII));
  }

  /** After a refusal the endpoint still serves a well-behaved client. */
  static void assertRecovers(Vertx vertx, RetrieveEndpoint endpoint) throws Exception {
    try (RetrieveClient client = new RetrieveClient(vertx, MtomLimits.DEFAULT)) {
      RetrieveClient.Result r = client.call(endpoint.url("/rad75"), IheTransaction.RAD_75,
          IpfModels.ourRad75Request(List.of("1.2.3.4.5.6.404")), true);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.message().body().status()).isEqualTo(ResponseStatus.FAILURE);
    }
  }
}
