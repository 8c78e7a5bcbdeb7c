package org.xcaibridge.trust;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the DICOMweb front listens, by the rule "front door bound to loopback unless token validation
 * is configured" (architecture.md, security by default; issue 7 point 4). Without token validation
 * anyone who reaches the port is served, so the port must be reachable from this machine only.
 *
 * @param host the address to bind
 * @param loopbackOnly whether that address is a loopback one
 * @param message the line to log at start-up, saying what was decided and why
 */
public record FrontDoorBinding(String host, boolean loopbackOnly, String message) {
  /** Where the front goes when it may not go where it was configured to. */
  public static final String LOOPBACK = "127.0.0.1";
  private static final Pattern IPV4_LOOPBACK = Pattern.compile(
      "127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

  /**
   * The effective binding for the configured host.
   *
   * @param configuredHost the host from the configuration (an address literal or "localhost")
   * @param tokenValidationConfigured whether front-door tokens are validated
   */
  public static FrontDoorBinding decide(String configuredHost, boolean tokenValidationConfigured) {
    if (configuredHost == null || configuredHost.isBlank()) {
      throw new IllegalArgumentException("the front door's host must be configured");
    }
    String host = configuredHost.strip();
    boolean loopback = isLoopback(host);
    if (tokenValidationConfigured) {
      return new FrontDoorBinding(host, loopback,
          "front door on " + host + ": every request needs a valid bearer token");
    }
    if (loopback) {
      return new FrontDoorBinding(host, true, "front door on " + host
          + " without token validation: only this machine can reach it");
    }
    return new FrontDoorBinding(LOOPBACK, true, "front door on " + LOOPBACK + " instead of the configured "
        + host + ": without token validation it listens on loopback only; configure token validation to "
        + "open it to other machines");
  }

  /**
   * Whether host is a loopback address written literally, or "localhost". Names are not resolved: a
   * name that resolves to loopback today may not tomorrow, so it counts as not loopback.
   */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || IPV4_LOOPBACK.matcher(h).matches() || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }
}
