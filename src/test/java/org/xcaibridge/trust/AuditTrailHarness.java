package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * What the audit trail tests share: a Vert.x whose blocked-thread checker is strict (an event loop busy for
 * 500 ms is reported, a quarter of the default; lower limits report scheduling noise on a loaded CI machine)
 * with its reports captured, bounded waits for conditions, and reading frames by their
 * meta sequenceId.
 */
final class AuditTrailHarness implements AutoCloseable {
  static final SyslogHeader HEADER = SyslogHeader.ihe("bridge.test", "xcai-bridge", "4242");

  final Vertx vertx = Vertx.vertx(new VertxOptions()
      .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
      .setMaxEventLoopExecuteTime(500).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
      .setWarningExceptionTime(500).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
  final SyslogTestReceiver receiver = new SyslogTestReceiver();
  private final Logger checkerLog = (Logger) LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker");
  private final ListAppender<ILoggingEvent> blocked = new ListAppender<>();

  AuditTrailHarness() {
    blocked.start();
    checkerLog.addAppender(blocked);
  }

  static AuditTrailSettings settings(Path spool) {
    return AuditTrailSettings.of(spool, HEADER, AuditSamples.CLOCK)
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  /** Event-loop stalls the blocked-thread checker reported so far. */
  List<String> blockedThreadReports() {
    return blocked.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Waits (polling, at most {@code seconds}) for a condition; fails the test with {@code what} otherwise. */
  static void waitUntil(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  /**
   * Frames by sequenceId (the receiver's de-duplication key besides HOSTNAME and APP-NAME, which are fixed
   * here). Copies of one message must be identical bytes.
   */
  static Map<Long, byte[]> bySequence(List<byte[]> frames) {
    Map<Long, byte[]> out = new TreeMap<>();
    for (byte[] f : frames) {
      AuditChecks.Syslog s = AuditChecks.parse(f);
      byte[] earlier = out.putIfAbsent(s.sequenceId(), f);
      if (earlier != null) {
        assertThat(f).as("the copy of message %d", s.sequenceId()).isEqualTo(earlier);
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      await(vertx.close());
      receiver.close();
    } finally {
      checkerLog.detachAppender(blocked);
    }
  }
}
