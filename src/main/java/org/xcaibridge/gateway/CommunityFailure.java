package org.xcaibridge.gateway;

import java.util.Objects;

/**
 * One community that did not answer a fan-out in time or at all, and why.
 *
 * @param community the community
 * @param cause     what went wrong: a {@link GatewayException} when the community was at fault; anything else is
 *                  a fault of ours (a request that could not be written)
 */
public record CommunityFailure(CommunityEndpoints community, Throwable cause) {
  public CommunityFailure {
    Objects.requireNonNull(community, "community");
    Objects.requireNonNull(cause, "cause");
  }

  /** Whether it was too slow rather than broken. */
  public boolean timedOut() {
    return cause instanceof GatewayException g && g.isTimeout();
  }
}
