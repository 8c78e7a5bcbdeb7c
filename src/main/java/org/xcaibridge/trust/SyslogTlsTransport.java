package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Syslog over TLS, RFC 5425: one long-lived connection, each SYSLOG-MSG framed by octet counting
 * ({@code MSG-LEN SP SYSLOG-MSG}, §4.3). The TLS settings (client certificate, trust, protocols, hostname
 * verification) come in the {@link NetClientOptions}; ATNA secure nodes use mutual TLS (ITI TF-2 §3.19).
 *
 * <p>The connection is opened on the first send and again after a break; the trail's backoff decides when.
 * Anything the repository sends back is read and ignored (RFC 5425 has no replies), so it cannot fill a buffer.
 */
public final class SyslogTlsTransport implements SyslogTransport {
  /** RFC 5425 §4.3.1 only promises 2048 octets; repositories that take audit messages accept far more. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
  /**
   * A repository that is reading at all drains its socket within milliseconds; 5 s also covers a GC pause or a
   * loaded host. Acknowledging on the write alone loses what sits unread in the repository's buffers when it
   * crashes (the outage test shows it: tens of messages out of a few hundred).
   */
  public static final Duration DEFAULT_SETTLE_TIME = Duration.ofSeconds(5);

  private final NetClient client;
  private final String host;
  private final int port;
  private final Duration settleTime;
  private final int maxMessageBytes;
  private NetSocket socket;
  private Future<NetSocket> connecting;
  private long epoch;
  private Handler<Throwable> brokenHandler = t -> {};

  /**
   * @param options    TLS client options; {@code isSsl()} must be true
   * @param settleTime how long a write must survive on the connection to count as delivered (≥ 0)
   */
  public SyslogTlsTransport(Vertx vertx, NetClientOptions options, String host, int port, Duration settleTime,
      int maxMessageBytes) {
    if (!options.isSsl()) {
      throw new IllegalArgumentException("RFC 5425 syslog needs TLS: the NetClientOptions have ssl=false");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    if (settleTime.isNegative()) {
      throw new IllegalArgumentException("settleTime must be ≥ 0, was " + settleTime);
    }
    if (maxMessageBytes < 480) {
      throw new IllegalArgumentException("maxMessageBytes must be ≥ 480, was " + maxMessageBytes);
    }
    this.client = vertx.createNetClient(new NetClientOptions(options));
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.settleTime = settleTime;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public Future<Void> send(List<byte[]> syslogMessages) {
    for (byte[] m : syslogMessages) {
      if (m.length > maxMessageBytes) {
        return Future.failedFuture(new SyslogMessageTooLargeException(maxMessageBytes, m.length));
      }
    }
    return connection().compose(s -> {
      // one write per batch: one TLS wrap and one flush on the event loop instead of one per message
      Buffer frames = Buffer.buffer();
      for (byte[] m : syslogMessages) {
        frames.appendBytes(SyslogHeader.octetCounted(m));
      }
      return s.write(frames).onFailure(t -> drop(s, t));
    });
  }

  private Future<NetSocket> connection() {
    if (socket != null) {
      return Future.succeededFuture(socket);
    }
    if (connecting == null) {
      connecting = client.connect(port, host).andThen(ar -> {
        connecting = null;
        if (ar.succeeded()) {
          NetSocket s = ar.result();
          socket = s;
          s.handler(ignored -> {});
          s.exceptionHandler(t -> drop(s, t));
          s.closeHandler(v -> drop(s, new java.io.IOException("audit repository closed the connection")));
        }
      });
    }
    return connecting;
  }

  /** Forgets a broken connection once: new epoch, close it, tell the trail. */
  private void drop(NetSocket s, Throwable cause) {
    if (socket != s) {
      return;
    }
    socket = null;
    epoch++;
    s.close();
    brokenHandler.handle(cause);
  }

  @Override
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  @Override
  public Duration settleTime() {
    return settleTime;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  /**
   * The client identity and trust for the connections opened from now on (a rotated certificate). The connection
   * already open keeps the identity it was made with: TLS presents a certificate only in the handshake, and the
   * repository accepted that one.
   */
  public Future<Boolean> updateSslOptions(ClientSSLOptions options) {
    return client.updateSSLOptions(Objects.requireNonNull(options, "options"), false);
  }

  @Override
  public void brokenHandler(Handler<Throwable> handler) {
    this.brokenHandler = Objects.requireNonNull(handler);
  }

  @Override
  public Future<Void> close() {
    NetSocket s = socket;
    socket = null;
    epoch++;
    Future<Void> closed = s == null ? Future.succeededFuture() : s.close();
    return closed.eventually(client::close);
  }
}
