package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xcaibridge.ihe.IheTransaction;

/**
 * Our Responding Imaging Gateway on HTTP: the SOAP 1.2 endpoints of XCA-I's responding side over an
 * {@link ImageArchive}, one path per transaction, each taking POST only.
 *
 * <ul>
 *   <li>{@value #ITI38_PATH} ITI-38 Cross Gateway Query ({@link Iti38Service})</li>
 *   <li>{@value #ITI55_PATH} ITI-55 Cross Gateway Patient Discovery ({@link Iti55Service})</li>
 * </ul>
 *
 * <p>Another method on one of these paths is answered 405 with {@code Allow: POST}, another path 404, both with a
 * plain-text sentence naming what is served. A request whose WS-Addressing action is not the endpoint's is
 * answered with a Sender fault, subcode {@code wsa:ActionNotSupported} (WS-Addressing 1.0 SOAP Binding §6.4.2);
 * a request without any action, {@code wsa:MessageAddressingHeaderRequired}. Everything else a request can get
 * wrong is answered by the transaction in its own vocabulary where it has one (ITI-38 registry errors, ITI-55
 * acknowledgement codes), else by a fault ({@link ResponderFaults}).
 *
 * <p>The gateway answers as {@link ResponderIdentity} says (homeCommunityId, repositoryUniqueId, the patient
 * identity domain); the archive's manifests must name the same repositoryUniqueId. The archive stays the
 * caller's: {@link #close()} stops the servers only.
 */
public final class RespondingGateway {
  public static final String ITI38_PATH = "/xca/iti38";
  public static final String ITI55_PATH = "/xcpd/iti55";

  private final Vertx vertx;
  private final Map<IheTransaction, String> paths = new EnumMap<>(IheTransaction.class);
  private final Router router;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  public RespondingGateway(Vertx vertx, ImageArchive archive, ResponderIdentity identity, ResponderSettings settings) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(settings, "settings");
    SoapDoor door = new SoapDoor(settings, paths::get);
    this.router = Router.router(vertx);
    mount(door, ITI38_PATH, new Iti38Service(archive, identity, settings));
    mount(door, ITI55_PATH, new Iti55Service(archive, identity, settings, Clock.systemUTC()));
    router.errorHandler(404, ctx -> text(ctx, 404, "no IHE endpoint here; this responding gateway serves POST "
        + String.join(", ", paths.values())));
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
      text(ctx, 405, "this IHE endpoint takes POST only (SOAP 1.2 HTTP binding)");
    });
  }

  private void mount(SoapDoor door, String path, SoapTransaction transaction) {
    paths.put(transaction.transaction(), path);
    router.post(path).handler(ctx -> door.handle(ctx.request(), transaction));
  }

  /** The path each transaction is served at. */
  public Map<IheTransaction, String> endpoints() {
    return Collections.unmodifiableMap(new EnumMap<>(paths));
  }

  /** The routes, to mount on a server of the caller's (the bridge's own, say) instead of {@link #listen}. */
  public Router router() {
    return router;
  }

  /**
   * Starts an HTTP server with these routes on {@code host}:{@code port} (0 for a free port, then see
   * {@link HttpServer#actualPort()}).
   */
  public Future<HttpServer> listen(String host, int port) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router);
    return server.listen().onSuccess(servers::add);
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
