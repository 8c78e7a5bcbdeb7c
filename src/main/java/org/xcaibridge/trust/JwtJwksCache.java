package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's JWK Set, fetched with a Vert.x HTTP client and cached: refreshed when older than the
 * refresh interval, or early when a token names an unknown kid (key rotation) but never more often than
 * the minimum interval. One fetch at a time; while a refresh fails the last good set stays in use.
 */
final class JwtJwksCache {
  private static final Logger LOG = LoggerFactory.getLogger(JwtJwksCache.class);

  private final JwtKeySource.Jwks source;
  private final HttpClientAgent client;
  private final Clock clock;
  private JwtKeySet keys;
  private Instant fetchedAt;
  private Instant lastAttempt;
  private Future<JwtKeySet> inFlight;

  JwtJwksCache(Vertx vertx, JwtKeySource.Jwks source, HttpClientOptions options, Clock clock) {
    this.source = source;
    this.clock = clock;
    this.client = vertx.createHttpClient(new HttpClientOptions(options));
  }

  /** The cached set while fresh; otherwise a fetch (or the stale set if that fails). */
  synchronized Future<JwtKeySet> current() {
    if (keys != null && clock.instant().isBefore(fetchedAt.plus(source.refreshInterval()))) {
      return Future.succeededFuture(keys);
    }
    return refreshUnlessRecent();
  }

  /** A token named a kid the cached set lacks: fetch again unless the last attempt was too recent. */
  synchronized Future<JwtKeySet> afterUnknownKid() {
    return refreshUnlessRecent();
  }

  /** While the issuer is down or a forged kid repeats, requests must not turn into a fetch each. */
  private Future<JwtKeySet> refreshUnlessRecent() {
    if (inFlight == null && lastAttempt != null
        && clock.instant().isBefore(lastAttempt.plus(source.minRefreshInterval()))) {
      return keys == null ? unavailable("the last fetch failed moments ago") : Future.succeededFuture(keys);
    }
    return refresh();
  }

  Future<Void> close() {
    return client.close();
  }

  private Future<JwtKeySet> refresh() {
    if (inFlight != null) {
      return inFlight;
    }
    lastAttempt = clock.instant();
    Future<JwtKeySet> f = fetch().transform(ar -> {
      synchronized (this) {
        inFlight = null;
        if (ar.succeeded()) {
          keys = ar.result();
          fetchedAt = clock.instant();
          return Future.succeededFuture(keys);
        }
        LOG.warn("cannot fetch the token keys from {}: {}", source.uri(), ar.cause().getMessage());
        return keys == null ? unavailable(ar.cause().getMessage()) : Future.succeededFuture(keys);
      }
    });
    // the fetch may have finished already (a refused connection fails at once)
    if (!f.isComplete()) {
      inFlight = f;
    }
    return f;
  }

  private Future<JwtKeySet> fetch() {
    long timeout = source.fetchTimeout().toMillis();
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(source.uri().toString())
        .setConnectTimeout(timeout).setIdleTimeout(timeout).setFollowRedirects(false)
        .putHeader("Accept", "application/jwk-set+json, application/json");
    return client.request(ro)
        .compose(req -> req.send().compose(resp -> {
          if (resp.statusCode() != 200) {
            // the body is not wanted: reset the stream, and expect the reset to surface here
            resp.exceptionHandler(ignored -> { });
            req.reset();
            return Future.failedFuture("HTTP " + resp.statusCode());
          }
          Promise<Buffer> body = Promise.promise();
          Buffer acc = Buffer.buffer();
          resp.handler(chunk -> {
            if (acc.length() + chunk.length() > source.maxBytes()) {
              body.tryFail("the JWK Set is larger than " + source.maxBytes() + " bytes");
              req.reset();
            } else {
              acc.appendBuffer(chunk);
            }
          });
          resp.exceptionHandler(body::tryFail);
          resp.endHandler(v -> body.tryComplete(acc));
          return body.future();
        }))
        .timeout(timeout, TimeUnit.MILLISECONDS)
        .map(b -> JwtKeySet.fromJwks(b.toString(StandardCharsets.UTF_8)));
  }

  private static Future<JwtKeySet> unavailable(String detail) {
    return Future.failedFuture(new FrontDoorAuthException(FrontDoorAuthException.Reason.KEYS_UNAVAILABLE, detail));
  }
}
