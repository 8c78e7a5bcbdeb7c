package org.xcaibridge.gateway;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.xml.stream.XMLStreamException;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.MultipartException;
import org.xcaibridge.soap.SoapFaultException;

/** The one place that turns what Vert.x, Netty, the soap and ihe codecs throw into {@link GatewayException}s. */
final class Failures {
  private Failures() {}

  /**
   * @param responseStarted whether the status line of the answer had arrived
   */
  static GatewayException classify(Throwable failure, CommunityEndpoints community, IheTransaction transaction,
      CommunitySettings settings, boolean responseStarted) {
    GatewayException known = find(failure, GatewayException.class);
    if (known != null) {
      return known;
    }
    SoapFaultException fault = find(failure, SoapFaultException.class);
    if (fault != null) {
      return new GatewayException.Fault(community, transaction, fault.fault(), fault);
    }
    if (find(failure, SSLException.class) != null) {
      return new GatewayException.Tls(community, transaction, failure);
    }
    if (!responseStarted && isConnectTimeout(failure)) {
      return new GatewayException.Timeout(community, transaction, GatewayException.TimeoutKind.CONNECT,
          settings.connectTimeout().toMillis());
    }
    if (!responseStarted && (find(failure, ConnectException.class) != null
        || find(failure, UnknownHostException.class) != null || find(failure, NoRouteToHostException.class) != null)) {
      return new GatewayException.Unreachable(community, transaction, failure);
    }
    if (isConnectionLoss(failure)) {
      return new GatewayException.ConnectionLost(community, transaction, responseStarted, failure);
    }
    if (find(failure, MultipartException.class) != null || find(failure, XMLStreamException.class) != null
        || find(failure, IheParseException.class) != null) {
      return new GatewayException.ProtocolViolation(community, transaction,
          "unreadable answer: " + GatewayException.describe(failure), failure);
    }
    return new GatewayException.ProtocolViolation(community, transaction,
        "call failed: " + GatewayException.describe(failure), failure);
  }

  /** The peer closed or reset the connection (not a failure to connect, not TLS). */
  static boolean isConnectionLoss(Throwable failure) {
    if (find(failure, HttpClosedException.class) != null || find(failure, StreamResetException.class) != null
        || find(failure, ClosedChannelException.class) != null) {
      return true;
    }
    // "Connection reset by peer", "Broken pipe": plain IOExceptions from the socket
    SocketException socket = find(failure, SocketException.class);
    if (socket != null && !(socket instanceof ConnectException)) {
      return true;
    }
    IOException io = find(failure, IOException.class);
    String m = io == null ? null : io.getMessage();
    return m != null && (m.contains("Connection reset") || m.contains("Broken pipe"));
  }

  /** Netty's ConnectTimeoutException extends ConnectException, so it is told apart by type name and message. */
  private static boolean isConnectTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("ConnectTimeoutException")
          || (t instanceof TimeoutException && String.valueOf(t.getMessage()).contains("connect"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
