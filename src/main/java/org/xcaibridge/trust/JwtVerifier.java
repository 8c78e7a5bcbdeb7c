package org.xcaibridge.trust;

import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.List;

/**
 * The pure checks on a parsed token (RFC 7519 §7.2, RFC 8725): algorithm first, then signature, then
 * claims, then the mapping to subject attributes. No I/O; time is passed in.
 */
final class JwtVerifier {
  private JwtVerifier() {}

  /** The token's algorithm if the settings allow it; anything else (none, HS256, typos) is refused. */
  static JwtAlgorithm algorithm(JwtToken token, JwtSettings settings) {
    String alg = token.headerString("alg");
    JwtAlgorithm a = alg == null ? null : JwtAlgorithm.named(alg).orElse(null);
    if (a == null || !settings.algorithms().contains(a)) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.ALGORITHM_NOT_ALLOWED, "alg " + alg);
    }
    if (token.header.containsKey("crit")) {
      // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must reject
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.UNSUPPORTED_HEADER, "crit");
    }
    // jku, x5u and jwk are ignored on purpose: keys come from the configuration, never from the token
    return a;
  }

  /** Checks the signature against the candidate keys, then the claims; returns the mapped subject. */
  static FrontDoorSubject verify(JwtToken token, JwtAlgorithm alg, List<JwtKeySet.JwtKey> candidates,
      JwtSettings settings, Instant now) {
    if (candidates.isEmpty()) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.UNKNOWN_KEY, "kid " + token.headerString("kid"));
    }
    boolean verified = false;
    for (JwtKeySet.JwtKey k : candidates) {
      if (alg.verify(k.key(), token.signingInput, token.signature)) {
        verified = true;
        break;
      }
    }
    if (!verified) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.BAD_SIGNATURE, null);
    }
    checkClaims(token, settings, now);
    JwtClaimMapping m = settings.mapping();
    return new FrontDoorSubject(
        attribute(m.subjectId(), token, "subject-id"),
        attribute(m.organization(), token, "organization"),
        attribute(m.role(), token, "role"),
        attribute(m.purposeOfUse(), token, "purpose of use"),
        token.claims.getString("iss"),
        token.claims.getValue("sub") instanceof String ? token.claims.getString("sub") : null,
        instant(seconds(token, "exp")));
  }

  private static void checkClaims(JwtToken token, JwtSettings settings, Instant now) {
    if (!settings.issuer().equals(token.claims.getValue("iss"))) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.WRONG_ISSUER,
          "iss " + token.claims.getValue("iss"));
    }
    if (!audienceContains(token.claims.getValue("aud"), settings.audience())) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.WRONG_AUDIENCE,
          "aud " + token.claims.getValue("aud"));
    }
    Double exp = seconds(token, "exp");
    if (exp == null) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.MISSING_CLAIM, "exp");
    }
    double t = now.getEpochSecond() + now.getNano() / 1e9;
    double skew = settings.clockSkew().toMillis() / 1000.0;
    if (t >= exp + skew) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.EXPIRED, "exp " + instant(exp));
    }
    Double nbf = seconds(token, "nbf");
    if (nbf != null && t < nbf - skew) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.NOT_YET_VALID, "nbf " + instant(nbf));
    }
    Double iat = seconds(token, "iat");
    if (iat != null && t < iat - skew) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.NOT_YET_VALID, "iat " + instant(iat));
    }
  }

  private static boolean audienceContains(Object aud, String wanted) {
    if (aud instanceof String) {
      return aud.equals(wanted);
    }
    if (aud instanceof JsonArray) {
      for (Object a : (JsonArray) aud) {
        if (wanted.equals(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A NumericDate claim (RFC 7519 §2) in seconds, null if absent; any other type is malformed. */
  private static Double seconds(JwtToken token, String claim) {
    Object v = token.claims.getValue(claim);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number)) {
      throw JwtToken.malformed(claim + " is not a number");
    }
    double d = ((Number) v).doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw JwtToken.malformed(claim + " is not a finite number");
    }
    return d;
  }

  private static Instant instant(double seconds) {
    double clamped = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), Math.floor(seconds)));
    return Instant.ofEpochSecond((long) clamped);
  }

  private static String attribute(JwtClaimMapping.Rule rule, JwtToken token, String name) {
    String v = rule.apply(token.claims);
    if (v == null) {
      throw new FrontDoorAuthException(FrontDoorAuthException.Reason.MISSING_ATTRIBUTE,
          name + " (claim " + rule.claimPath() + ")");
    }
    return v;
  }
}
