package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.guarantor.domain.dispatch.DispatchEvent.Deadline;
import org.junit.jupiter.api.Test;

/**
 * The timer queue answers exactly what a sorted set of the same timers answers, whatever the
 * sequence of adds, removals and queries (including enough removals to make it compact).
 */
class TimerQueuePropertiesTest {
  private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

  /** One step: 0 add, 1 remove, 2 remove a subject, 3 ask what is due, 4 ask for the first. */
  record Op(int kind, long dueSeconds, int nanos, int subject, Deadline deadline) {
    Timer timer() {
      return new Timer(T0.plusSeconds(dueSeconds).plusNanos(nanos), "TSK-" + subject, deadline);
    }
  }

  @Provide
  Arbitrary<List<Op>> scripts() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 4).edgeCases(c -> c.includeOnly(0)),
                Arbitraries.longs().between(0, 50),
                Arbitraries.of(0, 1, 500_000_000),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(Deadline.class))
            .as(Op::new);
    return op.list().ofMaxSize(3_000);
  }

  @Property(tries = 200)
  void answersWhatASortedSetAnswers(@ForAll("scripts") List<Op> script) {
    TimerQueue queue = new TimerQueue();
    TreeSet<Timer> model = new TreeSet<>();
    for (Op op : script) {
      Timer t = op.timer();
      switch (op.kind()) {
        case 0 -> assertThat(queue.add(t)).isEqualTo(model.add(t));
        case 1 -> assertThat(queue.remove(t)).isEqualTo(model.remove(t));
        case 2 -> {
          queue.removeSubject(t.subject());
          model.removeIf(x -> x.subject().equals(t.subject()));
        }
        case 3 -> {
          List<Timer> expected = new ArrayList<>();
          for (Timer x : model) {
            if (!x.dueAt().isAfter(t.dueAt())) {
              expected.add(x);
            }
          }
          assertThat(queue.dueBy(t.dueAt())).containsExactlyElementsOf(expected);
        }
        default -> assertThat(queue.first()).isEqualTo(model.isEmpty() ? null : model.first());
      }
      assertThat(queue.size()).isEqualTo(model.size());
      List<Timer> own = new ArrayList<>(model);
      own.removeIf(x -> !x.subject().equals(t.subject()));
      assertThat(queue.ofSubject(t.subject())).containsExactlyInAnyOrderElementsOf(own);
    }
    assertThat(queue.ascending()).containsExactlyElementsOf(model);
    assertThat(TimerQueue.ofAscending(queue.ascending()).ascending())
        .containsExactlyElementsOf(model);
  }

  @Test
  void compactsWhenTheDeadOutnumberTheLivingAndStillAnswersInOrder() {
    TimerQueue queue = new TimerQueue();
    List<Timer> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Timer t = new Timer(T0.plusSeconds(10_000 - i), "TSK-" + i, Deadline.DELIVERY);
      all.add(t);
      queue.add(t);
    }
    TreeSet<Timer> model = new TreeSet<>(all);
    // Two in three, the latest due first, so that the dead sit deep in the heap until it compacts.
    for (int i = 0; i < 10_000; i++) {
      if (i % 3 != 0) {
        assertThat(queue.remove(all.get(i))).isTrue();
        model.remove(all.get(i));
      }
    }
    assertThat(queue.size()).isEqualTo(model.size());
    assertThat(queue.slots()).as("the heap compacted").isLessThan(2 * model.size() + 1);
    assertThat(queue.first()).isEqualTo(model.first());
    assertThat(queue.dueBy(T0.plusSeconds(5_000)))
        .containsExactlyElementsOf(
            model.headSet(new Timer(T0.plusSeconds(5_000), "\uffff", Deadline.DECISION), true));
    assertThat(queue.ascending()).containsExactlyElementsOf(model);
    List<Timer> image = queue.ascending();
    assertThatThrownBy(() -> image.add(all.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    queue.add(new Timer(T0, "TSK-new", Deadline.DELIVERY));
    assertThat(image).as("a copy, not a view").containsExactlyElementsOf(model);
  }

  @Test
  void refusesAnImageOutOfOrder() {
    Timer early = new Timer(T0, "TSK-1", Deadline.DELIVERY);
    Timer late = new Timer(T0.plusSeconds(1), "TSK-1", Deadline.DELIVERY);
    assertThatThrownBy(() -> TimerQueue.ofAscending(List.of(late, early)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascending");
  }
}
