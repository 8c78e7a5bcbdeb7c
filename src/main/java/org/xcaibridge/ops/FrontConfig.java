package org.xcaibridge.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The bridge's DICOMweb front: where it listens (loopback unless told otherwise — architecture.md, security
 * by default), the path the DICOMweb resources hang under ({@code /dicomweb/studies…}) and which browser
 * origins may read its answers (CORS). The default origins are those of an OHIF development server on this
 * machine; {@code *} must be written out to allow every site.
 */
public record FrontConfig(String host, int port, String basePath, List<String> corsOrigins) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  static final String DEFAULT_BASE_PATH = "/dicomweb";
  static final List<String> DEFAULT_CORS_ORIGINS = List.of("http://localhost:3000", "http://127.0.0.1:3000");
  private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");

  public FrontConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    Objects.requireNonNull(basePath, "basePath");
    corsOrigins = List.copyOf(corsOrigins);
  }

  static FrontConfig read(ConfigReader r) {
    String host = host(r, "host", DEFAULT_HOST);
    int port = r.port("port", DEFAULT_PORT);
    String basePath = r.text("basePath", DEFAULT_BASE_PATH);
    if (!BASE_PATH.matcher(basePath).matches()) {
      r.problem("basePath", "must look like /dicomweb: segments of letters, digits and ._~- each after a /, "
          + "no / at the end; was '" + basePath + "'");
    }
    List<String> origins = r.texts("corsOrigins", DEFAULT_CORS_ORIGINS);
    for (String o : origins) {
      if (!o.equals("*") && !isOrigin(o)) {
        r.problem("corsOrigins", "'" + o + "' is not an origin (scheme://host[:port], no path) nor *");
      }
    }
    return new FrontConfig(host, port, basePath, origins);
  }

  /** A host name or IP address to bind or connect to, as a URL would carry it. */
  static String host(ConfigReader r, String key, String dflt) {
    String host = r.text(key, dflt);
    if (!HOST.matcher(host).matches()) {
      r.problem(key, "not a host name or IP address: '" + host + "'");
      return dflt;
    }
    return host;
  }

  /** RFC 6454 serialised origin: scheme, host and optional port, nothing after. */
  private static boolean isOrigin(String o) {
    try {
      URI u = new URI(o);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
          && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
          && u.getRawFragment() == null && u.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
