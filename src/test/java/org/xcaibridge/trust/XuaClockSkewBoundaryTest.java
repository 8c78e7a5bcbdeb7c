package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;
import static org.xcaibridge.trust.XuaFixtures.assertRejected;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * The time window with the responder's clock skew, one second either side of each edge. The assertion
 * is issued at T with NotBefore = T and NotOnOrAfter = T + 5 min (the signer's own skew set to 0, the
 * timestamp's window the same), the responder allows 60 s: it accepts from T − 60 s up to, not
 * including, T + 5 min + 60 s (NotOnOrAfter is exclusive, SAML core §2.5.1.2).
 */
class XuaClockSkewBoundaryTest {
  private static final Instant T = XuaTestPki.NOW;
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Duration SECOND = Duration.ofSeconds(1);

  private static byte[] header() {
    XuaSignerConfig exact = XuaFixtures.signerConfig().withClockSkew(Duration.ZERO).withLifetimes(LIFETIME, LIFETIME);
    return XuaFixtures.signer(exact).securityHeaderXml(SUBJECT, RECIPIENT);
  }

  private static XuaValidatorConfig config() {
    return XuaFixtures.validatorConfig().withClockSkew(SKEW);
  }

  private static XuaAssertion acceptedAt(Instant now) throws Exception {
    return new XuaValidator(config(), XuaFixtures.at(now)).validate(XuaFixtures.wire(header()));
  }

  @Test
  void oneSecondBeforeTheEarliestEdgeIsNotYetValid() throws Exception {
    assertRejected(config(), T.minus(SKEW).minus(SECOND), header(), Reason.NOT_YET_VALID, "InvalidSecurityToken");
  }

  @Test
  void theEarliestEdgeAndOneSecondAfterItAreAccepted() throws Exception {
    assertThat(acceptedAt(T.minus(SKEW)).notBefore()).isEqualTo(T);
    assertThat(acceptedAt(T.minus(SKEW).plus(SECOND)).notBefore()).isEqualTo(T);
  }

  @Test
  void oneSecondBeforeTheLatestEdgeIsAccepted() throws Exception {
    assertThat(acceptedAt(T.plus(LIFETIME).plus(SKEW).minus(SECOND)).notOnOrAfter()).isEqualTo(T.plus(LIFETIME));
  }

  @Test
  void theLatestEdgeAndOneSecondAfterItAreExpired() throws Exception {
    assertRejected(config(), T.plus(LIFETIME).plus(SKEW), header(), Reason.EXPIRED, "MessageExpired");
    assertRejected(config(), T.plus(LIFETIME).plus(SKEW).plus(SECOND), header(), Reason.EXPIRED, "MessageExpired");
  }

  @Test
  void withoutSkewTheEdgesAreTheAssertionsOwn() throws Exception {
    XuaValidatorConfig strict = config().withClockSkew(Duration.ZERO);
    assertRejected(strict, T.minus(SECOND), header(), Reason.NOT_YET_VALID, "InvalidSecurityToken");
    new XuaValidator(strict, XuaFixtures.at(T)).validate(XuaFixtures.wire(header()));
    new XuaValidator(strict, XuaFixtures.at(T.plus(LIFETIME).minus(SECOND))).validate(XuaFixtures.wire(header()));
    assertRejected(strict, T.plus(LIFETIME), header(), Reason.EXPIRED, "MessageExpired");
  }
}
