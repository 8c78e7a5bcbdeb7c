package org.xcaibridge.trust;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate that is, or soon will be, unusable: for the start-up log and the readiness check,
 * before a peer refuses the handshake.
 *
 * @param source which store the certificate is in ("key store", "trust store")
 * @param subject the certificate's subject DN (RFC 2253)
 * @param notBefore start of its validity
 * @param notAfter end of its validity
 * @param kind what is wrong
 */
public record TlsExpiryFinding(String source, String subject, Instant notBefore, Instant notAfter, Kind kind) {

  /** What is wrong with the certificate at the time looked at. */
  public enum Kind {
    /** notAfter has passed: peers refuse it now. */
    EXPIRED,
    /** notBefore is still ahead: peers refuse it until then. */
    NOT_YET_VALID,
    /** valid, but notAfter falls within the warning window. */
    EXPIRES_SOON
  }

  public TlsExpiryFinding {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(kind, "kind");
  }

  /** One line for the log. */
  public String message() {
    switch (kind) {
      case EXPIRED:
        return "certificate " + subject + " in the " + source + " expired at " + notAfter;
      case NOT_YET_VALID:
        return "certificate " + subject + " in the " + source + " is not valid before " + notBefore;
      default:
        return "certificate " + subject + " in the " + source + " expires at " + notAfter;
    }
  }

  /** Adds a finding for each certificate that is expired, not yet valid, or expires within window of now. */
  static void check(String source, List<X509Certificate> certificates, Instant now, Duration window,
      List<TlsExpiryFinding> out) {
    for (X509Certificate c : certificates) {
      Instant notBefore = c.getNotBefore().toInstant();
      Instant notAfter = c.getNotAfter().toInstant();
      Kind kind = null;
      if (now.isAfter(notAfter)) {
        kind = Kind.EXPIRED;
      } else if (now.isBefore(notBefore)) {
        kind = Kind.NOT_YET_VALID;
      } else if (!now.plus(window).isBefore(notAfter)) {
        kind = Kind.EXPIRES_SOON;
      }
      if (kind != null) {
        out.add(new TlsExpiryFinding(source, c.getSubjectX500Principal().getName(), notBefore, notAfter, kind));
      }
    }
  }
}
