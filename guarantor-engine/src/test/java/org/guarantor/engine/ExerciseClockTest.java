package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.ledger.LedgerSnapshot;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines on the exercise clock, with the bundled treaty (acknowledge within 1 h, 2 h of grace):
 * a call at T0 that nobody acknowledges.
 */
class ExerciseClockTest {
  @TempDir Path dir;

  static final Duration ACK = Duration.ofHours(1);
  static final Duration GRACE = Duration.ofHours(2);

  private static List<DispatchEvent> events(EventLog log) {
    EventCodec codec = new EventCodec();
    List<DispatchEvent> out = new ArrayList<>();
    log.readAfter(0, e -> out.add(codec.decode(e.type(), e.payload())));
    return out;
  }

  private static <T> List<T> of(List<DispatchEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Incident only(Engine e) {
    return e.state().incidents().iterator().next();
  }

  @Test
  void the_clock_only_moves_forward() {
    ExerciseClock c = new ExerciseClock(Fixture.T0);
    assertThat(c.advance(Duration.ofMinutes(5))).isEqualTo(Fixture.T0.plusSeconds(300));
    assertThat(c.advanceTo(Fixture.T0)).isEqualTo(Fixture.T0.plusSeconds(300));
    assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void advancing_the_clock_fires_each_deadline_at_exactly_its_due_time() {
    ExerciseClock clock = new ExerciseClock(Fixture.T0);
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.execute(at -> Fixture.report(at, "c1", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      int taskings = only(engine).taskings().size();
      assertThat(taskings).isPositive();

      clock.advance(ACK.minusSeconds(1));
      engine.awaitIdle();
      assertThat(only(engine).taskings()).allMatch(t -> t.state() == TaskingState.ISSUED);

      clock.advance(Duration.ofMinutes(90));
      engine.awaitIdle();
      assertThat(only(engine).taskings()).allMatch(t -> t.state() == TaskingState.OVERDUE);
      List<DispatchEvent.TaskingOverdue> overdue =
          of(events(log), DispatchEvent.TaskingOverdue.class).stream()
              .filter(o -> o.deadline() == DispatchEvent.Deadline.ACKNOWLEDGEMENT)
              .toList();
      assertThat(overdue).hasSize(taskings);
      assertThat(overdue)
          .allMatch(o -> o.at().equals(Fixture.T0.plus(ACK)) && o.at().equals(o.dueAt()));

      clock.advance(Duration.ofHours(1));
      engine.awaitIdle();
      List<DispatchEvent.TaskingBreached> breached =
          of(events(log), DispatchEvent.TaskingBreached.class);
      assertThat(breached).hasSize(taskings);
      assertThat(breached)
          .allMatch(b -> b.at().equals(Fixture.T0.plus(ACK).plus(GRACE)) && b.hoursLate() == 2.0);
      assertThat(only(engine).taskings().subList(0, taskings))
          .allMatch(t -> t.state() == TaskingState.BREACHED);
      engine.close();
    }
  }

  @Test
  void a_restart_during_the_grace_period_loses_and_repeats_nothing() {
    ExerciseClock clock = new ExerciseClock(Fixture.T0);
    LedgerSnapshot before;
    int taskings;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.execute(at -> Fixture.report(at, "c1", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      taskings = only(engine).taskings().size();
      clock.advance(Duration.ofMinutes(90));
      engine.awaitIdle();
      before = engine.state().ledger().snapshot();
      engine.close();
    }
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.awaitIdle();
      assertThat(engine.state().ledger().snapshot()).isEqualTo(before);
      assertThat(of(events(log), DispatchEvent.TaskingEscalated.class)).hasSize(taskings);
      engine.close();
    }
    // Down across the end of the grace period: the breaches fire at start, once, at their time.
    clock.advance(Duration.ofHours(3));
    List<DispatchEvent> after;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.awaitIdle();
      after = events(log);
      assertThat(
              of(after, DispatchEvent.TaskingOverdue.class).stream()
                  .filter(
                      o ->
                          o.deadline() == DispatchEvent.Deadline.ACKNOWLEDGEMENT
                              && o.at().equals(Fixture.T0.plus(ACK))))
          .hasSize(taskings);
      assertThat(of(after, DispatchEvent.TaskingBreached.class))
          .hasSize(taskings)
          .allMatch(b -> b.at().equals(Fixture.T0.plus(ACK).plus(GRACE)));
      engine.close();
    }
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.awaitIdle();
      assertThat(events(log)).as("a further restart adds nothing").isEqualTo(after);
      List<Tasking> ts = only(engine).taskings();
      assertThat(ts.subList(0, taskings)).allMatch(t -> t.state() == TaskingState.BREACHED);
      assertThat(engine.state().ledger().snapshot().guarantors())
          .allMatch(g -> g.breached() + g.received() > 0);
      engine.close();
    }
  }
}
