package org.xcaibridge.dicomweb;

import java.time.Duration;
import java.util.List;

/**
 * Why a DICOMweb request could not be answered as asked. Each kind is one row of {@link DicomWebErrors}
 * (PS3.18 §8.5 and the status codes of §10.4.3 and §10.6.3): the message is written for the person
 * reading the answer and names what was wrong — never a stack trace, never patient data beyond what the
 * request itself carried.
 */
public abstract sealed class DicomWebException extends RuntimeException
    permits DicomWebException.BadRequest, DicomWebException.NotFound, DicomWebException.NotAcceptable,
    DicomWebException.TooLarge, DicomWebException.UpstreamFailed, DicomWebException.UpstreamTimeout,
    DicomWebException.Unavailable, DicomWebException.Unauthenticated {

  private DicomWebException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A query parameter, path segment or header the request carried is malformed or unsupported (400). */
  public static final class BadRequest extends DicomWebException {
    private final String parameter;

    /** {@code parameter} names the query parameter or header at fault, as the client wrote it. */
    public BadRequest(String parameter, String message) {
      super(message, null);
      this.parameter = parameter;
    }

    public String parameter() {
      return parameter;
    }
  }

  /** No study, series, instance or frame with the given UID or number is known (404). */
  public static final class NotFound extends DicomWebException {
    public NotFound(String message) {
      super(message, null);
    }
  }

  /** None of the representations the client accepts can be produced (406); lists what can. */
  public static final class NotAcceptable extends DicomWebException {
    private final List<String> producible;

    public NotAcceptable(String message, List<String> producible) {
      super(message + (producible.isEmpty() ? "" : "; this server can produce: " + String.join(", ", producible)), null);
      this.producible = List.copyOf(producible);
    }

    public List<String> producible() {
      return producible;
    }
  }

  /** The answer would exceed a configured limit; the client should narrow or page the request (413). */
  public static final class TooLarge extends DicomWebException {
    private final String limit;
    private final long allowed;
    private final long requested;

    public TooLarge(String limit, long allowed, long requested) {
      super("the request asks for " + requested + " where at most " + allowed + " are allowed (" + limit
          + "); narrow the query or page it with limit and offset", null);
      this.limit = limit;
      this.allowed = allowed;
      this.requested = requested;
    }

    public String limit() {
      return limit;
    }

    public long allowed() {
      return allowed;
    }

    public long requested() {
      return requested;
    }
  }

  /** A community (or other upstream) answered with an error or broke the exchange (502). */
  public static final class UpstreamFailed extends DicomWebException {
    private final String community;

    /** {@code community} is the name a person would recognise, e.g. the configured community name. */
    public UpstreamFailed(String community, String message, Throwable cause) {
      super("community " + community + " failed: " + message, cause);
      this.community = community;
    }

    public String community() {
      return community;
    }
  }

  /** A community did not answer within its configured time (504). */
  public static final class UpstreamTimeout extends DicomWebException {
    private final String community;
    private final Duration timeout;

    public UpstreamTimeout(String community, Duration timeout) {
      super("community " + community + " did not answer within " + timeout.toMillis() + " ms", null);
      this.community = community;
      this.timeout = timeout;
    }

    /** When the wait is not one number (several communities, each with its own deadline); timeout() is null. */
    public UpstreamTimeout(String community, String message) {
      super("community " + community + " " + message, null);
      this.community = community;
      this.timeout = null;
    }

    public String community() {
      return community;
    }

    public Duration timeout() {
      return timeout;
    }
  }

  /** The bridge itself cannot serve now (cache disk full, shutting down, overloaded) (503). */
  public static final class Unavailable extends DicomWebException {
    private final Duration retryAfter;

    /** {@code retryAfter} may be null when no estimate exists. */
    public Unavailable(String message, Duration retryAfter, Throwable cause) {
      super(message, cause);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * The request's credentials are missing or not accepted (RFC 6750 §3.1): 401, or 400 for a malformed
   * Authorization header, or 403 for a valid token lacking what this service needs. {@code challenge} is the
   * {@code WWW-Authenticate} value; the message says what to do, never what the token held.
   */
  public static final class Unauthenticated extends DicomWebException {
    private final int status;
    private final String challenge;

    public Unauthenticated(int status, String challenge, String message) {
      super(message, null);
      if (status != 400 && status != 401 && status != 403) {
        throw new IllegalArgumentException("an authentication refusal is 400, 401 or 403, was " + status);
      }
      this.status = status;
      this.challenge = java.util.Objects.requireNonNull(challenge, "challenge");
    }

    public int status() {
      return status;
    }

    public String challenge() {
      return challenge;
    }
  }
}
