package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad configuration fails when it is built, with a message naming the setting and the value. */
class SettingsAndEndpointsAreValidatedTest {
  private static final URI OK = URI.create("https://gateway.example.org/xca/iti38");

  @Test
  void endpointsNeedAUrnOidANameAndAbsoluteHttpUrls() {
    assertThat(new CommunityEndpoints("urn:oid:1.2.3", "A", Optional.empty(), OK, OK, OK).label())
        .isEqualTo("A (urn:oid:1.2.3)");
    assertThatThrownBy(() -> new CommunityEndpoints("1.2.3", "A", Optional.empty(), OK, OK, OK))
        .hasMessageContaining("urn:oid:").hasMessageContaining("'1.2.3'");
    assertThatThrownBy(() -> new CommunityEndpoints("urn:oid:1.02.3", "A", Optional.empty(), OK, OK, OK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommunityEndpoints("urn:oid:1.2.3", " ", Optional.empty(), OK, OK, OK))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new CommunityEndpoints("urn:oid:1.2.3", "A", Optional.empty(), OK, OK,
        URI.create("/relative"))).hasMessageContaining("rad75").hasMessageContaining("/relative");
    assertThatThrownBy(() -> new CommunityEndpoints("urn:oid:1.2.3", "A", Optional.of(URI.create("ftp://x/y")), OK,
        OK, OK)).hasMessageContaining("iti55");
    assertThatThrownBy(() -> new CommunityEndpoints("urn:oid:1.2.3", "A", Optional.empty(),
        URI.create("https://user:pw@host/x"), OK, OK)).hasMessageContaining("user info");
    assertThatThrownBy(() -> new CommunityEndpoints("urn:oid:1.2.3", "A", Optional.empty(), OK, null, OK))
        .hasMessageContaining("iti39");
  }

  @Test
  void settingsNeedPositiveTimeoutsAndLimits() {
    CommunitySettings d = CommunitySettings.DEFAULT;
    assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1))).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> d.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1), Duration.ofSeconds(1),
        Duration.ofSeconds(1))).hasMessageContaining("firstByteTimeout");
    assertThatThrownBy(() -> d.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofNanos(10),
        Duration.ofSeconds(1))).hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> d.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        null)).hasMessageContaining("callTimeout");
    assertThatThrownBy(() -> d.withMaxDocumentRequestsPerCall(0)).hasMessageContaining("maxDocumentRequestsPerCall")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> d.withMaxRetrievedDocumentBytes(0)).hasMessageContaining("maxRetrievedDocumentBytes");
    assertThatThrownBy(() -> d.withMaxRetrievedDocumentBytes(1L << 40)).hasMessageContaining("maxRetrievedDocumentBytes");
    assertThat(d.withMaxDocumentRequestsPerCall(1).maxDocumentRequestsPerCall()).isEqualTo(1);
  }

  @Test
  void aDirectoryRefusesTwoCommunitiesWithOneHomeCommunityId() throws Exception {
    try (GatewayHarness h = new GatewayHarness()) {
      CommunityClient a = h.client(GatewayHarness.endpoints("A", "urn:oid:1.2.3", "http://127.0.0.1:9"),
          CommunitySettings.DEFAULT);
      CommunityClient b = h.client(GatewayHarness.endpoints("B", "urn:oid:1.2.3", "http://127.0.0.1:9"),
          CommunitySettings.DEFAULT);
      assertThatThrownBy(() -> CommunityDirectory.of(List.of(a, b))).hasMessageContaining("urn:oid:1.2.3")
          .hasMessageContaining("A").hasMessageContaining("B");
    }
  }
}
