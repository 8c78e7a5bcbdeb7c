package org.xcaibridge.responder;

import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Told of each request or connection the responder's door refuses, for metrics: a {@link Kind#SAML} refusal names
 * the {@link org.xcaibridge.trust.XuaRejectedException.Reason} (lower case: {@code missing}, {@code unsigned},
 * {@code bad_signature}, …), a {@link Kind#TLS} one a reason of {@link #tlsReason}. Reasons come from closed sets,
 * so they can be metric labels. Called on an event loop: must not block.
 */
@FunctionalInterface
public interface RejectionListener {
  /** What refused: the assertion check or the TLS handshake. */
  enum Kind {
    SAML, TLS;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** TLS: the client sent no certificate. */
  String NO_CLIENT_CERTIFICATE = "no_client_certificate";
  /** TLS: the client's certificate does not chain to a trust anchor. */
  String UNTRUSTED_CLIENT_CERTIFICATE = "untrusted_client_certificate";
  /** TLS: the client refused the server's certificate (its alert came back). */
  String CLIENT_REFUSED_SERVER = "client_refused_server";
  /** TLS: anything else (protocol version, cipher suites, a malformed handshake). */
  String HANDSHAKE = "handshake";

  void rejected(Kind kind, String reason);

  /** Listens to nothing. */
  static RejectionListener none() {
    return (kind, reason) -> { };
  }

  /**
   * What a failed handshake says of itself, read from the JDK's messages (it has no codes): "Empty client
   * certificate chain", a PKIX path building failure, or a fatal alert the client sent.
   */
  static String tlsReason(SSLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        m = m + " " + c.getMessage().toLowerCase(Locale.ROOT);
      }
    }
    if (m.contains("empty client certificate chain") || m.contains("certificate required")) {
      return NO_CLIENT_CERTIFICATE;
    }
    if (m.contains("pkix") || m.contains("certification path") || m.contains("certpath")) {
      return UNTRUSTED_CLIENT_CERTIFICATE;
    }
    if (m.contains("received fatal alert") && m.contains("certificate")) {
      return CLIENT_REFUSED_SERVER;
    }
    return HANDSHAKE;
  }
}
