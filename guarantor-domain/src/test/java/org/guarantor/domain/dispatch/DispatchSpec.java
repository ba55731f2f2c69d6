package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.guarantor.domain.treaty.TestTreaty;

/**
 * Given events, when a command, then events or reasons. The given events are applied to a fresh
 * {@link DispatchState} with {@link DispatchState#evolve}; the command goes to {@link
 * Decider#decide}; accepted events are then applied too, so each spec also proves that evolve takes
 * what decide produced.
 */
final class DispatchSpec {
  private final DispatchState state = new DispatchState(TestTreaty.atlas());
  private Decision decision;

  private DispatchSpec() {}

  static DispatchSpec given(List<DispatchEvent> history) {
    DispatchSpec spec = new DispatchSpec();
    history.forEach(spec.state::evolve);
    return spec;
  }

  static DispatchSpec given(DispatchEvent... history) {
    return given(List.of(history));
  }

  DispatchSpec when(DispatchCommand command) {
    decision = Decider.decide(command, state);
    if (decision instanceof Decision.Accepted a) {
      a.events().forEach(state::evolve);
    }
    return this;
  }

  /** The command is accepted, is not a repeat, and causes exactly these events in this order. */
  DispatchSpec thenEvents(DispatchEvent... expected) {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    Decision.Accepted a = (Decision.Accepted) decision;
    assertThat(a.repeated()).as("repeated").isFalse();
    assertThat(withoutExplanations(a.events()))
        .containsExactly(withoutExplanations(List.of(expected)).toArray(new DispatchEvent[0]));
    return this;
  }

  /** The events as decided, explanations and all (which {@link #thenEvents} leaves out). */
  List<DispatchEvent> events() {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted) decision).events();
  }

  /**
   * Taskings' explanations are the allocator's business and have their own tests; specs of dispatch
   * compare everything else.
   */
  private static List<DispatchEvent> withoutExplanations(List<DispatchEvent> events) {
    return events.stream()
        .map(
            e ->
                e instanceof DispatchEvent.TaskingIssued t
                    ? new DispatchEvent.TaskingIssued(
                        t.at(),
                        t.incident(),
                        t.tasking(),
                        t.line(),
                        t.guarantor(),
                        t.pledge(),
                        t.hub(),
                        t.capability(),
                        t.quantity(),
                        t.acknowledgeBy(),
                        t.deliverBy(),
                        t.estimatedArrival(),
                        t.distanceKm())
                    : e)
        .toList();
  }

  /** The command repeats an earlier one: accepted, flagged, and nothing new happens. */
  DispatchSpec thenRepeated() {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    Decision.Accepted a = (Decision.Accepted) decision;
    assertThat(a.events()).isEmpty();
    assertThat(a.repeated()).as("repeated").isTrue();
    return this;
  }

  /** The command is refused for exactly these reasons. */
  DispatchSpec thenRejected(Reason... expected) {
    assertThat(decision).isInstanceOf(Decision.Rejected.class);
    assertThat(((Decision.Rejected) decision).reasons()).containsExactly(expected);
    return this;
  }

  Decision decision() {
    return decision;
  }

  Decision.Accepted accepted() {
    assertThat(decision).isInstanceOf(Decision.Accepted.class);
    return (Decision.Accepted) decision;
  }

  DispatchState state() {
    return state;
  }
}
