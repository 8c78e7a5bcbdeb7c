package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapWriter;

/**
 * Our Responding Imaging Gateway on HTTP: the SOAP 1.2 endpoints of XCA-I's responding side over an
 * {@link ImageArchive}, one path per transaction, each taking POST only.
 *
 * <ul>
 *   <li>{@value #ITI38_PATH} ITI-38 Cross Gateway Query ({@link Iti38Service})</li>
 *   <li>{@value #ITI39_PATH} ITI-39 Cross Gateway Retrieve ({@link Iti39Service})</li>
 *   <li>{@value #RAD75_PATH} RAD-75 Cross Gateway Retrieve Imaging Document Set ({@link Rad75Service})</li>
 *   <li>{@value #RAD69_PATH} RAD-69 Retrieve Imaging Document Set ({@link Rad69Service})</li>
 *   <li>{@value #ITI55_PATH} ITI-55 Cross Gateway Patient Discovery ({@link Iti55Service})</li>
 * </ul>
 *
 * <p>Another method on one of these paths is answered 405 with {@code Allow: POST}, another path 404, both with a
 * plain-text sentence naming what is served. A request whose WS-Addressing action is not the endpoint's is
 * answered with a Sender fault, subcode {@code wsa:ActionNotSupported}, naming the path that serves it
 * (WS-Addressing 1.0 SOAP Binding §6.4.2); a request without any action, {@code wsa:MessageAddressingHeaderRequired}.
 * Everything else a request can get wrong is answered by the transaction in its own vocabulary where it has one
 * (registry errors, XCPD acknowledgement codes), else by a fault ({@link SoapExchange}, {@link RequestFaults}).
 *
 * <p>Security is what {@link ResponderSecurity} says: by default none (the demo); configured, the servers it starts
 * speak TLS and require client certificates, every request must carry a valid XUA assertion (else a WS-Security
 * fault), and every transaction and refusal is audited.
 *
 * <p>The gateway answers as {@link ResponderIdentity} says (homeCommunityId, repositoryUniqueId, the patient
 * identity domain); the archive's manifests must name the same repositoryUniqueId. The archive stays the
 * caller's: {@link #close()} stops the servers only.
 */
public final class RespondingGateway {
  public static final String ITI38_PATH = "/xca/iti38";
  public static final String ITI39_PATH = "/xca/iti39";
  public static final String RAD75_PATH = "/xcai/rad75";
  public static final String RAD69_PATH = "/xdsi/rad69";
  public static final String ITI55_PATH = "/xcpd/iti55";

  /** The path of each transaction. */
  static final Map<IheTransaction, String> PATHS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
      IheTransaction.ITI_38, ITI38_PATH, IheTransaction.ITI_39, ITI39_PATH, IheTransaction.RAD_75, RAD75_PATH,
      IheTransaction.RAD_69, RAD69_PATH, IheTransaction.ITI_55, ITI55_PATH)));

  private final Vertx vertx;
  private final Router router;
  private final ResponderSecurity security;
  private final RequestGuard guard;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  /** The relaxed gateway of the demo: plain HTTP, no assertions asked for, nothing audited. */
  public RespondingGateway(Vertx vertx, ImageArchive archive, ResponderIdentity identity, ResponderSettings settings) {
    this(vertx, archive, identity, settings, ResponderSecurity.none());
  }

  /** A gateway guarded as {@code security} says: TLS on the servers it starts, XUA, the audit trail. */
  public RespondingGateway(Vertx vertx, ImageArchive archive, ResponderIdentity identity, ResponderSettings settings,
      ResponderSecurity security) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(settings, "settings");
    this.security = Objects.requireNonNull(security, "security");
    this.guard = new RequestGuard(security.xua(), security.audit(), identity,
        security.rejections());
    SoapHttpEndpoint endpoint = new SoapHttpEndpoint(settings.requestLimits(), settings.maxDiscardBytes(),
        new SoapWriter(UUID::randomUUID), new SecureRandom());
    this.router = Router.router(vertx);
    mount(ITI38_PATH, new Iti38Service(archive, identity, settings, endpoint, guard)::handle);
    mount(ITI39_PATH, new Iti39Service(archive, identity, endpoint, guard)::handle);
    mount(RAD75_PATH, new Rad75Service(archive, identity, endpoint, guard)::handle);
    mount(RAD69_PATH, new Rad69Service(archive, identity, endpoint, guard)::handle);
    mount(ITI55_PATH, new Iti55Service(archive, identity, settings, Clock.systemUTC(), endpoint, guard)::handle);
    router.errorHandler(404, ctx -> text(ctx, 404, "no IHE endpoint here; this responding gateway serves POST "
        + String.join(", ", PATHS.values())));
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
      text(ctx, 405, "this IHE endpoint takes POST only (SOAP 1.2 HTTP binding)");
    });
  }

  private void mount(String path, Handler<HttpServerRequest> service) {
    router.post(path).handler(ctx -> service.handle(ctx.request()));
  }

  /** The path each transaction is served at. */
  public Map<IheTransaction, String> endpoints() {
    return PATHS;
  }

  /**
   * The routes, to mount on a server of the caller's (the bridge's own, say) instead of {@link #listen}; with XUA
   * configured, the caller then says where they are reachable ({@link #answeringAt}), and until it does every
   * request is refused.
   */
  public Router router() {
    return router;
  }

  /** Where the routes are reachable, for the XUA audiences and the audit records ({@link ResponderSecurity#xua()}). */
  public void answeringAt(URI baseUrl) {
    guard.answeringAt(Objects.requireNonNull(baseUrl, "baseUrl"));
  }

  /** The URL of each transaction's endpoint under {@code baseUrl}: the audiences initiators put in assertions. */
  public static Set<String> endpointUrls(URI baseUrl) {
    String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
        : baseUrl.toString();
    Set<String> urls = new LinkedHashSet<>();
    for (String path : PATHS.values()) {
      urls.add(base + path);
    }
    return urls;
  }

  /**
   * Starts a server with these routes on {@code host}:{@code port} (0 for a free port, then see
   * {@link HttpServer#actualPort()}): HTTPS requiring a client certificate when {@link ResponderSecurity#tls()} is
   * set (a client refused in the handshake is audited as a Security Alert), plain HTTP otherwise. The gateway then
   * answers at this server's URL ({@link #answeringAt}).
   */
  public Future<HttpServer> listen(String host, int port) {
    HttpServerOptions options = security.tls().map(t -> t.httpServerOptions()).orElseGet(HttpServerOptions::new)
        .setHost(host).setPort(port);
    HttpServer server = vertx.createHttpServer(options).requestHandler(router);
    if (options.isSsl()) {
      server.exceptionHandler(guard::socketError);
    }
    return server.listen().onSuccess(s -> {
      servers.add(s);
      String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      answeringAt(URI.create((options.isSsl() ? "https" : "http") + "://" + urlHost + ":" + s.actualPort()));
    });
  }

  /** Closes every server {@link #listen} started; the archive is left open. */
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (HttpServer s : servers) {
      closing.add(s.close());
    }
    servers.clear();
    return Future.all(closing).mapEmpty();
  }

  private static void text(RoutingContext ctx, int status, String message) {
    if (ctx.response().headWritten()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
        .end(message + "\n");
  }
}
