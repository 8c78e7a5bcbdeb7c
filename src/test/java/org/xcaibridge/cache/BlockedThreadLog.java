package org.xcaibridge.cache;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Catches Vert.x's blocked-thread warnings, with a checker stricter than the default. */
final class BlockedThreadLog implements AutoCloseable {
  static final String LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
  private final Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  BlockedThreadLog() {
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false); // the positive control's warnings are expected: keep them out of the build log
  }

  /**
   * Warns when an event loop runs one task for more than 1 s (Vert.x says 2 s), checked every 100 ms; not
   * tighter, because on a loaded 2-core machine a short task can wait that long for a core.
   */
  static VertxOptions strictOptions() {
    return new VertxOptions().setBlockedThreadCheckInterval(100).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(1000).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }

  List<String> warnings() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setAdditive(true);
  }
}
