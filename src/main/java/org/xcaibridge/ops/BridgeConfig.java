package org.xcaibridge.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration, validated: the work directory everything the process creates lives under, the
 * bridge's identity, its DICOMweb front and the bearer tokens it asks for ({@code frontDoor}; null: none, and the
 * front stays on loopback), its cache, the embedded responder and the communities it talks to, with the signed XUA
 * assertions sent to them ({@code xua}; null: none) and the ATNA audit trail ({@code audit}; null: none).
 * Built by {@link ConfigLoader} from {@code conf/application.yaml}, environment variables and options.
 */
public record BridgeConfig(Path workDir, IdentityConfig identity, FrontConfig front, CacheConfig cache,
                           ResponderConfig responder, List<CommunityConfig> communities,
                           DirectoryConfig communityDirectory, TlsConfig tls, LifecycleConfig lifecycle,
                           LoggingConfig logging, SecureConfig secure, FrontDoorConfig frontDoor,
                           XuaConfig xua, AuditConfig audit) {
  static final Path DEFAULT_WORK_DIR = Path.of("var");
  /** More communities than any network has; a longer list is a mistake (or an alias bomb) to refuse early. */
  static final int MAX_COMMUNITIES = 1_000;

  public BridgeConfig {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(front, "front");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(responder, "responder");
    communities = List.copyOf(communities);
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(secure, "secure");
  }

  /**
   * Demo mode: the embedded responder runs and no community is configured, so the bridge talks to that
   * responder alone, over plain HTTP on loopback.
   */
  public boolean demo() {
    return responder.enabled() && communities.isEmpty() && communityDirectory == null;
  }

  /** Null when a problem was recorded; the problems say what. */
  static BridgeConfig read(ConfigReader r) {
    int before = r.problems().count();
    Path workDir = r.path("workDir", DEFAULT_WORK_DIR);
    IdentityConfig identity = IdentityConfig.read(section(r, "identity"));
    FrontConfig front = FrontConfig.read(section(r, "front"));
    CacheConfig cache = CacheConfig.read(section(r, "cache"), workDir);
    ResponderConfig responder = ResponderConfig.readOrNull(section(r, "responder"));
    List<CommunityConfig> communities = communities(r);
    DirectoryConfig directory = DirectoryConfig.readOrNull(section(r, "communityDirectory"));
    TlsConfig tls = TlsConfig.readOrNull(section(r, "tls"));
    LifecycleConfig lifecycle = LifecycleConfig.read(section(r, "health"), section(r, "shutdown"));
    LoggingConfig logging = LoggingConfig.read(section(r, "logging"));
    SecureConfig secure = SecureConfig.read(section(r, "secure"));
    FrontDoorConfig frontDoor = FrontDoorConfig.readOrNull(section(r, "frontDoor"), identity);
    ConfigReader xuaSection = section(r, "xua");
    XuaConfig xua = XuaConfig.readOrNull(xuaSection, identity, tls);
    ConfigReader auditSection = section(r, "audit");
    AuditConfig audit = AuditConfig.readOrNull(auditSection);
    if (tls == null && ConfigSchema.SECTIONS.get("xua").stream().anyMatch(xuaSection::has)) {
      r.problem("xua", "needs tls (tls.directory): an assertion sent over plain HTTP can be read and replayed by "
          + "anyone on the path, and Carequality gateways require two-way TLS");
    }
    // the secure demo presents its test client certificate instead
    if (audit != null && audit.transport() == SecureConfig.AuditTransport.TLS && tls == null && !secure.enabled()) {
      auditSection.problem("transport", "tls presents the tls: client certificate, and tls is not configured: "
          + "configure tls.directory, or use transport: udp");
    }
    if (audit != null && secure.auditHost() != null) {
      r.problem("audit", "secure.auditHost names an audit repository too: give it once, in audit");
    }
    if (r.problems().count() > before) {
      return null;
    }
    return new BridgeConfig(workDir, identity, front, cache, responder, communities, directory, tls, lifecycle,
        logging, secure, frontDoor, xua, audit);
  }

  private static ConfigReader section(ConfigReader r, String key) {
    return r.section(key, ConfigSchema.SECTIONS.get(key));
  }

  private static List<CommunityConfig> communities(ConfigReader r) {
    List<ConfigReader> items = r.sections(ConfigSchema.COMMUNITIES, ConfigSchema.COMMUNITY);
    if (items.size() > MAX_COMMUNITIES) {
      r.problem(ConfigSchema.COMMUNITIES, "at most " + MAX_COMMUNITIES + " communities, found " + items.size());
      return List.of();
    }
    List<CommunityConfig> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (ConfigReader item : items) {
      CommunityConfig c = CommunityConfig.read(item);
      if (c == null) {
        continue;
      }
      String first = seen.putIfAbsent(c.homeCommunityId(), item.path());
      if (first != null) {
        item.problem("homeCommunityId", "the same as " + first + "'s (" + c.homeCommunityId()
            + "): each community once");
      }
      out.add(c);
    }
    return out;
  }
}
