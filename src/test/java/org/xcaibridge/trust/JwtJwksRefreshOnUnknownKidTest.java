package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.trust.FrontDoorAuthException.Reason;

/**
 * Keys from the issuer's JWKS URL, served by a loopback Vert.x server: fetched once and cached; a
 * token signed with a rotated-in key (unknown kid) makes the validator fetch again and pass; forged
 * kids cause at most one fetch per minimum interval; an issuer that is down gives KEYS_UNAVAILABLE
 * (503) without cached keys and the stale set with them; an oversized set is refused. The clock is
 * moved by hand, so no test sleeps.
 */
class JwtJwksRefreshOnUnknownKidTest {
  private static final Duration MIN_REFRESH = Duration.ofSeconds(5);
  private Vertx vertx;
  private HttpServer issuer;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> served = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private KeyPair k1;
  private KeyPair k2;
  private JwtValidator validator;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    issuer = TlsRig.await(vertx.createHttpServer().requestHandler(req -> {
      fetches.incrementAndGet();
      req.response().setStatusCode(status.get()).putHeader("Content-Type", "application/jwk-set+json")
          .end(served.get());
    }).listen(0, "127.0.0.1"));
    k1 = TestTokens.rsa();
    k2 = TestTokens.ec();
    served.set(TestTokens.jwks(TestTokens.rsaJwk(k1, "k1")));
    validator = validator(8 * 1024);
  }

  private JwtValidator validator(int maxBytes) {
    JwtKeySource.Jwks source = new JwtKeySource.Jwks(URI.create("http://127.0.0.1:" + issuer.actualPort() + "/jwks"),
        Duration.ofMinutes(10), MIN_REFRESH, Duration.ofSeconds(10), maxBytes);
    return JwtValidator.create(vertx, JwtSettings.of(TestTokens.ISSUER, TestTokens.AUDIENCE, TestTokens.mapping(),
        source), clock);
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(validator.close());
    TlsRig.await(vertx.close());
  }

  private String byK1() {
    return TestTokens.token(TestTokens.header("RS256", "k1"), TestTokens.claims(clock.instant()), TestTokens.bcRs256(k1));
  }

  private String byK2() {
    return TestTokens.token(TestTokens.header("ES256", "k2"), TestTokens.claims(clock.instant()), TestTokens.bcEs256(k2));
  }

  private FrontDoorSubject accept(String token) throws Exception {
    return TlsRig.await(validator.validate(token));
  }

  private Reason refusal(String token) throws Exception {
    try {
      accept(token);
      throw new AssertionError("accepted");
    } catch (ExecutionException e) {
      return ((FrontDoorAuthException) e.getCause()).reason();
    }
  }

  @Test
  void aRotatedInKeyIsFetchedOnItsFirstToken() throws Exception {
    accept(byK1());
    accept(byK1());
    assertThat(fetches).hasValue(1);

    served.set(TestTokens.jwks(TestTokens.rsaJwk(k1, "k1"), TestTokens.ecJwk(k2, "k2")));
    // within the minimum interval the unknown kid cannot cause a fetch
    assertThat(refusal(byK2())).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(fetches).hasValue(1);
    clock.advance(MIN_REFRESH);
    assertThat(accept(byK2()).subjectId()).isEqualTo("Dr. Alice Example");
    assertThat(fetches).hasValue(2);
    accept(byK1());
    assertThat(fetches).hasValue(2);
  }

  @Test
  void forgedKidsCauseAtMostOneFetchPerInterval() throws Exception {
    accept(byK1());
    clock.advance(MIN_REFRESH);
    KeyPair forger = TestTokens.rsa();
    for (int i = 0; i < 5; i++) {
      String forged = TestTokens.token(TestTokens.header("RS256", "forged-" + i), TestTokens.claims(clock.instant()),
          TestTokens.bcRs256(forger));
      assertThat(refusal(forged)).isEqualTo(Reason.UNKNOWN_KEY);
    }
    assertThat(fetches).hasValue(2);
    // a token with alg none never reaches the key lookup
    clock.advance(MIN_REFRESH);
    String none = TestTokens.B64.encode(new JsonObject().put("alg", "none").put("kid", "zzz").encode()) + "."
        + TestTokens.B64.encode(TestTokens.claims(clock.instant()).encode()) + ".";
    assertThat(refusal(none)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    assertThat(fetches).hasValue(2);
    accept(byK1());
  }

  @Test
  void theSetIsFetchedAgainWhenOld() throws Exception {
    accept(byK1());
    clock.advance(Duration.ofMinutes(10));
    accept(byK1());
    assertThat(fetches).hasValue(2);
  }

  @Test
  void anIssuerThatIsDownGivesKeysUnavailableUntilItIsBack() throws Exception {
    status.set(500);
    String token = byK1();
    try {
      accept(token);
      throw new AssertionError("accepted");
    } catch (ExecutionException e) {
      FrontDoorAuthException f = (FrontDoorAuthException) e.getCause();
      assertThat(f.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
      assertThat(f.httpStatus()).isEqualTo(503);
      assertThat(f.errorCode()).isNull();
    }
    // the next requests within the interval do not hammer the issuer
    assertThat(refusal(token)).isEqualTo(Reason.KEYS_UNAVAILABLE);
    assertThat(fetches).hasValue(1);

    status.set(200);
    clock.advance(MIN_REFRESH);
    accept(byK1());
    assertThat(fetches).hasValue(2);

    // once keys are cached, an outage at refresh time keeps the stale set in use
    status.set(503);
    clock.advance(Duration.ofMinutes(11));
    accept(byK1());
    assertThat(fetches).hasValue(3);
  }

  @Test
  void anOversizedOrBrokenSetIsRefused() throws Exception {
    TlsRig.await(validator.close());
    validator = validator(1024);
    served.set(TestTokens.jwks(TestTokens.rsaJwk(k1, "k1").put("padding", "x".repeat(2000))));
    assertThat(refusal(byK1())).isEqualTo(Reason.KEYS_UNAVAILABLE);

    served.set("{\"keys\": 42}");
    clock.advance(MIN_REFRESH);
    assertThat(refusal(byK1())).isEqualTo(Reason.KEYS_UNAVAILABLE);

    served.set(TestTokens.jwks(TestTokens.rsaJwk(k1, "k1")));
    clock.advance(MIN_REFRESH);
    accept(byK1());
    assertThat(fetches).hasValue(3);
  }
}
