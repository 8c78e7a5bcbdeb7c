package org.xcaibridge.trust;

import java.util.Objects;

/**
 * A request at the front door is not authenticated. Carries the {@link Reason}, which gives the RFC 6750
 * §3.1 error code, the HTTP status and a fixed description: nothing from the token is echoed to the
 * client. The message (for the log) may say more, cut short and stripped of control characters.
 */
public final class FrontDoorAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DETAIL_CHARS = 120;

  /** Why the request was refused. */
  public enum Reason {
    /** No bearer token at all: a challenge without an error code (RFC 6750 §3.1). */
    NO_TOKEN(null, 401, null),
    MALFORMED_REQUEST("invalid_request", 400, "The Authorization header is malformed"),
    MALFORMED_TOKEN("invalid_token", 401, "The token is not a well-formed signed JWT"),
    TOKEN_TOO_LONG("invalid_token", 401, "The token is too long"),
    ALGORITHM_NOT_ALLOWED("invalid_token", 401, "The token's signature algorithm is not accepted"),
    UNSUPPORTED_HEADER("invalid_token", 401, "The token has a critical header this server does not understand"),
    UNKNOWN_KEY("invalid_token", 401, "The token's signing key is not known"),
    BAD_SIGNATURE("invalid_token", 401, "The token's signature does not verify"),
    EXPIRED("invalid_token", 401, "The token expired"),
    NOT_YET_VALID("invalid_token", 401, "The token is not valid yet"),
    WRONG_ISSUER("invalid_token", 401, "The token is from another issuer"),
    WRONG_AUDIENCE("invalid_token", 401, "The token is for another audience"),
    MISSING_CLAIM("invalid_token", 401, "The token lacks a required claim"),
    /** The token is valid but does not carry an attribute the bridge must pass on (role, purpose…). */
    MISSING_ATTRIBUTE("insufficient_scope", 403, "The token lacks an attribute this service requires"),
    /** The issuer's keys cannot be fetched: not the client's fault (RFC 6750 has no code for it). */
    KEYS_UNAVAILABLE(null, 503, "The token's signing keys cannot be fetched now");

    private final String errorCode;
    private final int httpStatus;
    private final String description;

    Reason(String errorCode, int httpStatus, String description) {
      this.errorCode = errorCode;
      this.httpStatus = httpStatus;
      this.description = description;
    }

    /** The RFC 6750 error code ({@code invalid_request}, {@code invalid_token}, {@code insufficient_scope}), or null. */
    public String errorCode() {
      return errorCode;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  public FrontDoorAuthException(Reason reason, String detail) {
    super(reason.name() + (detail == null ? "" : ": " + clean(detail)));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** The RFC 6750 error code, or null when the challenge carries none. */
  public String errorCode() {
    return reason.errorCode;
  }

  public int httpStatus() {
    return reason.httpStatus;
  }

  /**
   * The {@code WWW-Authenticate} value (RFC 6750 §3): {@code Bearer realm="…"} plus the error code and
   * a fixed description when there is one.
   */
  public String wwwAuthenticate(String realm) {
    if (realm == null || !realm.matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}")) {
      throw new IllegalArgumentException("realm must be 1-100 printable ASCII characters without '\"' or '\\'");
    }
    StringBuilder sb = new StringBuilder("Bearer realm=\"").append(realm).append('"');
    if (reason.errorCode != null) {
      sb.append(", error=\"").append(reason.errorCode).append('"');
      sb.append(", error_description=\"").append(reason.description).append('"');
    }
    return sb.toString();
  }

  private static String clean(String detail) {
    String s = detail.replaceAll("[\\p{Cntrl}]", "?");
    return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS) + "…";
  }
}
