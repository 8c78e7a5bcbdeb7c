package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates near expiry are reported for the start-up log and readiness, decided only by the clock
 * passed in: the window's edge is inclusive, expired and not-yet-valid certificates are named, and the
 * trust store's anchors are checked as well as this side's chain.
 */
class TlsExpiryFindingsTest {
  @TempDir Path dir;

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void theWindowEdgeIsInclusive() throws Exception {
    Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
    Instant notAfter = notBefore.plus(Duration.ofDays(100));
    TestCerts.Issued ca = TestCerts.ca("Long CA", Duration.ofDays(3000));
    TestCerts.Issued leaf = TestCerts.leaf("leaf", ca.certificate(), ca.key(), notBefore, notAfter,
        List.of("localhost"), List.of(), KeyPurposeId.id_kp_clientAuth);
    TlsSetup setup = TlsSetup.load(TlsSettings.of(leaf.writePem(dir, "leaf"), null)
        .withExpiryWarning(Duration.ofDays(30)));

    Instant edge = notAfter.minus(Duration.ofDays(30));
    assertThat(setup.expiryFindings(at(edge.minusSeconds(1)))).isEmpty();
    List<TlsExpiryFinding> soon = setup.expiryFindings(at(edge));
    assertThat(soon).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(TlsExpiryFinding.Kind.EXPIRES_SOON);
      assertThat(f.subject()).isEqualTo("CN=leaf");
      assertThat(f.source()).isEqualTo("key store");
      assertThat(f.notAfter()).isEqualTo(notAfter);
      assertThat(f.message()).isEqualTo("certificate CN=leaf in the key store expires at " + notAfter);
    });
    assertThat(setup.expiryFindings(at(notAfter))).extracting(TlsExpiryFinding::kind)
        .containsExactly(TlsExpiryFinding.Kind.EXPIRES_SOON);
    assertThat(setup.expiryFindings(at(notAfter.plusSeconds(1)))).extracting(TlsExpiryFinding::kind)
        .containsExactly(TlsExpiryFinding.Kind.EXPIRED);
    // the CA in the chain starts a moment later than the leaf, so before the leaf it is not valid either
    assertThat(setup.expiryFindings(at(notBefore.minusSeconds(1))))
        .extracting(TlsExpiryFinding::subject, TlsExpiryFinding::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CN=leaf", TlsExpiryFinding.Kind.NOT_YET_VALID),
            org.assertj.core.groups.Tuple.tuple("CN=Long CA", TlsExpiryFinding.Kind.NOT_YET_VALID));
    // the same clock gives the same answer
    assertThat(setup.expiryFindings(at(edge))).isEqualTo(soon);
  }

  @Test
  void theDemoPkiIsReportedInBothStoresAsItAges() {
    TlsSetup server = TlsSetup.load(TestPki.shared().serverTls());
    Instant now = Instant.now();
    assertThat(server.expiryFindings(at(now))).isEmpty();
    Instant leafEnd = server.certificateChain().get(0).getNotAfter().toInstant();
    List<TlsExpiryFinding> late = server.expiryFindings(at(leafEnd.minus(Duration.ofDays(10))));
    // server leaf, the CA in its chain, the CA as trust anchor
    assertThat(late).extracting(TlsExpiryFinding::source).containsExactly("key store", "key store", "trust store");
    assertThat(late).extracting(TlsExpiryFinding::kind).containsOnly(TlsExpiryFinding.Kind.EXPIRES_SOON);
    assertThat(server.expiryFindings(at(leafEnd.plus(Duration.ofDays(1))))).hasSize(3)
        .extracting(TlsExpiryFinding::kind).containsOnly(TlsExpiryFinding.Kind.EXPIRED);
    TlsSetup noWindow = TlsSetup.load(TestPki.shared().serverTls().withExpiryWarning(Duration.ZERO));
    assertThat(noWindow.expiryFindings(at(leafEnd.minus(Duration.ofDays(10))))).isEmpty();
  }
}
