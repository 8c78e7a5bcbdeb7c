package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The front door's token check: OIDC bearer JWTs (RFC 6750 §2.1, RFC 7519, RFC 7515 compact JWS) signed
 * with RS256, PS256 or ES256 by the configured issuer for the configured audience, within their time
 * window (with skew), mapped to the {@link FrontDoorSubject} the SAML assertion speaks for. Every
 * refusal is a failed future holding a {@link FrontDoorAuthException}.
 *
 * <p>Keys come from the configuration or from the issuer's JWKS URL (cached; fetched again for an
 * unknown kid, rate-limited); never from the token's own headers. Signature checks are cheap enough
 * for an event loop; fetching is non-blocking.
 */
public final class JwtValidator {
  /** RFC 6750 §2.1 b64token. */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private final JwtSettings settings;
  private final Clock clock;
  private final JwtKeySet staticKeys;
  private final JwtJwksCache jwks;

  private JwtValidator(JwtSettings settings, Clock clock, JwtKeySet staticKeys, JwtJwksCache jwks) {
    this.settings = settings;
    this.clock = clock;
    this.staticKeys = staticKeys;
    this.jwks = jwks;
  }

  /** A validator; a JWKS URL is fetched with TLS 1.2/1.3, host name verification and the JDK's CAs. */
  public static JwtValidator create(Vertx vertx, JwtSettings settings, Clock clock) {
    HttpClientOptions options = new HttpClientOptions().setVerifyHost(true)
        .setEnabledSecureTransportProtocols(TlsSettings.ALLOWED_PROTOCOLS);
    return create(vertx, settings, clock, options);
  }

  /**
   * A validator whose JWKS fetches use these client options (from {@link TlsSetup#httpClientOptions()}
   * when the issuer has a private CA). Vert.x is needed only for a JWKS URL.
   */
  public static JwtValidator create(Vertx vertx, JwtSettings settings, Clock clock, HttpClientOptions jwksClient) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    if (settings.keys() instanceof JwtKeySource.Static) {
      return new JwtValidator(settings, clock, ((JwtKeySource.Static) settings.keys()).keys(), null);
    }
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(jwksClient, "jwksClient");
    return new JwtValidator(settings, clock, null,
        new JwtJwksCache(vertx, (JwtKeySource.Jwks) settings.keys(), jwksClient, clock));
  }

  /** Validates the token in an {@code Authorization} header value (null when the header is absent). */
  public Future<FrontDoorSubject> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return fail(FrontDoorAuthException.Reason.NO_TOKEN, null);
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      // another scheme (Basic…) is not a malformed bearer request: answer with the plain challenge
      return fail(FrontDoorAuthException.Reason.NO_TOKEN, "scheme " + scheme);
    }
    String token = space < 0 ? "" : value.substring(space + 1).strip();
    if (!B64TOKEN.matcher(token).matches()) {
      return fail(FrontDoorAuthException.Reason.MALFORMED_REQUEST, "not a single b64token after Bearer");
    }
    return validate(token);
  }

  /** Validates a compact JWS. */
  public Future<FrontDoorSubject> validate(String token) {
    JwtToken parsed;
    JwtAlgorithm alg;
    String kid;
    try {
      parsed = JwtToken.parse(Objects.requireNonNull(token, "token"), settings.maxTokenChars());
      // the algorithm is checked before any key is looked up, so a token with alg none or HS256 causes
      // no JWKS fetch
      alg = JwtVerifier.algorithm(parsed, settings);
      kid = parsed.headerString("kid");
    } catch (FrontDoorAuthException e) {
      return Future.failedFuture(e);
    }
    if (jwks == null) {
      return check(parsed, alg, staticKeys.candidates(kid, alg));
    }
    return jwks.current().compose(keys -> {
      List<JwtKeySet.JwtKey> found = keys.candidates(kid, alg);
      if (!found.isEmpty()) {
        return check(parsed, alg, found);
      }
      return jwks.afterUnknownKid().compose(fresh -> check(parsed, alg, fresh.candidates(kid, alg)));
    });
  }

  /** The accepted algorithms, for a log line or a discovery check. */
  public Set<JwtAlgorithm> algorithms() {
    return settings.algorithms();
  }

  /** Closes the JWKS client, if any. */
  public Future<Void> close() {
    return jwks == null ? Future.succeededFuture() : jwks.close();
  }

  private Future<FrontDoorSubject> check(JwtToken parsed, JwtAlgorithm alg, List<JwtKeySet.JwtKey> keys) {
    try {
      return Future.succeededFuture(JwtVerifier.verify(parsed, alg, keys, settings, clock.instant()));
    } catch (FrontDoorAuthException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<FrontDoorSubject> fail(FrontDoorAuthException.Reason reason, String detail) {
    return Future.failedFuture(new FrontDoorAuthException(reason, detail));
  }
}
