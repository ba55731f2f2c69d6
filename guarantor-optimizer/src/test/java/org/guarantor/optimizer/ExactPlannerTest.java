package org.guarantor.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.optimizer.Fixtures.GBR;
import static org.guarantor.optimizer.Fixtures.POL;
import static org.guarantor.optimizer.Fixtures.line;
import static org.guarantor.optimizer.Fixtures.problem;
import static org.guarantor.optimizer.Fixtures.remote;
import static org.guarantor.optimizer.Fixtures.used;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.pledge.PledgeId;
import org.junit.jupiter.api.Test;

/** The exact optimizer, one rule of its objective per test. */
class ExactPlannerTest {
  private static final Duration BUDGET = Duration.ofSeconds(30);

  @Test
  void coverage_comes_first_even_where_the_online_allocator_cannot_see_the_next_line() {
    Problem p = Fixtures.unseenRegion();

    ExactPlanner.Result exact = ExactPlanner.plan(p, BUDGET);

    assertThat(OnlinePlanner.plan(p).covered()).isEqualTo(4);
    assertThat(used(exact.plan())).containsExactly("0:B=4", "1:A=4");
    assertThat(exact.coverageBound()).isEqualTo(8);
    assertThat(exact.status()).isEqualTo("OPTIMAL");
  }

  @Test
  void the_online_allocator_keeps_the_fast_pledge_for_the_tight_line_and_matches_the_optimum() {
    // Line 0 (due in 10 h) is activated first; A is the only pledge that can reach line 1 (due in
    // 3 h). Earliest-arrival-first gave A to line 0 and covered 4; least margin gives it B.
    Problem p =
        problem(
            List.of(remote("A", POL, 4, 2), remote("B", GBR, 4, 8)),
            line("I/1", 4, 10),
            line("I/2", 4, 3));

    assertThat(used(OnlinePlanner.plan(p))).containsExactly("0:B=4", "1:A=4");
    assertThat(ExactPlanner.plan(p, BUDGET).coverageBound()).isEqualTo(8);
  }

  @Test
  void burden_share_comes_before_arrival() {
    // Each guarantor pledged half; sharing the line evenly beats sending the earlier one alone.
    Problem p =
        problem(List.of(remote("A", POL, 4, 1), remote("B", GBR, 4, 2)), line("I/1", 4, 10));

    assertThat(used(ExactPlanner.plan(p, BUDGET).plan())).containsExactly("0:A=2", "0:B=2");
  }

  @Test
  void without_burden_sharing_the_earlier_arrival_takes_it_all() {
    Problem shared =
        problem(List.of(remote("A", POL, 4, 1), remote("B", GBR, 4, 2)), line("I/1", 4, 10));
    Problem p = new Problem(shared.hubs(), shared.pledges(), shared.lines(), Map.of(), Map.of(), 0);

    assertThat(used(ExactPlanner.plan(p, BUDGET).plan())).containsExactly("0:A=4");
  }

  @Test
  void with_shares_even_the_earlier_arrival_goes_first() {
    Problem p =
        problem(
            List.of(remote("A", POL, 4, 3), remote("B", POL, 4, 1), remote("C", GBR, 8, 2)),
            line("I/1", 4, 10));

    // Poland's share is half: 2 of 4, from its earlier pledge B.
    assertThat(used(ExactPlanner.plan(p, BUDGET).plan())).containsExactly("0:B=2", "0:C=2");
  }

  @Test
  void quantity_already_held_is_not_planned_again_and_counts_in_the_shares() {
    Problem base =
        problem(List.of(remote("A", POL, 4, 1), remote("B", GBR, 4, 2)), line("I/1", 4, 10));
    Problem p =
        new Problem(
            base.hubs(),
            base.pledges(),
            base.lines(),
            Map.of(new PledgeId("B"), 3L),
            Map.of(),
            1.0);

    // In use after the plan: 7 of 8; even shares want 3.5 each, so Poland gives 3 or 4 and Britain
    // its last one: the deviation is the same, and the earlier pledge A breaks the tie.
    assertThat(used(ExactPlanner.plan(p, BUDGET).plan())).containsExactly("0:A=4");
  }

  @Test
  void a_less_reliable_guarantor_loses_a_tie_on_arrival() {
    Problem base =
        problem(List.of(remote("A", POL, 4, 1), remote("B", GBR, 4, 1)), line("I/1", 4, 10));
    Problem p =
        new Problem(base.hubs(), base.pledges(), base.lines(), Map.of(), Map.of(POL, 0.5), 0);

    assertThat(used(ExactPlanner.plan(p, BUDGET).plan())).containsExactly("0:B=4");
  }

  @Test
  void a_pledge_that_cannot_arrive_by_the_deadline_is_never_used() {
    Problem p = problem(List.of(remote("LATE", POL, 4, 11)), line("I/1", 4, 10));

    ExactPlanner.Result r = ExactPlanner.plan(p, BUDGET);

    assertThat(r.plan().placements()).isEmpty();
    assertThat(Scorecard.of(p, r.plan()).shortfall()).isEqualTo(4);
  }
}
