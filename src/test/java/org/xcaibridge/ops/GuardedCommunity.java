package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaValidator;
import org.xcaibridge.trust.XuaValidatorConfig;

/**
 * A community for the bridge to talk to, on loopback, on its own Vert.x: our Responding Gateway over a folder with one
 * generated CT study, guarded by {@link ResponderSecurity} — two-way TLS with the PKI's server certificate and, when
 * asked, a XUA validator trusting the PKI's CA whose audiences are this community's public endpoint URLs. In front
 * of it a door, also two-way TLS with the same certificate, that keeps each request's bytes (to read the assertion
 * the bridge sent) and passes the request on unchanged over TLS with the PKI's client certificate; the answer streams
 * back. The public URL is the door's: the gateway is told it answers there ({@link RespondingGateway#answeringAt}).
 */
final class GuardedCommunity implements AutoCloseable {
  /** One request as it reached the door. */
  record Captured(String path, String contentType, byte[] body) {}

  private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
      "keep-alive");

  final Vertx vertx = Vertx.vertx();
  final ResponderIdentity identity;
  final SyntheticStudies.Study study;
  final List<Captured> captured = new CopyOnWriteArrayList<>();
  private final FolderArchive archive;
  private final RespondingGateway gateway;
  private final HttpServer door;
  private final HttpClient client;

  GuardedCommunity(Path dir, PkiFiles pki, ResponderIdentity identity, long seed, boolean xua) throws Exception {
    this.identity = identity;
    SyntheticStudies gen = new SyntheticStudies(new Random(seed), Clock.systemUTC());
    study = gen.ctHead(gen.patient(), 2);
    Path folder = dir.resolve("images");
    Files.createDirectories(folder);
    SyntheticSeries series = study.series().get(0);
    for (int i = 0; i < series.instanceCount(); i++) {
      try (OutputStream out = Files.newOutputStream(folder.resolve(i + ".dcm"))) {
        SyntheticStudies.write(out, study, series, i);
      }
    }
    archive = await(FolderArchive.start(vertx, new FolderArchive.Options(folder, dir.resolve("index"),
        new ManifestSettings(identity.repositoryUniqueId(), "XCAI_GUARDED"), Duration.ZERO)));
    TlsSetup server = TlsSetup.load(pki.serverTls());
    ResponderSecurity security = ResponderSecurity.none().withTls(server);
    if (xua) {
      X509Certificate ca = caCertificate(pki);
      security = security.withXua(base -> new XuaValidator(XuaValidatorConfig.of(Set.of(ca),
          RespondingGateway.endpointUrls(base)), Clock.systemUTC()));
    }
    gateway = new RespondingGateway(vertx, archive, identity, ResponderSettings.DEFAULT, security);
    HttpServer inner = await(gateway.listen("127.0.0.1", 0));
    client = vertx.createHttpClient(TlsSetup.load(pki.clientTls()).httpClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(inner.actualPort()));
    door = await(vertx.createHttpServer(server.httpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(this::pass).listen());
    gateway.answeringAt(URI.create(base()));
  }

  static X509Certificate caCertificate(PkiFiles pki) throws Exception {
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CA_CERT))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  String base() {
    return "https://127.0.0.1:" + door.actualPort();
  }

  /** The YAML of this community's entry under {@code communities:}, with {@code extra} lines (indented 4) added. */
  String yaml(String name, String authority, String... extra) {
    StringBuilder b = new StringBuilder()
        .append("  - homeCommunityId: ").append(identity.homeCommunityId()).append('\n')
        .append("    name: ").append(name).append('\n')
        .append("    iti38Url: ").append(base()).append(RespondingGateway.ITI38_PATH).append('\n')
        .append("    iti39Url: ").append(base()).append(RespondingGateway.ITI39_PATH).append('\n')
        .append("    rad75Url: ").append(base()).append(RespondingGateway.RAD75_PATH).append('\n')
        .append("    assigningAuthority: ").append(authority).append('\n')
        // a loaded test machine must not turn a slow answer into "no answer"
        .append("    queryTimeout: 60s\n");
    for (String line : extra) {
      b.append("    ").append(line).append('\n');
    }
    return b.toString();
  }

  /** The requests that reached {@code path}, in order. */
  List<Captured> at(String path) {
    return captured.stream().filter(c -> c.path().equals(path)).toList();
  }

  private void pass(HttpServerRequest req) {
    req.body().onComplete(read -> {
      if (read.failed()) {
        req.response().setStatusCode(400).end();
        return;
      }
      Buffer body = read.result();
      captured.add(new Captured(req.path(), req.getHeader("Content-Type"), body.getBytes()));
      RequestOptions o = new RequestOptions().setMethod(req.method()).setURI(req.uri());
      req.headers().forEach(h -> {
        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          o.addHeader(h.getKey(), h.getValue());
        }
      });
      client.request(o).compose(r -> r.send(body)).onComplete(answered -> {
        if (answered.failed()) {
          req.response().setStatusCode(502).end(String.valueOf(answered.cause()));
          return;
        }
        HttpClientResponse resp = answered.result();
        req.response().setStatusCode(resp.statusCode()).setChunked(true);
        resp.headers().forEach(h -> {
          if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
            req.response().putHeader(h.getKey(), h.getValue());
          }
        });
        resp.pipeTo(req.response());
      });
    });
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(door.close());
    await(gateway.close());
    await(client.close());
    await(archive.close());
    await(vertx.close());
  }
}
