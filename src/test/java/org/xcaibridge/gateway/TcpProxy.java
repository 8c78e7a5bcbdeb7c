package org.xcaibridge.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A TCP relay on 127.0.0.1 in front of a real peer, to see what our client does to connections: it counts them,
 * notes each one the client closed, and can misbehave per connection — reset it as soon as the request starts to
 * arrive (before any answer), or pass on only the first bytes of the answer and then reset. Resets are real TCP
 * RSTs (SO_LINGER 0).
 */
public final class TcpProxy implements AutoCloseable {
  /** What to do with the n-th connection (1-based). */
  public record Plan(boolean resetOnRequest, long resetAfterAnswerBytes) {
    public static final Plan FORWARD = new Plan(false, -1);
    public static final Plan RESET_ON_REQUEST = new Plan(true, -1);

    public static Plan resetAfterAnswerBytes(long bytes) {
      return new Plan(false, bytes);
    }
  }

  private final Vertx vertx;
  private final NetServer server;
  private final NetClient client;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final int port;

  private TcpProxy(Vertx vertx, int upstreamPort, IntFunction<Plan> plans) throws Exception {
    this.vertx = vertx;
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0));
    server.connectHandler(socket -> accept(socket, upstreamPort, plans.apply(connections.incrementAndGet())));
    this.port = GatewayHarness.get(server.listen()).actualPort();
  }

  public static TcpProxy start(Vertx vertx, int upstreamPort, IntFunction<Plan> plans) throws Exception {
    return new TcpProxy(vertx, upstreamPort, plans);
  }

  public int port() {
    return port;
  }

  public String base(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public int connections() {
    return connections.get();
  }

  /** Connections the client (our side) closed or reset while the proxy still had them open. */
  public int closedByClient() {
    return closedByClient.get();
  }

  private void accept(NetSocket downstream, int upstreamPort, Plan plan) {
    boolean[] closingOurselves = {false};
    downstream.closeHandler(v -> {
      if (!closingOurselves[0]) {
        closedByClient.incrementAndGet();
      }
    });
    if (plan.resetOnRequest()) {
      downstream.handler(b -> {
        closingOurselves[0] = true;
        downstream.close(); // SO_LINGER 0: an RST
      });
      return;
    }
    downstream.pause();
    client.connect(upstreamPort, "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        closingOurselves[0] = true;
        downstream.close();
        return;
      }
      NetSocket upstream = ar.result();
      downstream.handler(upstream::write);
      downstream.closeHandler(v -> {
        if (!closingOurselves[0]) {
          closedByClient.incrementAndGet();
        }
        upstream.close();
      });
      long[] passed = {0};
      upstream.handler(b -> {
        long limit = plan.resetAfterAnswerBytes();
        if (limit < 0) {
          downstream.write(b);
          return;
        }
        long room = limit - passed[0];
        if (room > 0) {
          Buffer part = b.length() <= room ? b : b.slice(0, (int) room);
          passed[0] += part.length();
          downstream.write(part);
        }
        if (passed[0] >= limit && !closingOurselves[0]) {
          closingOurselves[0] = true;
          vertx.setTimer(50, id -> downstream.close()); // let the bytes out first
          upstream.close();
        }
      });
      upstream.closeHandler(v -> {
        if (!closingOurselves[0]) {
          closingOurselves[0] = true;
          downstream.close();
        }
      });
      downstream.resume();
    });
  }

  @Override
  public void close() throws Exception {
    GatewayHarness.get(server.close());
    GatewayHarness.get(client.close());
  }
}
