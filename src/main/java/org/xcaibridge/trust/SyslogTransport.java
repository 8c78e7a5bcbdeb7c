package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.time.Duration;
import java.util.List;

/**
 * How SYSLOG-MSGs reach the audit record repository: RFC 5425 over TLS ({@link SyslogTlsTransport}) or
 * RFC 5426 over UDP ({@link SyslogUdpTransport}). Driven by {@link AuditTrail} from one Vert.x context; no
 * method blocks.
 *
 * <p>Syslog has no acknowledgement. A transport says when a message counts as delivered: written to the
 * socket and then {@link #settleTime()} passed without the connection breaking (its {@link #epoch()}
 * unchanged). A break calls the {@link #brokenHandler}, and the trail sends the unsettled messages again.
 */
public sealed interface SyslogTransport permits SyslogTlsTransport, SyslogUdpTransport {
  /**
   * Sends the messages in order, framed for this transport; completes when all were written to the socket,
   * fails if any could not be (the connection is then dropped and the epoch moves on).
   */
  Future<Void> send(List<byte[]> syslogMessages);

  /** Largest SYSLOG-MSG this transport carries, in bytes; larger spooled messages are dropped and counted. */
  int maxMessageBytes();

  /** How long a written message must stay on an unbroken connection before it counts as delivered. */
  Duration settleTime();

  /** Connection generation: changes whenever a connection is lost, so writes of an older one are not trusted. */
  long epoch();

  /** Called (on the transport's context) when an established connection breaks. */
  void brokenHandler(Handler<Throwable> handler);

  Future<Void> close();
}
