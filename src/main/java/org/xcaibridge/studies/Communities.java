package org.xcaibridge.studies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;

/**
 * The gateway's communities paired with their study profiles; each community must have exactly one. The set can
 * be replaced ({@link #replace}, a directory refresh): searches from then on go over the new set, while a search
 * or retrieval already running keeps its client — and finds that client's profile, which is kept for as long as
 * the client is referenced anywhere.
 */
final class Communities {
  private final Map<CommunityClient, CommunityProfile> byClient = Collections.synchronizedMap(new WeakHashMap<>());
  private volatile CommunityDirectory current;

  Communities(CommunityDirectory directory, List<CommunityProfile> profiles) {
    replace(directory, profiles);
  }

  /**
   * @throws IllegalArgumentException when profiles and communities do not pair up (the current set stays)
   */
  void replace(CommunityDirectory directory, List<CommunityProfile> profiles) {
    Map<String, CommunityProfile> byHome = new HashMap<>();
    for (CommunityProfile p : profiles) {
      if (directory.find(p.homeCommunityId()).isEmpty()) {
        throw new IllegalArgumentException("a study profile names community " + p.homeCommunityId()
            + ", which the community directory does not know");
      }
      if (byHome.put(p.homeCommunityId(), p) != null) {
        throw new IllegalArgumentException("two study profiles for community " + p.homeCommunityId());
      }
    }
    List<String> without = new ArrayList<>();
    for (CommunityClient c : directory.all()) {
      if (!byHome.containsKey(c.endpoints().homeCommunityId())) {
        without.add(c.endpoints().label());
      }
    }
    if (!without.isEmpty()) {
      throw new IllegalArgumentException("communities without a study profile: " + String.join(", ", without));
    }
    for (CommunityClient c : directory.all()) {
      byClient.put(c, byHome.get(c.endpoints().homeCommunityId()));
    }
    current = directory;
  }

  /** Every community, in configuration order. */
  List<CommunityClient> clients() {
    return current.all();
  }

  CommunityProfile profile(CommunityClient c) {
    return byClient.get(c);
  }

  /** The client of a community, or a {@link StudiesException.NotFound} naming the missing configuration. */
  CommunityClient client(String homeCommunityId) {
    return current.find(homeCommunityId).orElseThrow(() -> new StudiesException.NotFound(
        "the community " + homeCommunityId + " holding the study is no longer configured"));
  }

  static boolean usesXcpd(List<CommunityProfile> profiles) {
    return profiles.stream().anyMatch(CommunityProfile::xcpd);
  }
}
