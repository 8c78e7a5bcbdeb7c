package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * Environment variables override the file and options override both; a problem in an overriding value names
 * the variable or option it came from; a variable that names no key is refused with a did-you-mean.
 */
class ConfigOverridesEnvironmentThenOptionsTest {
  @TempDir
  Path dir;

  private static final String FILE = """
      workDir: /srv/file
      front: {port: 9000, corsOrigins: [http://file.example]}
      cache: {maxSize: 1GiB}
      responder: {folder: /srv/dicom}
      x-timeouts: &timeouts {connectTimeout: 1s, queryTimeout: 9s}
      """;

  @Test
  void theEnvironmentOverridesTheFile() throws Exception {
    BridgeConfig c = load(dir, FILE.replace("x-timeouts: &timeouts {connectTimeout: 1s, queryTimeout: 9s}\n", ""),
        Map.of("XCAI_FRONT_PORT", "9100", "XCAI_CACHE_MAX_SIZE", "3GiB", "XCAI_WORK_DIR", "/srv/env",
            "XCAI_FRONT_CORS_ORIGINS", "http://a.example, http://b.example:8000", "PATH", "/usr/bin"));
    assertThat(c.front().port()).isEqualTo(9100);
    assertThat(c.cache().maxSize()).isEqualTo(ByteSize.ofGiB(3));
    assertThat(c.workDir()).isEqualTo(Path.of("/srv/env"));
    assertThat(c.cache().directory()).isEqualTo(Path.of("/srv/env/cache"));
    assertThat(c.front().corsOrigins()).containsExactly("http://a.example", "http://b.example:8000");
    assertThat(c.responder().folder()).isEqualTo(Path.of("/srv/dicom"));
  }

  @Test
  void optionsOverrideTheEnvironmentAndTheFile() throws Exception {
    String file = FILE.replace("x-timeouts: &timeouts {connectTimeout: 1s, queryTimeout: 9s}\n", "");
    BridgeConfig c = load(dir, file, Map.of("XCAI_FRONT_PORT", "9100", "XCAI_WORK_DIR", "/srv/env"),
        "--port", "9200", "--work-dir=/srv/option", "--responder-port", "0", "--host", "::1");
    assertThat(c.front().port()).isEqualTo(9200);
    assertThat(c.front().host()).isEqualTo("::1");
    assertThat(c.workDir()).isEqualTo(Path.of("/srv/option"));
    assertThat(c.responder().port()).isZero();
    // --data names the folder to serve; on the responder command --dicomweb replaces a folder from the file
    assertThat(load(dir, file, Map.of(), "--data", "/srv/other").responder().folder()).isEqualTo(Path.of("/srv/other"));
    LaunchOptions responder = LaunchOptions.parse(LaunchOptions.Mode.RESPONDER, new String[] {
        "--config", ConfigFiles.write(dir, file).toString(), "--dicomweb", "http://127.0.0.1:8042/dicom-web",
        "--port", "0"});
    BridgeConfig r = ConfigLoader.load(responder.configFile(), true, Map.of("XCAI_RESPONDER_ENABLED", "false"),
        responder.overrides()).config();
    assertThat(r.responder().folder()).isNull();
    assertThat(r.responder().dicomwebUrl()).isEqualTo(URI.create("http://127.0.0.1:8042/dicom-web"));
    assertThat(r.responder().enabled()).as("the responder command runs the responder").isTrue();
    assertThat(r.responder().port()).isZero();
  }

  @Test
  void aBadOverridingValueNamesWhereItCameFrom() {
    problems(dir, "", Map.of("XCAI_FRONT_PORT", "eighty")).containsExactly(
        "front.port (from environment variable XCAI_FRONT_PORT): not a whole number: 'eighty'");
    problems(dir, "", Map.of(), "--port", "-1").containsExactly(
        "front.port (from --port): must be between 0 and 65535, was -1");
    problems(dir, "", Map.of("XCAI_COMMUNITIES_0_RAD75_URL", "gopher://x")).contains(
        "communities[0].rad75Url (from environment variable XCAI_COMMUNITIES_0_RAD75_URL): not an http(s) URL "
            + "(http://host[:port]/path, no query or credentials): 'gopher://x'");
  }

  @Test
  void anUnknownVariableIsRefusedWithADidYouMean() {
    problems(dir, "", Map.of("XCAI_FRONT_PROT", "9000")).containsExactly(
        "environment variable XCAI_FRONT_PROT: names no configuration key (did you mean XCAI_FRONT_PORT?)");
    problems(dir, "", Map.of("XCAI_COMMUNITIES_3_RAD_75_URL", "http://x")).containsExactly(
        "environment variable XCAI_COMMUNITIES_3_RAD_75_URL: names no configuration key "
            + "(did you mean XCAI_COMMUNITIES_3_RAD75_URL?)");
    problems(dir, "", Map.of("XCAI_SOMETHING_ELSE", "1")).singleElement().asString()
        .isEqualTo("environment variable XCAI_SOMETHING_ELSE: names no configuration key");
  }

  @Test
  void theEnvironmentAloneCanDescribeACommunity() throws Exception {
    BridgeConfig c = load(dir, "", Map.of(
        "XCAI_COMMUNITIES_0_HOME_COMMUNITY_ID", "1.2.3.4",
        "XCAI_COMMUNITIES_0_ITI38_URL", "https://a.example/iti38",
        "XCAI_COMMUNITIES_0_ITI39_URL", "https://a.example/iti39",
        "XCAI_COMMUNITIES_0_RAD75_URL", "https://a.example/rad75",
        "XCAI_COMMUNITIES_0_XCPD", "true",
        "XCAI_COMMUNITIES_0_ITI55_URL", "https://a.example/iti55",
        "XCAI_COMMUNITIES_0_QUERY_TIMEOUT", "3s"));
    CommunityConfig a = c.communities().get(0);
    assertThat(a.homeCommunityId()).isEqualTo("urn:oid:1.2.3.4");
    assertThat(a.xcpd()).isTrue();
    assertThat(a.queryTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.demo()).isFalse();
    problems(dir, "", Map.of("XCAI_COMMUNITIES_2_NAME", "x")).containsExactly(
        "communities[2].name (from environment variable XCAI_COMMUNITIES_2_NAME): communities has 0 entries: "
            + "number new entries from 0 without gaps");
  }

  /** Two communities sharing one aliased block: a variable set for one must not change the other. */
  @Test
  void anOverrideOfAnAliasedBlockChangesOneCommunityOnly() throws Exception {
    String file = """
        x: &endpoints
          iti38Url: https://a.example/iti38
          iti39Url: https://a.example/iti39
          rad75Url: https://a.example/rad75
          assigningAuthority: 1.2.3
        communities:
          - {<<: *endpoints, homeCommunityId: '1.1'}
          - {<<: *endpoints, homeCommunityId: '1.2'}
        """;
    // the unknown top-level key x is refused: anchors belong in a key the schema knows
    problems(dir, file).singleElement().asString().startsWith("x: unknown key");
    String shared = """
        communities:
          - &one {homeCommunityId: '1.1', iti38Url: 'https://a.example/iti38', iti39Url: 'https://a.example/iti39',
                  rad75Url: 'https://a.example/rad75', assigningAuthority: 1.2.3}
          - *one
        """;
    problems(dir, shared).singleElement().asString().startsWith("communities[1].homeCommunityId: the same as");
    BridgeConfig c = load(dir, shared, Map.of("XCAI_COMMUNITIES_0_NAME", "First",
        "XCAI_COMMUNITIES_1_HOME_COMMUNITY_ID", "1.2"));
    assertThat(c.communities()).extracting(CommunityConfig::homeCommunityId)
        .containsExactly("urn:oid:1.1", "urn:oid:1.2");
    assertThat(c.communities()).extracting(CommunityConfig::name).containsExactly("First", "urn:oid:1.2");
  }

  @Test
  void optionsThemselvesAreChecked() {
    assertThatThrownBy(() -> LaunchOptions.parse(LaunchOptions.Mode.BRIDGE, new String[] {"--prot", "1"}))
        .hasMessage("unknown option: --prot (did you mean --port?)");
    assertThatThrownBy(() -> LaunchOptions.parse(LaunchOptions.Mode.BRIDGE, new String[] {"--folder", "x"}))
        .hasMessageStartingWith("unknown option: --folder");
    assertThatThrownBy(() -> LaunchOptions.parse(LaunchOptions.Mode.BRIDGE, new String[] {"--port"}))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> LaunchOptions.parse(LaunchOptions.Mode.RESPONDER,
        new String[] {"--folder", "x", "--dicomweb", "http://127.0.0.1:1/"}))
        .hasMessage("give --folder or --dicomweb, not both: the responder serves one archive");
    LaunchOptions o = LaunchOptions.parse(LaunchOptions.Mode.BRIDGE, new String[0]);
    assertThat(o.configFile()).isEqualTo(Path.of("conf/application.yaml"));
    assertThat(o.configGiven()).isFalse();
    assertThat(o.overrides()).isEmpty();
    assertThat(LaunchOptions.parse(LaunchOptions.Mode.BRIDGE, new String[] {"-h"}).help()).isTrue();
    assertThat(List.of(ConfigSchema.envName("communities", "0", "rad75Url"), ConfigSchema.envName("cache", "maxSize")))
        .containsExactly("XCAI_COMMUNITIES_0_RAD75_URL", "XCAI_CACHE_MAX_SIZE");
  }
}
