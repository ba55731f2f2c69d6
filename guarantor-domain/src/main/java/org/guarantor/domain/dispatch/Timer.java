package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.Comparator;
import org.guarantor.domain.tasking.TaskingId;

/** A due time in the engine's timer queue, ordered by time, then tasking, then kind. */
public record Timer(Instant dueAt, TaskingId tasking, DispatchEvent.Deadline deadline)
    implements Comparable<Timer> {
  private static final Comparator<Timer> ORDER =
      Comparator.comparing(Timer::dueAt)
          .thenComparing(Timer::tasking)
          .thenComparing(Timer::deadline);

  @Override
  public int compareTo(Timer o) {
    return ORDER.compare(this, o);
  }
}
