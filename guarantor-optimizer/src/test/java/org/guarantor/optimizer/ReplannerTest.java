package org.guarantor.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplannerTest {
  private final Problem contended = Fixtures.unseenRegion();

  @Test
  void a_plan_that_covers_more_is_adopted() {
    Replanner.Outcome o =
        Replanner.replan(contended, OnlinePlanner.plan(contended), Duration.ofSeconds(30));

    assertThat(o.adopted()).isTrue();
    assertThat(o.plan().covered()).isEqualTo(8);
    assertThat(o.reason()).isEqualTo("covers 8 against 4 now");
  }

  @Test
  void a_plan_that_missed_the_time_budget_is_not_adopted() {
    Plan current = OnlinePlanner.plan(contended);

    Replanner.Outcome o = Replanner.replan(contended, current, Duration.ZERO);

    assertThat(o.adopted()).isFalse();
    assertThat(o.plan()).isEqualTo(current);
  }
}
