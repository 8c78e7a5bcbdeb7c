package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.soap.MtomLimitException;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapFaultException;

/**
 * Bodies that break an {@link MtomLimits} setting, posted over HTTP to our Vert.x endpoint: 10,000 parts, a part
 * header past its limit, a root part (MTOM or plain SOAP) past its limit. Each is refused with the typed
 * {@link MtomLimitException} naming the setting, answered with a SOAP 1.2 Sender fault and HTTP 400 that the
 * client gets to read (the endpoint drops the unread rest of the body instead of resetting), and the endpoint
 * serves the next client.
 */
class PostedMtomBreakingLimitsIsRefusedTest {
  /** Root parts up to 64 KiB; parts, part headers and part sizes as in production. */
  private static final MtomLimits LIMITS = new MtomLimits(64 << 10, MtomLimits.DEFAULT.maxParts(),
      MtomLimits.DEFAULT.maxPartHeaderBytes(), MtomLimits.DEFAULT.maxPartBytes());
  private Vertx vertx;
  private RetrieveEndpoint endpoint;
  private final HostilePeer peer = new HostilePeer();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, new Documents().add("1.2.3.4.5.6.1", 10), LIMITS);
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
    Interop.await(vertx.close());
  }

  private MtomLimitException refusedWith() {
    RetrieveEndpoint.Seen seen = endpoint.last().orElseThrow();
    assertThat(seen.failure()).isInstanceOf(MtomLimitException.class);
    return (MtomLimitException) seen.failure();
  }

  @Test
  void tenThousandParts() throws Exception {
    UUID id = UUID.randomUUID();
    byte[] body = HostilePeer.mtom(HostilePeer.rad75Envelope(endpoint.url("/rad75"), id), 9_999,
        HostilePeer::smallPart);

    HostilePeer.Answer answer = peer.post(endpoint.url("/rad75"), HostilePeer.MTOM_TYPE, body);

    SoapFaultException fault = answer.assertSenderFault("maxParts (4096)");
    assertThat(fault.headers().addressing().relatesTo()).contains("urn:uuid:" + id); // the root was read
    MtomLimitException e = refusedWith();
    assertThat(e.limit()).isEqualTo("maxParts");
    assertThat(e.actual()).isEqualTo(4097);
    HostilePeer.assertRecovers(vertx, endpoint);
  }

  @Test
  void keptConnectionServesTheNextRequestAfterARefusal() throws Exception {
    byte[] hostile = HostilePeer.mtom(HostilePeer.rad75Envelope(endpoint.url("/rad75"), UUID.randomUUID()), 9_999,
        HostilePeer::smallPart);
    byte[] valid = HostilePeer.rad75Envelope(endpoint.url("/rad75"), UUID.randomUUID());

    // one JDK client, one kept-alive connection: the rest of each refused body is drained, not left paused
    for (int i = 0; i < 3; i++) {
      peer.post(endpoint.url("/rad75"), HostilePeer.MTOM_TYPE, hostile).assertSenderFault("maxParts");
    }
    assertThat(peer.post(endpoint.url("/rad75"), HostilePeer.SOAP_TYPE, valid).status()).isEqualTo(200);
  }

  @Test
  void overLongPartHeader() throws Exception {
    String padding = "X-Padding: " + "a".repeat(LIMITS.maxPartHeaderBytes()) + "\r\n";
    byte[] body = HostilePeer.mtom(HostilePeer.rad75Envelope(endpoint.url("/rad75"), UUID.randomUUID()), 1,
        (i, out) -> out.writeBytes((padding + "Content-ID: <p@hostile>\r\n\r\nx").getBytes(StandardCharsets.US_ASCII)));

    peer.post(endpoint.url("/rad75"), HostilePeer.MTOM_TYPE, body).assertSenderFault("maxPartHeaderBytes (8192)");

    assertThat(refusedWith().limit()).isEqualTo("maxPartHeaderBytes");
    HostilePeer.assertRecovers(vertx, endpoint);
  }

  @Test
  void overSizeMtomRootPart() throws Exception {
    byte[] body = HostilePeer.mtom(oversizeEnvelope(), 1, HostilePeer::smallPart);

    peer.post(endpoint.url("/rad75"), HostilePeer.MTOM_TYPE, body).assertSenderFault("maxRootPartBytes (65536)");

    MtomLimitException e = refusedWith();
    assertThat(e.limit()).isEqualTo("maxRootPartBytes");
    assertThat(e.actual()).isGreaterThan(64 << 10).isLessThan(body.length);
    HostilePeer.assertRecovers(vertx, endpoint);
  }

  @Test
  void overSizePlainSoapBody() throws Exception {
    peer.post(endpoint.url("/rad75"), HostilePeer.SOAP_TYPE, oversizeEnvelope())
        .assertSenderFault("maxRootPartBytes (65536)");

    assertThat(refusedWith().limit()).isEqualTo("maxRootPartBytes");
    HostilePeer.assertRecovers(vertx, endpoint);
  }

  /** A valid RAD-75 envelope followed by 256 KiB of white space (allowed after the document element). */
  private byte[] oversizeEnvelope() throws Exception {
    byte[] envelope = HostilePeer.rad75Envelope(endpoint.url("/rad75"), UUID.randomUUID());
    byte[] out = Arrays.copyOf(envelope, envelope.length + (256 << 10));
    Arrays.fill(out, envelope.length, out.length, (byte) ' ');
    return out;
  }
}
