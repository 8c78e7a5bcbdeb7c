package org.xcaibridge.trust;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Where the front door gets the keys that sign tokens: configured keys, or the issuer's JWKS URL. */
public sealed interface JwtKeySource permits JwtKeySource.Static, JwtKeySource.Jwks {

  /** Keys given in the configuration (PEM or JWK). */
  record Static(JwtKeySet keys) implements JwtKeySource {
    public Static {
      Objects.requireNonNull(keys, "keys");
      if (keys.size() == 0) {
        throw new IllegalArgumentException("static token keys: none is usable");
      }
    }
  }

  /**
   * A JWK Set fetched from the issuer and cached (OpenID Connect Discovery {@code jwks_uri}).
   *
   * @param uri https, or http to a loopback address only (a local test issuer)
   * @param refreshInterval how long a fetched set is used before it is fetched again
   * @param minRefreshInterval how soon after a fetch a token with an unknown kid may cause another;
   *     bounds what forged kids can make the bridge do to the issuer
   * @param fetchTimeout how long one fetch may take
   * @param maxBytes the largest JWK Set accepted
   */
  record Jwks(URI uri, Duration refreshInterval, Duration minRefreshInterval, Duration fetchTimeout, int maxBytes)
      implements JwtKeySource {
    static final Duration MIN_REFRESH = Duration.ofMinutes(1);
    static final Duration MAX_REFRESH = Duration.ofHours(24);
    static final int MIN_BYTES = 1024;
    static final int MAX_BYTES = 1 << 20;

    public Jwks {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(refreshInterval, "refreshInterval");
      Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
      Objects.requireNonNull(fetchTimeout, "fetchTimeout");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("JWKS URL must be an absolute http(s) URL with a host, was " + uri);
      }
      if (!scheme.equals("https") && !(scheme.equals("http") && FrontDoorBinding.isLoopback(uri.getHost()))) {
        throw new IllegalArgumentException("JWKS URL must use https (http only to a loopback address), was " + uri);
      }
      if (refreshInterval.compareTo(MIN_REFRESH) < 0 || refreshInterval.compareTo(MAX_REFRESH) > 0) {
        throw new IllegalArgumentException("JWKS refreshInterval must be 1 min to 24 h, was " + refreshInterval);
      }
      if (minRefreshInterval.compareTo(Duration.ofSeconds(1)) < 0 || minRefreshInterval.compareTo(refreshInterval) > 0) {
        throw new IllegalArgumentException(
            "JWKS minRefreshInterval must be 1 s to refreshInterval, was " + minRefreshInterval);
      }
      if (fetchTimeout.toMillis() < 100 || fetchTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("JWKS fetchTimeout must be 100 ms to 1 min, was " + fetchTimeout);
      }
      if (maxBytes < MIN_BYTES || maxBytes > MAX_BYTES) {
        throw new IllegalArgumentException("JWKS maxBytes must be " + MIN_BYTES + " to " + MAX_BYTES + ", was " + maxBytes);
      }
    }

    /** Refresh every 15 min, at most every 30 s for unknown kids, 5 s per fetch, 64 KiB. */
    public static Jwks of(URI uri) {
      return new Jwks(uri, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(5), 64 * 1024);
    }
  }
}
