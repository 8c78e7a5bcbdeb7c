package org.xcaibridge.gateway;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The communities the bridge knows, by homeCommunityId: where an answer's {@code home} attribute, a manifest's
 * DocumentEntry or an XCPD custodian sends us, and the list a fan-out goes over.
 */
public final class CommunityDirectory {
  private final Map<String, CommunityClient> byHome;

  private CommunityDirectory(Map<String, CommunityClient> byHome) {
    this.byHome = byHome;
  }

  /**
   * @throws IllegalArgumentException when two clients share a homeCommunityId
   */
  public static CommunityDirectory of(List<CommunityClient> clients) {
    Map<String, CommunityClient> map = new LinkedHashMap<>();
    for (CommunityClient c : clients) {
      String home = c.endpoints().homeCommunityId();
      if (map.putIfAbsent(home, c) != null) {
        throw new IllegalArgumentException("two communities share homeCommunityId " + home + ": "
            + map.get(home).endpoints().name() + " and " + c.endpoints().name());
      }
    }
    return new CommunityDirectory(map);
  }

  /** The client of a community, by {@code urn:oid:…} (a bare dotted OID is accepted too, as peers send both). */
  public Optional<CommunityClient> find(String homeCommunityId) {
    if (homeCommunityId == null) {
      return Optional.empty();
    }
    String h = homeCommunityId.strip();
    CommunityClient c = byHome.get(h);
    if (c == null && !h.startsWith("urn:oid:")) {
      c = byHome.get("urn:oid:" + h);
    }
    return Optional.ofNullable(c);
  }

  /** Every community, in configuration order. */
  public List<CommunityClient> all() {
    return List.copyOf(byHome.values());
  }

  /** Closes every client's connections. */
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    byHome.values().forEach(c -> closing.add(c.close()));
    return Future.join(closing).mapEmpty();
  }
}
