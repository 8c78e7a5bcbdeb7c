package org.xcaibridge.ops;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One community the bridge queries and retrieves from (IHE XCA / XCA-I): its homeCommunityId ({@code urn:oid:}
 * form), a name for logs and warnings, the Responding Gateway endpoints (ITI-38 Cross Gateway Query, ITI-39
 * Cross Gateway Retrieve, RAD-75 Cross Gateway Retrieve Imaging Document Set, and ITI-55 XCPD when patients
 * are located that way), how its patients are identified — by a fixed patient identity domain (the assigning
 * authority OID of its CX ids) or by XCPD — and its limits.
 *
 * @param connectTimeout      the longest wait for a connection to be set up
 * @param queryTimeout        the longest an ITI-55, ITI-38 or ITI-39 exchange may take in all
 * @param retrieveTimeout     the longest a RAD-75 response may stay silent (a whole study may take longer)
 * @param maxDocumentRequests the most DocumentRequests one RAD-75 request may carry; bigger retrievals are split
 * @param xua                 what the assertions sent to it need where it differs from the default ({@code xua:})
 */
public record CommunityConfig(String homeCommunityId, String name, URI iti55Url, URI iti38Url, URI iti39Url,
                              URI rad75Url, String assigningAuthority, boolean xcpd, Duration connectTimeout,
                              Duration queryTimeout, Duration retrieveTimeout, int maxDocumentRequests,
                              CommunityXua xua) {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DEFAULT_RETRIEVE_TIMEOUT = Duration.ofSeconds(60);
  static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  static final int DEFAULT_MAX_DOCUMENT_REQUESTS = 100;
  static final int MAX_DOCUMENT_REQUESTS = 10_000;

  public CommunityConfig {
    Objects.requireNonNull(homeCommunityId, "homeCommunityId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(iti38Url, "iti38Url");
    Objects.requireNonNull(iti39Url, "iti39Url");
    Objects.requireNonNull(rad75Url, "rad75Url");
    if (xcpd == (assigningAuthority != null)) {
      throw new IllegalArgumentException("give either assigningAuthority (the community's patient identity domain) "
          + "or xcpd: true (patients located with ITI-55), exactly one");
    }
    if (xcpd && iti55Url == null) {
      throw new IllegalArgumentException("xcpd: true needs iti55Url");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(retrieveTimeout, "retrieveTimeout");
    if (maxDocumentRequests < 1) {
      throw new IllegalArgumentException("maxDocumentRequests must be at least 1, was " + maxDocumentRequests);
    }
    Objects.requireNonNull(xua, "xua");
  }

  /** Null when a required key is missing or a value is wrong; the problems say which. */
  static CommunityConfig read(ConfigReader r) {
    int before = r.problems().count();
    String home = required(r, "homeCommunityId", r.homeCommunityId("homeCommunityId", null));
    String name = r.text("name", home);
    URI iti55 = r.httpUrl("iti55Url", null);
    URI iti38 = required(r, "iti38Url", r.httpUrl("iti38Url", null));
    URI iti39 = required(r, "iti39Url", r.httpUrl("iti39Url", null));
    URI rad75 = required(r, "rad75Url", r.httpUrl("rad75Url", null));
    String authority = r.oid("assigningAuthority", null);
    boolean xcpd = r.flag("xcpd", false);
    Duration connect = r.duration("connectTimeout", DEFAULT_CONNECT_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);
    Duration query = r.duration("queryTimeout", DEFAULT_QUERY_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);
    Duration retrieve = r.duration("retrieveTimeout", DEFAULT_RETRIEVE_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);
    int max = r.integer("maxDocumentRequests", DEFAULT_MAX_DOCUMENT_REQUESTS, 1, MAX_DOCUMENT_REQUESTS);
    CommunityXua xua = r.has("xua") ? CommunityXua.read(r.section("xua", ConfigSchema.COMMUNITY_XUA))
        : CommunityXua.DEFAULT;
    if (r.problems().count() > before) {
      return null;
    }
    try {
      return new CommunityConfig(home, name, iti55, iti38, iti39, rad75, authority, xcpd, connect, query, retrieve,
          max, xua);
    } catch (IllegalArgumentException e) {
      r.problem(e.getMessage());
      return null;
    }
  }

  private static <T> T required(ConfigReader r, String key, T value) {
    if (value == null && !r.has(key)) {
      r.problem(key, "required");
    }
    return value;
  }
}
