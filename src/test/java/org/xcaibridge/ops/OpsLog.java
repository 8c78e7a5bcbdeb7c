package org.xcaibridge.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the {@code org.xcaibridge.ops} loggers say while a test runs, at INFO and above (start-up lines and warnings
 * are what several ops tests check). Close it to give the logger its level back and stop listening.
 */
final class OpsLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("org.xcaibridge.ops");
  private final Level level = logger.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private OpsLog() {
    logger.setLevel(Level.INFO);
    appender.start();
    logger.addAppender(appender);
  }

  static OpsLog watch() {
    return new OpsLog();
  }

  /** The events so far (a live list, appended to from any thread: copy it before streaming it twice). */
  List<ILoggingEvent> events() {
    return appender.list;
  }

  List<String> messages() {
    return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  void clear() {
    appender.list.clear();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(level);
  }
}
