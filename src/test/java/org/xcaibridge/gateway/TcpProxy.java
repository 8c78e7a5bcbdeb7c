package org.xcaibridge.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A TCP relay on 127.0.0.1 in front of a real peer, to see what our client does to connections: it counts
 * connections and HTTP requests, notes each connection the client closed, and can misbehave per request —
 * reset the connection as soon as the request starts to arrive (before any answer; on a pooled keep-alive
 * connection this is the classic stale-connection case), or pass on only the first bytes of the answer and then
 * reset. Resets are real TCP RSTs (SO_LINGER 0).
 */
public final class TcpProxy implements AutoCloseable {
  /** What to do with the n-th request (1-based, over all connections). */
  public record Plan(boolean resetOnRequest, long resetAfterAnswerBytes) {
    public static final Plan FORWARD = new Plan(false, -1);
    public static final Plan RESET_ON_REQUEST = new Plan(true, -1);

    public static Plan resetAfterAnswerBytes(long bytes) {
      return new Plan(false, bytes);
    }
  }

  private static final byte[] POST = "POST ".getBytes(StandardCharsets.US_ASCII);

  private final Vertx vertx;
  private final NetServer server;
  private final NetClient client;
  private final IntFunction<Plan> plans;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final int upstreamPort;
  private final int port;

  private TcpProxy(Vertx vertx, int upstreamPort, IntFunction<Plan> plans) throws Exception {
    this.vertx = vertx;
    this.upstreamPort = upstreamPort;
    this.plans = plans;
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0));
    server.connectHandler(this::accept);
    this.port = GatewayHarness.get(server.listen()).actualPort();
  }

  public static TcpProxy start(Vertx vertx, int upstreamPort, IntFunction<Plan> plans) throws Exception {
    return new TcpProxy(vertx, upstreamPort, plans);
  }

  public String base(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public int connections() {
    return connections.get();
  }

  public int requests() {
    return requests.get();
  }

  /** Connections the client (our side) closed or reset while the relay still had them open. */
  public int closedByClient() {
    return closedByClient.get();
  }

  /** One relayed connection. */
  private final class Relay {
    final NetSocket downstream;
    NetSocket upstream;
    Plan plan = Plan.FORWARD;
    long passed;
    boolean closing;

    Relay(NetSocket downstream) {
      this.downstream = downstream;
    }

    void fromClient(Buffer b) {
      if (startsWith(b, POST)) {
        plan = plans.apply(requests.incrementAndGet());
        passed = 0;
        if (plan.resetOnRequest()) {
          close();
          return;
        }
      }
      upstream.write(b);
    }

    void fromPeer(Buffer b) {
      long limit = plan.resetAfterAnswerBytes();
      if (limit < 0) {
        downstream.write(b);
        return;
      }
      long room = limit - passed;
      if (room > 0) {
        Buffer part = b.length() <= room ? b : b.slice(0, (int) room);
        passed += part.length();
        downstream.write(part);
      }
      if (passed >= limit && !closing) {
        closing = true;
        upstream.close();
        vertx.setTimer(50, id -> downstream.close()); // let the bytes out first
      }
    }

    void close() {
      closing = true;
      downstream.close();
      if (upstream != null) {
        upstream.close();
      }
    }
  }

  private void accept(NetSocket downstream) {
    connections.incrementAndGet();
    Relay relay = new Relay(downstream);
    downstream.pause();
    downstream.closeHandler(v -> {
      if (!relay.closing) {
        closedByClient.incrementAndGet();
        relay.close();
      }
    });
    client.connect(upstreamPort, "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        relay.close();
        return;
      }
      relay.upstream = ar.result();
      relay.upstream.handler(relay::fromPeer);
      relay.upstream.closeHandler(v -> {
        if (!relay.closing) {
          relay.close();
        }
      });
      downstream.handler(relay::fromClient);
      downstream.resume();
    });
  }

  private static boolean startsWith(Buffer b, byte[] prefix) {
    if (b.length() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b.getByte(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws Exception {
    GatewayHarness.get(server.close());
    GatewayHarness.get(client.close());
  }
}
