package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.XmlDoctypeException;

/**
 * A billion-laughs envelope (10^9 expansions of "lol", about 3 GB expanded) posted to our Vert.x endpoint, as
 * plain SOAP and as the root part of an MTOM body, is refused at its DOCTYPE with {@link XmlDoctypeException}
 * before any entity is expanded, answered with a SOAP 1.2 Sender fault and HTTP 400; the whole JVM allocates
 * a few MB for the exchange at most. How fast the refusal is is measured in {@code bench/hostile-input.sh}.
 */
class PostedBillionLaughsIsRefusedTest {
  private static final long ALLOCATION_BOUND = 32L << 20;
  private Vertx vertx;
  private RetrieveEndpoint endpoint;
  private final HostilePeer peer = new HostilePeer();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, new Documents(), MtomLimits.DEFAULT);
    HostilePeer.assertRecovers(vertx, endpoint); // warm-up: class loading is not what is measured
    peer.post(endpoint.url("/rad75"), HostilePeer.SOAP_TYPE, "<x/>".getBytes(StandardCharsets.US_ASCII));
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
    Interop.await(vertx.close());
  }

  /** The envelope: ten levels of entities, the last one referenced in the body. */
  static byte[] billionLaughs() {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      s.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    s.append("]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x>&lol9;</x></s:Body>"
        + "</s:Envelope>");
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void plainSoapBillionLaughs() throws Exception {
    long allocated = allocatedDuring(() -> peer.post(endpoint.url("/rad75"), HostilePeer.SOAP_TYPE, billionLaughs())
        .assertSenderFault("document type declarations"));

    assertThat(endpoint.last().orElseThrow().failure()).isInstanceOf(XmlDoctypeException.class);
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    HostilePeer.assertRecovers(vertx, endpoint);
  }

  @Test
  void billionLaughsAsMtomRootPart() throws Exception {
    byte[] body = HostilePeer.mtom(billionLaughs(), 2, HostilePeer::smallPart);

    long allocated = allocatedDuring(() -> peer.post(endpoint.url("/rad75"), HostilePeer.MTOM_TYPE, body)
        .assertSenderFault("document type declarations"));

    assertThat(endpoint.last().orElseThrow().failure()).isInstanceOf(XmlDoctypeException.class);
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
    HostilePeer.assertRecovers(vertx, endpoint);
  }

  interface Exchange {
    void run() throws Exception;
  }

  /** Bytes allocated by all live threads of this JVM (server, client and test) while {@code exchange} runs. */
  private static long allocatedDuring(Exchange exchange) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    exchange.run();
    long after = Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    return after - before;
  }
}
