package org.xcaibridge.gateway;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one responding community answers: its homeCommunityId, a name people recognise (used in error
 * messages and {@code Warning} headers), and the URL of each transaction's responding gateway endpoint
 * (ITI-55 XCPD, ITI-38 Cross Gateway Query, ITI-39 Cross Gateway Retrieve, RAD-75 Cross Gateway Retrieve
 * Imaging Document Set; protocol.md §1.2). Real directories list one URL per transaction (§7.4), so they are
 * kept apart even when a test peer serves them all.
 *
 * @param homeCommunityId {@code urn:oid:…} (protocol.md §2.6)
 * @param name            a short human name, never blank
 * @param iti55           the XCPD endpoint; empty for a community whose patient ids are known by
 *                        configuration (an identity domain)
 * @param iti38           the Cross Gateway Query endpoint
 * @param iti39           the Cross Gateway Retrieve endpoint (manifests)
 * @param rad75           the Cross Gateway Retrieve Imaging Document Set endpoint (images)
 */
public record CommunityEndpoints(String homeCommunityId, String name, Optional<URI> iti55, URI iti38, URI iti39,
    URI rad75) {
  private static final Pattern URN_OID = Pattern.compile("urn:oid:[0-2](\\.(0|[1-9][0-9]*))+");

  public CommunityEndpoints {
    if (homeCommunityId == null || !URN_OID.matcher(homeCommunityId).matches()) {
      throw new IllegalArgumentException("homeCommunityId must be urn:oid:<dotted OID>, was '" + homeCommunityId
          + "'");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("community name must not be blank (" + homeCommunityId + ")");
    }
    Objects.requireNonNull(iti55, "iti55").ifPresent(u -> checkUrl(u, "iti55", homeCommunityId));
    checkUrl(iti38, "iti38", homeCommunityId);
    checkUrl(iti39, "iti39", homeCommunityId);
    checkUrl(rad75, "rad75", homeCommunityId);
  }

  /** The same, with {@code iti55} null when the community has no XCPD endpoint. */
  public static CommunityEndpoints of(String homeCommunityId, String name, URI iti55, URI iti38, URI iti39,
      URI rad75) {
    return new CommunityEndpoints(homeCommunityId, name, Optional.ofNullable(iti55), iti38, iti39, rad75);
  }

  /** "name (urn:oid:…)": how messages and warnings name the community. */
  public String label() {
    return name + " (" + homeCommunityId + ")";
  }

  private static void checkUrl(URI url, String which, String home) {
    if (url == null) {
      throw new IllegalArgumentException(which + " URL is required for community " + home);
    }
    String scheme = url.getScheme();
    if (!url.isAbsolute() || url.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(which + " URL of community " + home
          + " must be an absolute http or https URL with a host, was '" + url + "'");
    }
    if (url.getRawFragment() != null || url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(which + " URL of community " + home
          + " must carry no fragment and no user info, was '" + url + "'");
    }
  }
}
