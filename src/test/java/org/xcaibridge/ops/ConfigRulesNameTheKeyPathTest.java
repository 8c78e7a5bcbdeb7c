package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.ops.ConfigFiles.load;
import static org.xcaibridge.ops.ConfigFiles.problems;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each validation rule of the configuration refuses a wrong value with the key path and what is wrong, every
 * problem of a file is reported at once, and a valid file gives the values it says.
 */
class ConfigRulesNameTheKeyPathTest {
  @TempDir
  Path dir;

  private static final String COMMUNITY = """
      communities:
        - homeCommunityId: urn:oid:1.2.3.4
          name: Hospital A
          iti38Url: https://a.example/xca/iti38
          iti39Url: https://a.example/xca/iti39
          rad75Url: https://a.example/xcai/rad75
          assigningAuthority: 1.2.3.4.5
      """;

  @Test
  void aValidFileGivesItsValues() throws Exception {
    BridgeConfig c = load(dir, """
        workDir: /tmp/xcai-work
        front: {host: 0.0.0.0, port: 9090, basePath: /pacs/dicomweb, corsOrigins: ["*"]}
        cache: {maxSize: 2GiB, queryTtl: 10s, metadataTtl: 1h}
        responder: {enabled: false}
        """ + COMMUNITY + """
            connectTimeout: 2s
            queryTimeout: 20s
            retrieveTimeout: 2m
            maxDocumentRequests: 50
        """);
    assertThat(c.workDir()).isEqualTo(Path.of("/tmp/xcai-work"));
    assertThat(c.front()).isEqualTo(new FrontConfig("0.0.0.0", 9090, "/pacs/dicomweb", List.of("*")));
    assertThat(c.cache()).isEqualTo(new CacheConfig(Path.of("/tmp/xcai-work/cache"), ByteSize.ofGiB(2),
        Duration.ofSeconds(10), Duration.ofHours(1)));
    assertThat(c.responder().enabled()).isFalse();
    assertThat(c.demo()).isFalse();
    CommunityConfig a = c.communities().get(0);
    assertThat(a.homeCommunityId()).isEqualTo("urn:oid:1.2.3.4");
    assertThat(a.rad75Url()).isEqualTo(URI.create("https://a.example/xcai/rad75"));
    assertThat(a.assigningAuthority()).isEqualTo("1.2.3.4.5");
    assertThat(a.xcpd()).isFalse();
    assertThat(List.of(a.connectTimeout(), a.queryTimeout(), a.retrieveTimeout()))
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofMinutes(2));
    assertThat(a.maxDocumentRequests()).isEqualTo(50);
  }

  @Test
  void anEmptyFileGivesTheDemoDefaults() throws Exception {
    BridgeConfig c = load(dir, "");
    assertThat(c.workDir()).isEqualTo(Path.of("var"));
    assertThat(c.front()).isEqualTo(new FrontConfig("127.0.0.1", 8080, "/dicomweb",
        List.of("http://localhost:3000", "http://127.0.0.1:3000")));
    assertThat(c.cache().directory()).isEqualTo(Path.of("var", "cache"));
    assertThat(c.cache().maxSize()).isEqualTo(ByteSize.ofGiB(10));
    assertThat(c.responder().enabled()).isTrue();
    assertThat(c.responder().servesDemo()).isTrue();
    assertThat(c.responder().port()).isEqualTo(8081);
    assertThat(c.demo()).isTrue();
    assertThat(c.responder().identity().homeCommunityId()).isEqualTo(c.responder().homeCommunityId());
  }

  /** The shipped conf/application.yaml writes the built-in defaults out, so both start the same demo. */
  @Test
  void theShippedFileIsTheBuiltInDefaults() throws Exception {
    ConfigLoader.Loaded shipped = ConfigLoader.load(Path.of("conf/application.yaml"), true, Map.of(), List.of());
    ConfigLoader.Loaded builtIn = ConfigLoader.load(dir.resolve("absent.yaml"), false, Map.of(), List.of());
    assertThat(shipped.config()).isEqualTo(builtIn.config());
    assertThat(builtIn.origin()).isEqualTo("built-in defaults (no " + dir.resolve("absent.yaml") + ")");
    assertThat(shipped.origin()).endsWith("application.yaml");
  }

  @Test
  void aNamedFileMustExist() {
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> ConfigLoader.load(dir.resolve("nope.yaml"), true, Map.of(), List.of()), ConfigException.class)
        .problems()).singleElement().asString().endsWith("nope.yaml: no such configuration file (--config)");
  }

  @Test
  void aWrongUrlIsNamedByItsPath() {
    problems(dir, COMMUNITY.replace("https://a.example/xcai/rad75", "ftp://a.example/rad75"))
        .containsExactly("communities[0].rad75Url: not an http(s) URL (http://host[:port]/path, no query or "
            + "credentials): 'ftp://a.example/rad75'");
    problems(dir, COMMUNITY.replace("https://a.example/xca/iti38", "https://a.example/q?x=1"))
        .singleElement().asString().startsWith("communities[0].iti38Url: not an http(s) URL");
    problems(dir, COMMUNITY.replace("https://a.example/xca/iti39", "not a url at all"))
        .singleElement().asString().startsWith("communities[0].iti39Url: not an http(s) URL");
  }

  @Test
  void unknownKeysAreRefusedWithADidYouMean() {
    problems(dir, "front:\n  prot: 9090\n").singleElement().asString()
        .startsWith("front.prot: unknown key (did you mean port?); known here: host, port, basePath, corsOrigins");
    problems(dir, "wrokDir: x\n").singleElement().asString().startsWith("wrokDir: unknown key (did you mean workDir?)");
    problems(dir, COMMUNITY + "    rad75url: https://x.example/\n").singleElement().asString()
        .startsWith("communities[0].rad75url: unknown key (did you mean rad75Url?)");
    problems(dir, "colour: blue\n").singleElement().asString().startsWith("colour: unknown key; known here:");
  }

  @Test
  void patientIdentityIsADomainOrXcpdExactlyOnce() {
    problems(dir, COMMUNITY + "    xcpd: true\n    iti55Url: https://a.example/xcpd\n").singleElement().asString()
        .startsWith("communities[0]: give either assigningAuthority (the community's patient identity domain) "
            + "or xcpd: true");
    problems(dir, COMMUNITY.replace("    assigningAuthority: 1.2.3.4.5\n", "")).singleElement().asString()
        .startsWith("communities[0]: give either assigningAuthority");
    problems(dir, COMMUNITY.replace("    assigningAuthority: 1.2.3.4.5\n", "    xcpd: true\n"))
        .containsExactly("communities[0]: xcpd: true needs iti55Url");
  }

  @Test
  void requiredEndpointsAndUniqueCommunities() {
    problems(dir, "communities:\n  - name: B\n    assigningAuthority: 1.2\n").containsExactly(
        "communities[0].homeCommunityId: required", "communities[0].iti38Url: required",
        "communities[0].iti39Url: required", "communities[0].rad75Url: required");
    String twice = COMMUNITY + COMMUNITY.replace("communities:\n", "").replace("Hospital A", "Hospital B");
    problems(dir, twice).containsExactly("communities[1].homeCommunityId: the same as communities[0]'s "
        + "(urn:oid:1.2.3.4): each community once");
  }

  @Test
  void valuesOutOfRangeOrOfTheWrongFormNameTheirLimits() {
    problems(dir, """
        front: {port: 70000, basePath: dicomweb/, corsOrigins: [http://ok.example, http://x.example/path]}
        cache: {maxSize: 1MiB, queryTtl: 30, metadataTtl: 31d}
        identity: {homeCommunityId: urn:oid:1.02.3, organisationOid: hospital}
        responder: {enabled: yes, port: http}
        """).containsExactly(
        "identity.homeCommunityId: not an OID (digits and dots, no leading zeros, at most 64 characters): "
            + "'urn:oid:1.02.3'",
        "identity.organisationOid: not an OID (digits and dots, no leading zeros, at most 64 characters): 'hospital'",
        "front.port: must be between 0 and 65535, was 70000",
        "front.basePath: must look like /dicomweb: segments of letters, digits and ._~- each after a /, no / at "
            + "the end; was 'dicomweb/'",
        "front.corsOrigins: 'http://x.example/path' is not an origin (scheme://host[:port], no path) nor *",
        "cache.maxSize: must be between 16MiB and 1024TiB, was 1MiB",
        "cache.queryTtl: not a duration like 250ms, 30s, 5m, 2h or 7d: '30'",
        "cache.metadataTtl: must be between 0s and 30d, was 31d",
        "responder.enabled: expected true or false, was 'yes'",
        "responder.port: not a whole number: 'http'");
  }

  @Test
  void shapesAreChecked() {
    problems(dir, "front: 8080\n").singleElement().asString()
        .isEqualTo("front: expected a mapping of keys (host, port, basePath, corsOrigins), found '8080'");
    problems(dir, "communities: {name: x}\n").containsExactly("communities: expected a list, found a mapping");
    problems(dir, "front:\n  port: [1, 2]\n").containsExactly("front.port: expected a single value, found a list");
    problems(dir, "front:\n  host: ''\n").containsExactly(
        "front.host: must not be empty (leave the key out for the default)");
    problems(dir, "- a\n- b\n").singleElement().asString().endsWith(
        "the top level must be a mapping of keys (workDir, front, …)");
  }

  @Test
  void theResponderServesOneArchive() {
    problems(dir, "responder: {folder: /data, dicomwebUrl: 'http://127.0.0.1:8042/dicom-web'}\n")
        .containsExactly("responder: give folder or dicomwebUrl, not both: the responder serves one archive");
  }

  @Test
  void oidsKeepWhatWasWritten() throws Exception {
    // YAML 1.1 would read 1.20 as the float 1.2; the configuration keeps the text
    BridgeConfig c = load(dir, "responder: {repositoryUniqueId: 1.20, assigningAuthority: '2.25.7'}\n");
    assertThat(c.responder().repositoryUniqueId()).isEqualTo("1.20");
    assertThat(c.responder().homeCommunityId()).startsWith("urn:oid:2.25.");
  }
}
