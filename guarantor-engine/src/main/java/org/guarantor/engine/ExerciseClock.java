package org.guarantor.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The virtual clock of an exercise: it stands still until the secretariat moves it forward, so a
 * 72-hour crisis can be played in minutes, and a deadline fires exactly when the clock passes it.
 * Time never goes backwards. Thread-safe.
 */
public final class ExerciseClock extends Clock {
  private final AtomicReference<Instant> now;

  public ExerciseClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * Moves the clock forward.
   *
   * @return the new time
   * @throws IllegalArgumentException if {@code by} is negative
   */
  public Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("an exercise clock only moves forward, not by " + by);
    }
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Moves the clock to {@code t}, if that is later than now; returns the resulting time. */
  public Instant advanceTo(Instant t) {
    return now.updateAndGet(c -> t.isAfter(c) ? t : c);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
