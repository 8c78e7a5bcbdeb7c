package org.xcaibridge.dicomweb;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Which web origins may call the DICOMweb front from a browser (a viewer served from another origin, as
 * OHIF often is), and for how long a preflight answer may be cached. {@code *} alone allows any origin,
 * which is incompatible with credentials (the Fetch standard refuses {@code *} with credentials).
 */
public record CorsSettings(List<String> allowedOrigins, boolean allowCredentials, Duration maxAge) {
  public static final CorsSettings NONE = new CorsSettings(List.of(), false, Duration.ofMinutes(10));

  public CorsSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    if (allowedOrigins.contains("*") && allowedOrigins.size() > 1) {
      throw new IllegalArgumentException("allowedOrigins: * allows every origin and cannot be listed with others");
    }
    if (allowedOrigins.contains("*") && allowCredentials) {
      throw new IllegalArgumentException("allowedOrigins: * cannot be used with allowCredentials; list the origins");
    }
    for (String o : allowedOrigins) {
      if (!o.equals("*") && !isOrigin(o)) {
        throw new IllegalArgumentException("allowedOrigins: '" + o + "' is not an origin (scheme://host[:port], no path)");
      }
    }
    if (maxAge.isNegative() || maxAge.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxAge must be ≥ 0 s, was " + maxAge);
    }
  }

  public boolean anyOrigin() {
    return allowedOrigins.contains("*");
  }

  private static boolean isOrigin(String o) {
    try {
      URI u = new URI(o);
      return (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null
          && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null && u.getRawFragment() == null
          && u.getRawUserInfo() == null;
    } catch (Exception e) {
      return false;
    }
  }
}
