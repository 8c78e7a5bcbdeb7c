package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.testing.OnContext;

/** The server binds to loopback on the port asked for and answers /health; unknown paths are 404. */
class HealthEndpointAnswersTest {
  private Vertx vertx;
  private HttpServer server;
  private HttpClientAgent client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = BridgeServer.start(vertx, new FrontConfig("127.0.0.1", 0, "/dicomweb", List.of()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpClientResponse get(String path, StringBuilder body) throws Exception {
    return OnContext.await(vertx, () -> client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
        .compose(r -> r.send())
        .compose(r -> r.body().map(b -> {
          body.append(b.toString());
          return r;
        })), Duration.ofSeconds(10));
  }

  @Test
  void healthIsUp() throws Exception {
    StringBuilder body = new StringBuilder();
    HttpClientResponse r = get("/health", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(new JsonObject(Buffer.buffer(body.toString())).getString("status")).isEqualTo("UP");
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertThat(get("/dicomweb/studies", new StringBuilder()).statusCode()).isEqualTo(404);
  }
}
