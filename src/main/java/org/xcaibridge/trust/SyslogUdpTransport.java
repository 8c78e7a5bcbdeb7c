package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Syslog over UDP, RFC 5426: each SYSLOG-MSG alone in one datagram, unframed (§3.1). A message larger than
 * {@link #maxMessageBytes()} is refused with a {@link SyslogMessageTooLargeException}: it is never split or
 * cut (§3.2 forbids fragmenting a message over datagrams, and cut XML is no audit message).
 *
 * <p>UDP says nothing about delivery: a datagram to a repository that is down is lost without an error, so
 * this transport counts a message as delivered when it was handed to the socket (settle time zero). Use
 * {@link SyslogTlsTransport} where nothing may be lost; UDP is for repositories that offer nothing else.
 */
public final class SyslogUdpTransport implements SyslogTransport {
  /** Largest UDP payload over IPv4: 65535 − 8 (UDP header) − 20 (IP header), RFC 5426 §3.2. */
  public static final int MAX_IPV4_PAYLOAD = 65_507;
  /** Every RFC 5426 receiver must take 480 octets over IPv4 (§3.2); nothing smaller makes sense as a limit. */
  public static final int MIN_MESSAGE_BYTES = 480;

  private final DatagramSocket socket;
  private final String host;
  private final int port;
  private final int maxMessageBytes;

  /**
   * @param maxMessageBytes largest datagram payload, 480..65507; lower it to what the path MTU and the
   *                        repository take (RFC 5426 §3.2 recommends receivers take 2048)
   */
  public SyslogUdpTransport(Vertx vertx, DatagramSocketOptions options, String host, int port, int maxMessageBytes) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_IPV4_PAYLOAD) {
      throw new IllegalArgumentException("maxMessageBytes must be " + MIN_MESSAGE_BYTES + ".." + MAX_IPV4_PAYLOAD
          + ", was " + maxMessageBytes);
    }
    this.socket = vertx.createDatagramSocket(new DatagramSocketOptions(options));
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public Future<Void> send(List<byte[]> syslogMessages) {
    for (byte[] m : syslogMessages) {
      if (m.length > maxMessageBytes) {
        return Future.failedFuture(new SyslogMessageTooLargeException(maxMessageBytes, m.length));
      }
    }
    List<Future<Void>> sends = new ArrayList<>(syslogMessages.size());
    for (byte[] m : syslogMessages) {
      sends.add(socket.send(Buffer.buffer(m), port, host));
    }
    return Future.all(sends).mapEmpty();
  }

  @Override
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  @Override
  public Duration settleTime() {
    return Duration.ZERO;
  }

  @Override
  public long epoch() {
    return 0;
  }

  @Override
  public void brokenHandler(Handler<Throwable> handler) {
    // there is no connection to break
  }

  @Override
  public Future<Void> close() {
    return socket.close();
  }
}
