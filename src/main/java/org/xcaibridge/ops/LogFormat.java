package org.xcaibridge.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format: json}: the root logger's console output becomes one JSON object per line (logback's own
 * {@link JsonEncoder}: timestamp, level, logger, message, key-value pairs, exception), what log collectors parse
 * without patterns. Done at start, from the configuration, so that the file, the environment
 * ({@code XCAI_LOGGING_FORMAT}) and options all work; the plain format of {@code logback.xml} stays otherwise.
 */
final class LogFormat {
  static final String JSON_APPENDER = "json-console";

  private LogFormat() {}

  /** Replaces the root's console appenders by a JSON one; does nothing when it is in place already. */
  static void json() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(JSON_APPENDER) != null) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
    json.setName(JSON_APPENDER);
    json.setContext(context);
    json.setEncoder(encoder);
    json.start();
    List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> a = it.next();
      if (a instanceof ConsoleAppender) {
        consoles.add(a);
      }
    }
    root.addAppender(json);
    consoles.forEach(a -> {
      root.detachAppender(a);
      a.stop();
    });
  }
}
