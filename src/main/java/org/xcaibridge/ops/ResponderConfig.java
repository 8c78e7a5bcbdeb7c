package org.xcaibridge.ops;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.xcaibridge.responder.ResponderIdentity;

/**
 * Our own Responding Imaging Gateway (issue 4): whether this process runs it, where it listens, what it serves
 * — a folder of Part 10 files, a DICOMweb origin, or, when neither is given, the demo studies generated under
 * the work directory — and the identity it answers with. The default identity is the demo community's,
 * invented OIDs under the UUID root (PS3.5 §B.2).
 *
 * @param folder      a folder of Part 10 files, or null
 * @param dicomwebUrl a DICOMweb origin (its QIDO-RS/WADO-RS root), or null
 */
public record ResponderConfig(boolean enabled, String host, int port, Path folder, URI dicomwebUrl,
                              String homeCommunityId, String repositoryUniqueId, String assigningAuthority) {
  static final String DEFAULT_HOST = "127.0.0.1";
  /** Beside the front's 8080, so that an IHE client can be pointed at the same place every time. */
  static final int DEFAULT_PORT = 8081;
  static final String DEMO_HOME_COMMUNITY_ID = "urn:oid:2.25.329056225434616567808848201452575314006";
  static final String DEMO_REPOSITORY_UNIQUE_ID = "2.25.106920784806527971944124655371441023188";
  static final String DEMO_ASSIGNING_AUTHORITY = "2.25.136404940048333220454835620594432597977";

  public ResponderConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (folder != null && dicomwebUrl != null) {
      throw new IllegalArgumentException("give folder or dicomwebUrl, not both: the responder serves one archive");
    }
    Objects.requireNonNull(homeCommunityId, "homeCommunityId");
    Objects.requireNonNull(repositoryUniqueId, "repositoryUniqueId");
    Objects.requireNonNull(assigningAuthority, "assigningAuthority");
  }

  /** Null when a value is wrong or folder and dicomwebUrl are both given; the problems say which. */
  static ResponderConfig readOrNull(ConfigReader r) {
    int before = r.problems().count();
    boolean enabled = r.flag("enabled", true);
    String host = FrontConfig.host(r, "host", DEFAULT_HOST);
    int port = r.port("port", DEFAULT_PORT);
    Path folder = r.path("folder", null);
    URI dicomwebUrl = r.httpUrl("dicomwebUrl", null);
    String home = r.homeCommunityId("homeCommunityId", DEMO_HOME_COMMUNITY_ID);
    String repository = r.oid("repositoryUniqueId", DEMO_REPOSITORY_UNIQUE_ID);
    String authority = r.oid("assigningAuthority", DEMO_ASSIGNING_AUTHORITY);
    if (r.problems().count() > before) {
      return null;
    }
    try {
      return new ResponderConfig(enabled, host, port, folder, dicomwebUrl, home, repository, authority);
    } catch (IllegalArgumentException e) {
      r.problem(e.getMessage());
      return null;
    }
  }

  /** True when neither a folder nor an origin is given: the responder serves the generated demo studies. */
  public boolean servesDemo() {
    return folder == null && dicomwebUrl == null;
  }

  public ResponderIdentity identity() {
    return new ResponderIdentity(homeCommunityId.substring(ConfigReader.URN_OID.length()), repositoryUniqueId,
        assigningAuthority);
  }
}
