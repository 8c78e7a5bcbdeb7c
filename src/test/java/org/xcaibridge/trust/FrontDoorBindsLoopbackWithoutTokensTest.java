package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Without token validation the front door listens on loopback only, whatever host was configured, and
 * the log line says so; with validation it goes where it was configured. Host names other than
 * "localhost" are not trusted to be loopback.
 */
class FrontDoorBindsLoopbackWithoutTokensTest {

  @Test
  void aNonLoopbackHostIsReplacedWithoutTokenValidation() {
    for (String host : new String[] {"0.0.0.0", "192.168.1.20", "::", "bridge.example.org", "127.example.org"}) {
      FrontDoorBinding b = FrontDoorBinding.decide(host, false);
      assertThat(b.host()).as(host).isEqualTo("127.0.0.1");
      assertThat(b.loopbackOnly()).isTrue();
      assertThat(b.message()).contains("instead of the configured " + host).contains("configure token validation");
    }
  }

  @Test
  void aLoopbackHostIsKeptWithoutTokenValidation() {
    for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"}) {
      FrontDoorBinding b = FrontDoorBinding.decide(host, false);
      assertThat(b.host()).as(host).isEqualTo(host);
      assertThat(b.loopbackOnly()).isTrue();
      assertThat(b.message()).contains("without token validation: only this machine can reach it");
    }
  }

  @Test
  void theConfiguredHostIsUsedWithTokenValidation() {
    FrontDoorBinding open = FrontDoorBinding.decide("0.0.0.0", true);
    assertThat(open.host()).isEqualTo("0.0.0.0");
    assertThat(open.loopbackOnly()).isFalse();
    assertThat(open.message()).contains("every request needs a valid bearer token");
    assertThat(FrontDoorBinding.decide(" 127.0.0.1 ", true).loopbackOnly()).isTrue();
  }

  @Test
  void aHostMustBeGiven() {
    assertThatThrownBy(() -> FrontDoorBinding.decide(" ", false)).hasMessageContaining("host must be configured");
    assertThatThrownBy(() -> FrontDoorBinding.decide(null, true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lookalikesOfLoopbackAreNotLoopback() {
    assertThat(FrontDoorBinding.isLoopback("127.0.0.256")).isFalse();
    assertThat(FrontDoorBinding.isLoopback("1270.0.0.1")).isFalse();
    assertThat(FrontDoorBinding.isLoopback("localhost.evil.example")).isFalse();
    assertThat(FrontDoorBinding.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
  }
}
