package org.xcaibridge.studies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;

/**
 * The gateway's communities paired with their study profiles; each community must have exactly one. The clients it
 * gives speak for its {@link Requester}: {@link #askedBy} makes the view for one request.
 */
final class Communities {
  private final CommunityDirectory directory;
  private final Map<String, CommunityProfile> profiles;
  private final Requester requester;

  private Communities(CommunityDirectory directory, Map<String, CommunityProfile> profiles, Requester requester) {
    this.directory = directory;
    this.profiles = profiles;
    this.requester = requester;
  }

  Communities(CommunityDirectory directory, List<CommunityProfile> profiles) {
    this.directory = directory;
    this.profiles = new HashMap<>();
    this.requester = Requester.service();
    for (CommunityProfile p : profiles) {
      if (directory.find(p.homeCommunityId()).isEmpty()) {
        throw new IllegalArgumentException("a study profile names community " + p.homeCommunityId()
            + ", which the community directory does not know");
      }
      if (this.profiles.put(p.homeCommunityId(), p) != null) {
        throw new IllegalArgumentException("two study profiles for community " + p.homeCommunityId());
      }
    }
    List<String> without = new ArrayList<>();
    for (CommunityClient c : directory.all()) {
      if (!this.profiles.containsKey(c.endpoints().homeCommunityId())) {
        without.add(c.endpoints().label());
      }
    }
    if (!without.isEmpty()) {
      throw new IllegalArgumentException("communities without a study profile: " + String.join(", ", without));
    }
  }

  /** The same communities, whose clients speak for {@code who}. */
  Communities askedBy(Requester who) {
    return new Communities(directory, profiles, who);
  }

  boolean isService() {
    return requester == Requester.service();
  }

  /** Every community, in configuration order. */
  List<CommunityClient> clients() {
    return directory.all().stream().map(requester::client).toList();
  }

  CommunityProfile profile(CommunityClient c) {
    return profiles.get(c.endpoints().homeCommunityId());
  }

  /** The client of a community, or a {@link StudiesException.NotFound} naming the missing configuration. */
  CommunityClient client(String homeCommunityId) {
    return requester.client(directory.find(homeCommunityId).orElseThrow(() -> new StudiesException.NotFound(
        "the community " + homeCommunityId + " holding the study is no longer configured")));
  }

  boolean usesXcpd() {
    return profiles.values().stream().anyMatch(CommunityProfile::xcpd);
  }
}
