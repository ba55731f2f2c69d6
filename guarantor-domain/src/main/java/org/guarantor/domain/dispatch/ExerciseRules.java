package org.guarantor.domain.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.access.Access;

/**
 * Moving an exercise's virtual clock: the secretariat, forward, by at most {@link #MAX_MOVE} at a
 * time. The move is an event, so an exercise resumes at its own time after a restart. Whether the
 * server runs an exercise at all is the server's business: a live server refuses the command before
 * it gets here. Stateless.
 */
final class ExerciseRules {
  /** The longest single move; longer exercises move in steps, so each step's deadlines fire. */
  static final Duration MAX_MOVE = Duration.ofDays(7);

  private ExerciseRules() {}

  static Decision move(DispatchCommand.MoveExerciseClock c) {
    if (!Access.mayAdministrate(c.actor())) {
      return Decision.reject(
          "", ReasonType.FORBIDDEN, c.actor().party(), "move the exercise clock");
    }
    if ((c.advance() == null) == (c.to() == null)) {
      return Decision.reject("/advance", ReasonType.REQUIRED, "advance (or to, but not both)");
    }
    Instant to;
    if (c.advance() != null) {
      Duration d = c.advance();
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_MOVE) > 0) {
        return Decision.reject("/advance", ReasonType.OUT_OF_RANGE, "advance", "PT1S", MAX_MOVE, d);
      }
      to = c.at().plus(d);
    } else {
      to = c.to();
      if (!to.isAfter(c.at()) || to.isAfter(c.at().plus(MAX_MOVE))) {
        return Decision.reject(
            "/to", ReasonType.OUT_OF_RANGE, "to", c.at(), c.at().plus(MAX_MOVE), to);
      }
    }
    return new Decision.Accepted(
        List.of(new DispatchEvent.ExerciseClockMoved(c.at(), to, c.actor().party())),
        to.toString(),
        false);
  }
}
