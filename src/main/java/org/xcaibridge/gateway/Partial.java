package org.xcaibridge.gateway;

import java.util.List;

/**
 * The result of asking several communities: what those that answered gave, and which failed and why, so the
 * front can answer with the results and a {@code Warning} naming the failures.
 *
 * @param results  one per community that answered, in the order the communities were given
 * @param failures one per community that failed or timed out, in the same order
 */
public record Partial<T>(List<T> results, List<CommunityFailure> failures) {
  public Partial {
    results = List.copyOf(results);
    failures = List.copyOf(failures);
  }

  public boolean complete() {
    return failures.isEmpty();
  }
}
