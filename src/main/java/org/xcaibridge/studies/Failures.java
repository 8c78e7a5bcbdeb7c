package org.xcaibridge.studies;

import org.xcaibridge.cache.CacheException;
import org.xcaibridge.gateway.CommunityFailure;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;

/** The one place where failures of the layers below become {@link StudiesException}s. */
final class Failures {
  private Failures() {}

  /**
   * The failure as the front should see it.
   *
   * @param community "name (urn:oid:…)" of the community involved when the failure does not say, or null
   */
  static Throwable translate(Throwable t, String community) {
    if (t instanceof StudiesException) {
      return t;
    }
    if (t instanceof GatewayException g) {
      if (g instanceof GatewayException.ErrorResponse e) {
        for (RegistryError r : e.errors()) {
          RegistryErrorCode code = r.knownCode().orElse(null);
          if (code == RegistryErrorCode.WADO_NOT_IN_TRANSFER_SYNTAX
              || code == RegistryErrorCode.WADO_NO_ACCEPTABLE_CONTENT_TYPE) {
            return new StudiesException.TransferSyntaxRefused(g.community().label(), java.util.List.of());
          }
        }
      }
      return new StudiesException.CommunityFailed(g.community().label(), g.isTimeout(), g.getMessage(), g);
    }
    if (t instanceof CacheException.Rejected r) {
      String who = community == null ? "the community" : community;
      return new StudiesException.UnusableAnswer(community, who + " sent an instance the cache cannot keep: "
          + r.getMessage(), r);
    }
    if (t instanceof CacheException c) {
      return new StudiesException.LocalFailure("the instance cache failed: " + c.getMessage(), c);
    }
    if (community != null) {
      return new StudiesException.CommunityFailed(community, false, community + ": " + t.getMessage(), t);
    }
    return new StudiesException.LocalFailure(String.valueOf(t.getMessage()), t);
  }

  /** A fan-out failure as the front names it. */
  static CommunityProblem problem(CommunityFailure f) {
    Throwable cause = f.cause();
    String reason = cause instanceof GatewayException ? cause.getMessage()
        : f.community().label() + ": " + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new CommunityProblem(f.community().homeCommunityId(), f.community().name(), f.timedOut(), reason);
  }
}
