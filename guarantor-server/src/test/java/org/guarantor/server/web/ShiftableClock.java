package org.guarantor.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved by an offset the test sets: with the engine an hour behind, taskings are
 * issued an hour ago by the page's clock, and moving the offset back to zero lets the engine's own
 * ticks find their acknowledgement deadlines passed. Thread-safe.
 */
final class ShiftableClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  void shift(Duration by) {
    offset = by;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
