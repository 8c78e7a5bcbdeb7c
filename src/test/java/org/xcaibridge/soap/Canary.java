package org.xcaibridge.soap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server on a free port that counts every request it gets: hostile XML points its external
 * entities, DTDs and schema locations at it, and a count of 0 shows no parser fetched them.
 */
public final class Canary implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();

  private Canary(HttpServer server) {
    this.server = server;
  }

  public static Canary start() throws IOException {
    Canary c = new Canary(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    c.server.createContext("/", exchange -> {
      c.hits.incrementAndGet();
      byte[] answer = "canary".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    c.server.start();
    return c;
  }

  /** An http URL of this server ending in {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  /** Requests received so far. */
  public int hits() {
    return hits.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
