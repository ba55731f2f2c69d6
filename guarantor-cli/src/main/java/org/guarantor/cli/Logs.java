package org.guarantor.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * The log's format on standard error: {@code human} (logback.xml's pattern, the default) or {@code
 * json}, one object a line by logback's own {@link JsonEncoder}: {@code timestamp} (epoch
 * milliseconds), {@code level}, {@code threadName}, {@code loggerName}, {@code mdc} (with {@code
 * incident} and {@code tasking} when the line concerns one), {@code formattedMessage} and {@code
 * throwable}.
 */
final class Logs {
  static final String HUMAN_PATTERN = "[%thread] %level %logger - %msg%n";

  private Logs() {}

  /** Switches the console appender to {@code format} ({@code human} or {@code json}). */
  static void format(String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      // Another slf4j provider (a test's classpath): its own format stays.
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!(root.getAppender("STDERR") instanceof ConsoleAppender<ILoggingEvent> console)) {
      return;
    }
    Encoder<ILoggingEvent> encoder;
    if (format.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithMessage(false);
      json.setWithFormattedMessage(true);
      encoder = json;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern(HUMAN_PATTERN);
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}
