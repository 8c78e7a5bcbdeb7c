package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.testing.OnContext;

/**
 * A front with the request log: each request gets one line with a correlation id (the caller's X-Request-Id when
 * sane, else a new one, echoed back); a gateway call made while serving it sends a SOAP MessageID that the log
 * ties to that id — the same MessageID the peer received; query strings (patient ids) stay out of the log unless
 * enabled; and {@code logging.format: json} makes every line a JSON object.
 */
class RequestLinesCarryACorrelationIdTest {
  private static final Pattern MESSAGE_ID = Pattern.compile("<[A-Za-z0-9]*:?MessageID[^>]*>\\s*(urn:uuid:[0-9a-f-]+)");
  private Vertx vertx;
  private HttpClientAgent http;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Logger requests;
  private final List<String> peerBodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
    requests = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
    requests.setLevel(Level.INFO);
    lines.start();
    requests.addAppender(lines);
  }

  @AfterEach
  void stop() throws Exception {
    requests.detachAppender(lines);
    requests.setLevel(null);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private int front(boolean patientData) throws Exception {
    HttpServer peer = get(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      peerBodies.add(b.toString());
      req.response().setStatusCode(503).end();
    })).listen(0, "127.0.0.1"));
    URI base = URI.create("http://127.0.0.1:" + peer.actualPort());
    InitiatorSetup demo = InitiatorSetup.demo();
    CommunityClient client = CommunityClient.create(vertx, CommunityEndpoints.of("urn:oid:1.2.50.1", "peer", null,
            base.resolve("/iti38"), base.resolve("/iti39"), base.resolve("/rad75")), CommunitySettings.DEFAULT,
        new InitiatorSetup(Optional.empty(), demo.security(), RequestLog.messageIds(), demo.random()));
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog("dicomweb", patientData));
    router.get("/dicomweb/studies").handler(ctx -> client.query(new AdhocQueryRequest(new StoredQuery.FindDocuments(
            new Cx("P-77", "1.2.50.1.1"), DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS,
            "urn:oid:1.2.50.1"))
        .onComplete(ar -> ctx.response().setStatusCode(ar.succeeded() ? 200 : 502).end()));
    return get(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
  }

  private io.vertx.core.http.HttpClientResponse call(int port, String path, String requestId) throws Exception {
    return OnContext.await(vertx, () -> http.request(HttpMethod.GET, port, "127.0.0.1", path).compose(r -> {
      if (requestId != null) {
        r.putHeader(RequestLog.HEADER, requestId);
      }
      return r.send();
    }).compose(r -> r.body().map(b -> r)), Duration.ofSeconds(30));
  }

  @Test
  void theRequestLineAndTheSoapMessageIdShareTheCorrelationId() throws Exception {
    int port = front(false);
    var answer = call(port, "/dicomweb/studies?PatientID=SECRET-4711&PatientName=Doe", "nginx-req-0123456789");
    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.getHeader(RequestLog.HEADER)).isEqualTo("nginx-req-0123456789");
    waitFor(() -> lines.list.size() >= 2);

    ILoggingEvent soap = lines.list.stream().filter(e -> kv(e).containsKey("messageId")).findFirst().orElseThrow();
    assertThat(kv(soap)).containsEntry("correlationId", "nginx-req-0123456789");
    Matcher sent = MESSAGE_ID.matcher(peerBodies.get(0));
    assertThat(sent.find()).as(peerBodies.get(0)).isTrue();
    assertThat(kv(soap)).containsEntry("messageId", sent.group(1));

    ILoggingEvent request = lines.list.stream().filter(e -> kv(e).containsKey("status")).findFirst().orElseThrow();
    assertThat(kv(request)).containsEntry("correlationId", "nginx-req-0123456789").containsEntry("status", "502")
        .containsEntry("path", "/dicomweb/studies");
    assertThat(lines.list).noneMatch(e -> e.getFormattedMessage().contains("SECRET-4711")
        || kv(e).toString().contains("SECRET-4711"));

    var fresh = call(port, "/dicomweb/studies", "bad id with spaces");
    assertThat(fresh.getHeader(RequestLog.HEADER)).isNotEqualTo("bad id with spaces")
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void patientDataIsLoggedOnlyWhenEnabled() throws Exception {
    int port = front(true);
    call(port, "/dicomweb/studies?PatientID=SECRET-4711", null);
    waitFor(() -> lines.list.stream().anyMatch(e -> kv(e).containsKey("status")));
    assertThat(lines.list).anyMatch(e -> e.getFormattedMessage().contains("PatientID=SECRET-4711"));
  }

  @Test
  void jsonFormatWritesOneObjectPerLine() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      LogFormat.json();
      int port = front(false);
      call(port, "/dicomweb/studies", "json-check-000001");
      waitFor(() -> captured.toString(StandardCharsets.UTF_8).contains("json-check-000001"));
    } finally {
      System.setOut(out);
      context.reset();
      new ContextInitializer(context).autoConfig();
    }
    List<JsonObject> objects = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
        .map(l -> new JsonObject(Buffer.buffer(l))).toList();
    assertThat(objects).isNotEmpty().anySatisfy(o -> {
      assertThat(o.getString("loggerName")).isEqualTo(RequestLog.LOGGER);
      assertThat(o.getString("level")).isEqualTo("INFO");
      assertThat(o.encode()).contains("\"correlationId\"").contains("json-check-000001");
    });
  }

  private static Map<String, String> kv(ILoggingEvent e) {
    Map<String, String> out = new java.util.HashMap<>();
    if (e.getKeyValuePairs() != null) {
      e.getKeyValuePairs().forEach(p -> out.put(p.key, String.valueOf(p.value)));
    }
    return out;
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
