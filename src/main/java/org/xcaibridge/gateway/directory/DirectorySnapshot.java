package org.xcaibridge.gateway.directory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.xcaibridge.gateway.CommunityEndpoints;

/**
 * One good read of the directory: the communities it lists (in bundle order), the organisations left out and
 * why, where it came from and when.
 *
 * @param communities usable communities, each homeCommunityId once
 * @param skipped     one sentence per organisation (or endpoint) left out: "Org X (urn:oid:…): no ITI-39 endpoint"
 */
public record DirectorySnapshot(List<CommunityEndpoints> communities, List<String> skipped, String source,
                                Instant loadedAt) {
  public DirectorySnapshot {
    communities = List.copyOf(communities);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(loadedAt, "loadedAt");
  }
}
