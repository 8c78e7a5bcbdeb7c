package org.xcaibridge.studies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;

/**
 * The gateway's communities paired with their study profiles; each community must have exactly one. The clients it
 * gives speak for its {@link Requester}: {@link #askedBy} makes the view for one request. The set can be replaced
 * ({@link #replace}, a directory refresh), for every view at once: searches from then on go over the new set, while
 * a search or retrieval already running keeps its client and still finds that community's profile.
 */
final class Communities {
  /** What every view shares. */
  private static final class Shared {
    volatile CommunityDirectory directory;
    /**
     * By homeCommunityId, of the current communities and of removed ones (what began before a refresh finishes
     * with its community's profile): one small record per community ever listed.
     */
    final Map<String, CommunityProfile> profiles = new ConcurrentHashMap<>();
  }

  private final Shared shared;
  private final Requester requester;

  private Communities(Shared shared, Requester requester) {
    this.shared = shared;
    this.requester = requester;
  }

  Communities(CommunityDirectory directory, List<CommunityProfile> profiles) {
    this(new Shared(), Requester.service());
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
    // profiles first: whoever sees the new directory finds its profiles
    shared.profiles.putAll(byHome);
    shared.directory = directory;
  }

  /** The same communities, whose clients speak for {@code who}. */
  Communities askedBy(Requester who) {
    return new Communities(shared, who);
  }

  boolean isService() {
    return requester == Requester.service();
  }

  /** Every community, in configuration order. */
  List<CommunityClient> clients() {
    return shared.directory.all().stream().map(requester::client).toList();
  }

  CommunityProfile profile(CommunityClient c) {
    return shared.profiles.get(c.endpoints().homeCommunityId());
  }

  /** The client of a community, or a {@link StudiesException.NotFound} naming the missing configuration. */
  CommunityClient client(String homeCommunityId) {
    return requester.client(shared.directory.find(homeCommunityId).orElseThrow(() -> new StudiesException.NotFound(
        "the community " + homeCommunityId + " holding the study is no longer configured")));
  }

  static boolean usesXcpd(List<CommunityProfile> profiles) {
    return profiles.stream().anyMatch(CommunityProfile::xcpd);
  }
}
