package org.xcaibridge.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.gateway.directory.DirectoryBundles.bundle;
import static org.xcaibridge.gateway.directory.DirectoryBundles.organisation;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunityEndpoints;

/**
 * A feed over a file and over a URL: a good read replaces the directory and tells the listeners; a malformed
 * JSON, a non-Bundle, a bundle listing nobody usable, an oversized bundle or an HTTP error keep the previous
 * directory, and say why.
 */
class DirectoryRefreshKeepsTheLastGoodOneTest {
  @TempDir
  Path temp;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static List<String> homes(DirectorySnapshot s) {
    return s.communities().stream().map(CommunityEndpoints::homeCommunityId).toList();
  }

  @Test
  void aFileFeedKeepsTheLastGoodDirectory() throws Exception {
    Path file = temp.resolve("directory.json");
    Files.writeString(file, bundle(organisation("1.2.3.1", "A", "https://a.example", "ITI-38", "ITI-39", "RAD-75"),
        organisation("1.2.3.2", "B", "https://b.example", "ITI-38", "ITI-39", "RAD-75")).encodePrettily());
    DirectoryFeed feed = new DirectoryFeed(vertx, DirectorySource.file(vertx, file), Duration.ofHours(1), 16384,
        Clock.systemUTC());
    List<DirectorySnapshot> seen = new ArrayList<>();
    feed.onChange(seen::add);
    DirectorySnapshot first = get(feed.start());
    assertThat(homes(first)).containsExactly("urn:oid:1.2.3.1", "urn:oid:1.2.3.2");

    Files.writeString(file, "{\"resourceType\": \"Bundle\", \"entry\": [ {\"resource\": ");
    assertThat(get(feed.refreshNow())).isFalse();
    assertThat(feed.current()).isSameAs(first);
    assertThat(feed.lastProblem()).contains("not a JSON object");

    Files.writeString(file, "{\"resourceType\": \"OperationOutcome\"}");
    assertThat(get(feed.refreshNow())).isFalse();
    assertThat(feed.lastProblem()).contains("not Bundle");

    Files.writeString(file, bundle(organisation("1.2.3.3", "C", "https://c.example", "ITI-38")).encode());
    assertThat(get(feed.refreshNow())).isFalse();
    assertThat(feed.lastProblem()).contains("no usable organisation").contains("no active ITI-39");

    Files.writeString(file, " ".repeat(20000));
    assertThat(get(feed.refreshNow())).isFalse();
    assertThat(feed.lastProblem()).contains("more than the limit of 16384");

    Files.delete(file);
    assertThat(get(feed.refreshNow())).isFalse();
    assertThat(feed.lastProblem()).contains("cannot be read");
    assertThat(feed.current()).isSameAs(first);
    assertThat(seen).containsExactly(first);

    Files.writeString(file, bundle(organisation("1.2.3.2", "B", "https://b.example", "ITI-38", "ITI-39", "RAD-75"),
        organisation("1.2.3.4", "D", "https://d.example", "ITI-38", "ITI-39", "RAD-75")).encode());
    assertThat(get(feed.refreshNow())).isTrue();
    assertThat(feed.lastProblem()).isNull();
    assertThat(homes(feed.current())).containsExactly("urn:oid:1.2.3.2", "urn:oid:1.2.3.4");
    assertThat(seen).hasSize(2);
    get(feed.stop());
  }

  @Test
  void aUrlFeedRefreshesOnItsOwnAndKeepsTheDirectoryThroughErrors() throws Exception {
    AtomicReference<String> body = new AtomicReference<>(bundle(organisation("1.2.3.1", "A", "https://a.example",
        "ITI-38", "ITI-39", "RAD-75")).encode());
    AtomicInteger status = new AtomicInteger(200);
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = get(vertx.createHttpServer().requestHandler(req -> {
      requests.incrementAndGet();
      req.response().setStatusCode(status.get()).putHeader("Content-Type", "application/fhir+json").end(body.get());
    }).listen(0, "127.0.0.1"));
    URI url = URI.create("http://127.0.0.1:" + server.actualPort() + "/directory/Organization");
    DirectoryFeed feed = new DirectoryFeed(vertx, DirectorySource.url(vertx, url, Duration.ofSeconds(5)),
        Duration.ofMillis(200), 1 << 20, Clock.systemUTC());
    DirectorySnapshot first = get(feed.start());
    assertThat(homes(first)).containsExactly("urn:oid:1.2.3.1");
    int unchanged = requests.get();
    waitFor(() -> requests.get() >= unchanged + 2);
    assertThat(feed.current()).as("the same directory read again is kept as it was").isSameAs(first);
    assertThat(first.source()).isEqualTo(url.toString());

    status.set(503);
    int before = requests.get();
    waitFor(() -> requests.get() >= before + 2);
    assertThat(feed.current()).isSameAs(first);
    assertThat(feed.lastProblem()).contains("answered 503");

    status.set(200);
    body.set(bundle(organisation("1.2.3.1", "A", "https://a.example", "ITI-38", "ITI-39", "RAD-75"),
        organisation("1.2.3.5", "E", "https://e.example", "ITI-55", "ITI-38", "ITI-39", "RAD-75")).encode());
    waitFor(() -> feed.current() != first);
    assertThat(homes(feed.current())).containsExactly("urn:oid:1.2.3.1", "urn:oid:1.2.3.5");
    get(feed.stop());
    get(server.close());
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
