package org.xcaibridge.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.gateway.directory.DirectoryBundles.bundle;
import static org.xcaibridge.gateway.directory.DirectoryBundles.organisation;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcaibridge.gateway.CommunityEndpoints;

/**
 * A directory bundle with several organisations becomes exactly the communities that qualify, with each
 * transaction's URL from its own Endpoint; the others are named with their reason; a bundle that is not usable as
 * a whole is refused.
 */
class FhirDirectoryBundleLoadsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static DirectorySnapshot read(JsonObject bundle) throws DirectoryException {
    return FhirDirectoryReader.read(bundle.toBuffer(), "test", NOW);
  }

  @Test
  void severalOrganisationsLoadWithTheirOwnEndpoints() throws Exception {
    JsonObject noHcid = organisation("1.2.3.4.2", "Clinic B", "https://b.example:8443/gw",
        "ITI-38", "ITI-39", "RAD-75");
    noHcid.remove("identifier"); // Organization.id is the HCID OID: used when the identifier is missing
    JsonObject noRad75 = organisation("1.2.3.4.3", "Documents only C", "https://c.example", "ITI-55", "ITI-38",
        "ITI-39", "RAD-69");
    JsonObject inactive = organisation("1.2.3.4.4", "Closed D", "https://d.example", "ITI-38", "ITI-39", "RAD-75")
        .put("active", false);
    JsonObject rad75Off = organisation("1.2.3.4.5", "Down E", "https://e.example", "ITI-38", "ITI-39");
    rad75Off.getJsonArray("contained").add(DirectoryBundles.endpoint("x", "RAD-75", "https://e.example/rad75", "off"));
    JsonObject fhirOnly = organisation("1.2.3.4.6", "FHIR F", "https://f.example", "FHIR");
    JsonObject duplicate = organisation("1.2.3.4.1", "Hospital A again", "https://other.example", "ITI-38",
        "ITI-39", "RAD-75");
    JsonObject full = organisation("1.2.3.4.1", "Hospital A", "https://a.example/cq", "ITI-55", "ITI-38", "ITI-39",
        "RAD-75");
    JsonObject b = bundle(full, noHcid, noRad75, inactive, rad75Off, fhirOnly, duplicate);
    b.getJsonArray("entry").add(new JsonObject().put("resource", new JsonObject().put("resourceType", "Location")));

    DirectorySnapshot s = read(b);

    assertThat(s.communities()).containsExactly(
        new CommunityEndpoints("urn:oid:1.2.3.4.1", "Hospital A", Optional.of(URI.create("https://a.example/cq/xcpd/iti55")),
            URI.create("https://a.example/cq/xca/iti38"), URI.create("https://a.example/cq/xca/iti39"),
            URI.create("https://a.example/cq/xcai/rad75")),
        new CommunityEndpoints("urn:oid:1.2.3.4.2", "Clinic B", Optional.empty(),
            URI.create("https://b.example:8443/gw/xca/iti38"), URI.create("https://b.example:8443/gw/xca/iti39"),
            URI.create("https://b.example:8443/gw/xcai/rad75")));
    assertThat(s.skipped()).hasSize(5);
    assertThat(s.skipped()).anyMatch(m -> m.contains("Documents only C") && m.contains("no active RAD-75"));
    assertThat(s.skipped()).anyMatch(m -> m.contains("Closed D") && m.contains("not active"));
    assertThat(s.skipped()).anyMatch(m -> m.contains("Down E") && m.contains("no active RAD-75"));
    assertThat(s.skipped()).anyMatch(m -> m.contains("FHIR F") && m.contains("has: none"));
    assertThat(s.skipped()).anyMatch(m -> m.contains("urn:oid:1.2.3.4.1") && m.contains("listed again"));
    assertThat(s.loadedAt()).isEqualTo(NOW);
  }

  @Test
  void unusableBundlesAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> FhirDirectoryReader.read(Buffer.buffer("{\"resourceType\":\"Bundle\",\"entry\":["),
        "test", NOW)).isInstanceOf(DirectoryException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> FhirDirectoryReader.read(Buffer.buffer("[1,2]"), "test", NOW))
        .isInstanceOf(DirectoryException.class);
    assertThatThrownBy(() -> read(new JsonObject().put("resourceType", "Organization")))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("not Bundle");
    assertThatThrownBy(() -> read(new JsonObject().put("resourceType", "Bundle").put("entry", new JsonArray())))
        .isInstanceOf(DirectoryException.class).hasMessageContaining("no usable organisation among 0");
    JsonObject badHcid = organisation("1.2.3.4.9", "Bad", "https://x.example", "ITI-38", "ITI-39", "RAD-75");
    badHcid.getJsonArray("identifier").getJsonObject(0).put("value", "urn:oid:1.02.x");
    assertThatThrownBy(() -> read(bundle(badHcid))).isInstanceOf(DirectoryException.class)
        .hasMessageContaining("not urn:oid:<dotted OID>");
    JsonObject ftp = organisation("1.2.3.4.8", "Ftp", "ftp://x.example", "ITI-38", "ITI-39", "RAD-75");
    assertThatThrownBy(() -> read(bundle(ftp))).isInstanceOf(DirectoryException.class)
        .hasMessageContaining("http or https");
  }
}
