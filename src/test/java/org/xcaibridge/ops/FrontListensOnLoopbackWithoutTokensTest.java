package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without token validation the front goes to loopback whatever host was configured, and the start-up log says so
 * and why; other machines cannot connect (checked on this machine's first non-loopback IPv4 address, when it has
 * one). With token validation the configured host is kept (decided without binding a wildcard here: tests bind
 * loopback only).
 */
class FrontListensOnLoopbackWithoutTokensTest {
  private Vertx vertx;
  private OpsLog log;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    log = OpsLog.watch();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    log.close();
  }

  @Test
  void aWildcardHostWithoutTokensListensOnLoopbackAndSaysSo() throws Exception {
    FrontConfig configured = new FrontConfig("0.0.0.0", 0, "/dicomweb", List.of());
    HttpServer server = BridgeServer.start(vertx, configured, OpsRuntime.start(vertx, LifecycleConfig.DEFAULT,
        LoggingConfig.DEFAULT).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), null, null)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(log.events()).anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().equals(
        "front door on 127.0.0.1 instead of the configured 0.0.0.0: without token validation it listens on "
            + "loopback only; configure token validation to open it to other machines"));
    HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    InetAddress other = nonLoopback();
    if (other != null) {
      try (Socket s = new Socket()) {
        boolean connected;
        try {
          s.connect(new InetSocketAddress(other, server.actualPort()), 2000);
          connected = true;
        } catch (java.io.IOException e) {
          connected = false;
        }
        assertThat(connected).as("connecting on %s", other).isFalse();
      }
    }
    assertThat(BridgeServer.bound(configured, false).host()).isEqualTo("127.0.0.1");
    assertThat(BridgeServer.publicBaseUrl(BridgeServer.bound(configured, false), 8080))
        .isEqualTo("http://127.0.0.1:8080/dicomweb");
  }

  @Test
  void aLoopbackHostIsKeptAndTokensKeepTheConfiguredHost() {
    FrontConfig loopback = new FrontConfig("::1", 0, "/dicomweb", List.of());
    assertThat(BridgeServer.bound(loopback, false)).isSameAs(loopback);
    FrontConfig lan = new FrontConfig("192.168.1.20", 8080, "/dicomweb", List.of("*"));
    assertThat(BridgeServer.bound(lan, true)).isSameAs(lan);
    assertThat(BridgeServer.bound(lan, false)).isEqualTo(new FrontConfig("127.0.0.1", 8080, "/dicomweb",
        List.of("*")));
  }

  private static InetAddress nonLoopback() throws Exception {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && !ni.isLoopback()) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address) {
            return a;
          }
        }
      }
    }
    return null;
  }
}
