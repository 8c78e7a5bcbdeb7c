package org.xcaibridge.gateway;

import java.util.List;
import java.util.Objects;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.soap.SoapFault;

/**
 * Why a call to a community failed. Every variant names the community and the transaction, so a DICOMweb
 * front can answer 502 or 504 saying which community is down or slow ({@link #isTimeout()} tells the two
 * apart), and a fan-out can list it in a {@code Warning}. Messages carry no patient data.
 */
public abstract sealed class GatewayException extends Exception
    permits GatewayException.Unreachable, GatewayException.Timeout, GatewayException.Tls,
        GatewayException.ConnectionLost, GatewayException.Fault, GatewayException.ErrorResponse,
        GatewayException.ProtocolViolation, GatewayException.Cancelled {

  private final transient CommunityEndpoints community;
  private final IheTransaction transaction;

  private GatewayException(CommunityEndpoints community, IheTransaction transaction, String what, Throwable cause) {
    super(Objects.requireNonNull(community, "community").label() + ", " + transaction + ": " + what, cause);
    this.community = community;
    this.transaction = Objects.requireNonNull(transaction, "transaction");
  }

  public CommunityEndpoints community() {
    return community;
  }

  public IheTransaction transaction() {
    return transaction;
  }

  /** True when the community was too slow (HTTP 504 at a front); false when it failed (502). */
  public boolean isTimeout() {
    return this instanceof Timeout;
  }

  /** Which of a call's timeouts ran out. */
  public enum TimeoutKind {
    /** TCP connect and TLS handshake ({@link CommunitySettings#connectTimeout()}). */
    CONNECT("connect timeout"),
    /** Request sent, no status line yet ({@link CommunitySettings#firstByteTimeout()}). */
    FIRST_BYTE("first-byte timeout"),
    /** Silence in the middle of the answer ({@link CommunitySettings#idleTimeout()}). */
    IDLE("idle timeout"),
    /** The whole bounded call ({@link CommunitySettings#callTimeout()}). */
    CALL("call timeout");

    private final String text;

    TimeoutKind(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** No connection could be made: refused, no route, unknown host. */
  public static final class Unreachable extends GatewayException {
    public Unreachable(CommunityEndpoints community, IheTransaction transaction, Throwable cause) {
      super(community, transaction, "unreachable (" + describe(cause) + ")", cause);
    }
  }

  /** A timeout ran out; {@link #kind()} says which. */
  public static final class Timeout extends GatewayException {
    private final TimeoutKind kind;
    private final long millis;

    public Timeout(CommunityEndpoints community, IheTransaction transaction, TimeoutKind kind, long millis) {
      super(community, transaction, kind + " of " + millis + " ms ran out", null);
      this.kind = Objects.requireNonNull(kind, "kind");
      this.millis = millis;
    }

    public TimeoutKind kind() {
      return kind;
    }

    public long millis() {
      return millis;
    }
  }

  /** The TLS handshake failed: certificate not trusted, host name mismatch, protocol refused. */
  public static final class Tls extends GatewayException {
    public Tls(CommunityEndpoints community, IheTransaction transaction, Throwable cause) {
      super(community, transaction, "TLS failed (" + describe(cause) + ")", cause);
    }
  }

  /** The connection closed or was reset after it had been made, before the answer was complete. */
  public static final class ConnectionLost extends GatewayException {
    private final boolean responseStarted;

    public ConnectionLost(CommunityEndpoints community, IheTransaction transaction, boolean responseStarted,
        Throwable cause) {
      super(community, transaction, "connection lost " + (responseStarted ? "in the middle of the answer"
          : "before any answer") + " (" + describe(cause) + ")", cause);
      this.responseStarted = responseStarted;
    }

    /** Whether any of the answer (its status line) had arrived. */
    public boolean responseStarted() {
      return responseStarted;
    }
  }

  /** The community answered with a SOAP fault. */
  public static final class Fault extends GatewayException {
    private final transient SoapFault fault;

    public Fault(CommunityEndpoints community, IheTransaction transaction, SoapFault fault, Throwable cause) {
      super(community, transaction, "SOAP fault " + fault.code().getLocalPart() + ": " + shorten(fault.reasonText()),
          cause);
      this.fault = fault;
    }

    public SoapFault fault() {
      return fault;
    }
  }

  /**
   * The community answered, but said it failed: a RegistryResponse with status Failure (ITI-38/39, RAD-75), or an
   * XCPD error acknowledgement (ITI-55 AE, QE), its issue codes as {@link RegistryError}s.
   */
  public static final class ErrorResponse extends GatewayException {
    private final List<RegistryError> errors;

    public ErrorResponse(CommunityEndpoints community, IheTransaction transaction, String status,
        List<RegistryError> errors) {
      super(community, transaction, "answered " + status + codes(errors), null);
      this.errors = List.copyOf(errors);
    }

    public List<RegistryError> errors() {
      return errors;
    }

    private static String codes(List<RegistryError> errors) {
      if (errors.isEmpty()) {
        return "";
      }
      StringBuilder s = new StringBuilder(" (");
      errors.stream().limit(5).forEach(e -> s.append(s.length() > 2 ? ", " : "").append(e.errorCode()));
      if (errors.size() > 5) {
        s.append(", … ").append(errors.size() - 5).append(" more");
      }
      return s.append(')').toString();
    }
  }

  /**
   * The answer broke the protocol in a way we cannot read past: not SOAP, an unexpected HTTP status, a body
   * that is not the message asked for, an attachment named but missing, a limit exceeded.
   */
  public static final class ProtocolViolation extends GatewayException {
    public ProtocolViolation(CommunityEndpoints community, IheTransaction transaction, String what, Throwable cause) {
      super(community, transaction, what, cause);
    }
  }

  /** The caller cancelled the call (e.g. the viewer went away); nothing is wrong with the community. */
  public static final class Cancelled extends GatewayException {
    public Cancelled(CommunityEndpoints community, IheTransaction transaction) {
      super(community, transaction, "cancelled by the caller", null);
    }
  }

  static String describe(Throwable cause) {
    if (cause == null) {
      return "no detail";
    }
    String m = cause.getMessage();
    return cause.getClass().getSimpleName() + (m == null ? "" : ": " + shorten(m));
  }

  private static String shorten(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
