package org.xcaibridge.dicomweb;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * How the DICOMweb front is reached and bounded. {@code publicBaseUrl} is the absolute URL the resources
 * hang under as a viewer reaches them ({@code http://127.0.0.1:8080/dicomweb}): RetrieveURLs, BulkDataURIs and
 * Content-Locations are written with it, absolute, because cornerstone and dicomweb-client fetch them as given
 * and a relative URL would resolve against the viewer's own origin (dicomweb.md §1.3). It is fixed, so that
 * series metadata built once and cached names the same URLs for every caller. {@code basePath} is where the
 * routes are mounted on this server (the same path unless a proxy rewrites it).
 *
 * @param agent                the {@code warn-agent} of Warning headers (RFC 7234 §5.5), the server's name
 * @param maxStudiesPerSearch  a series or instance search not scoped to one study spans at most this many
 *                             studies (each may make the bridge fetch headers); more is a 413 asking to narrow
 * @param maxFramesPerRequest  most frame numbers one {@code /frames/{list}} request may name
 * @param gzipMinBytes         metadata of at least this many bytes is gzipped when the client accepts gzip
 */
public record DicomWebSettings(String publicBaseUrl, String basePath, QidoLimits qido, CorsSettings cors,
    String agent, int maxStudiesPerSearch, int maxFramesPerRequest, int gzipMinBytes) {
  private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

  public DicomWebSettings {
    URI u;
    try {
      u = URI.create(publicBaseUrl);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("publicBaseUrl must be an absolute http(s) URL, was '" + publicBaseUrl + "'");
    }
    if (!u.isAbsolute() || u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || publicBaseUrl.endsWith("/") || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("publicBaseUrl must be an absolute http(s) URL without a trailing /,"
          + " query or fragment, was '" + publicBaseUrl + "'");
    }
    if (basePath == null || !BASE_PATH.matcher(basePath).matches()) {
      throw new IllegalArgumentException("basePath must be empty or like /dicomweb (no trailing /), was '" + basePath
          + "'");
    }
    if (qido == null || cors == null) {
      throw new IllegalArgumentException("qido limits and CORS settings must be set");
    }
    if (agent == null || agent.isBlank()) {
      throw new IllegalArgumentException("agent must name the server");
    }
    if (maxStudiesPerSearch < 1) {
      throw new IllegalArgumentException("maxStudiesPerSearch must be ≥ 1 study, was " + maxStudiesPerSearch);
    }
    if (maxFramesPerRequest < 1) {
      throw new IllegalArgumentException("maxFramesPerRequest must be ≥ 1 frame, was " + maxFramesPerRequest);
    }
    if (gzipMinBytes < 0) {
      throw new IllegalArgumentException("gzipMinBytes must be ≥ 0 bytes, was " + gzipMinBytes);
    }
  }

  /** The front at {@code publicBaseUrl}, mounted at its path, with the default limits. */
  public static DicomWebSettings of(String publicBaseUrl, CorsSettings cors) {
    String path = URI.create(publicBaseUrl).getRawPath();
    return new DicomWebSettings(publicBaseUrl, path == null ? "" : path, QidoLimits.DEFAULT, cors, "xcai-bridge", 20,
        10_000, 1024);
  }
}
