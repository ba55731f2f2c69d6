package org.guarantor.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.guarantor.domain.allocation.Allocation;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.pledge.PledgeId;

/** Invariants of both allocators over seeded random instances. */
class PlanPropertiesTest {
  private static final Duration BUDGET = Duration.ofSeconds(30);

  @Property(tries = 60)
  void no_pledge_over_allocated_and_no_tasking_that_cannot_arrive_in_time(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int lines,
      @ForAll @IntRange(min = 1, max = 150) int pledges,
      @ForAll @DoubleRange(min = 0.2, max = 3) double demand) {
    Problem p = InstanceGenerator.generate(seed, lines, pledges, demand).problem();

    assertThat(PlanCheck.violations(p, OnlinePlanner.plan(p))).isEmpty();
    assertThat(PlanCheck.violations(p, ExactPlanner.plan(p, BUDGET).plan())).isEmpty();
  }

  @Property(tries = 40)
  void any_burden_weight_keeps_the_rules(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int lines,
      @ForAll @IntRange(min = 1, max = 150) int pledges,
      @ForAll @DoubleRange(min = 0, max = 8) double weight) {
    Problem p = InstanceGenerator.generate(seed, lines, pledges).problem().withBurdenWeight(weight);

    Plan online = OnlinePlanner.plan(p);

    assertThat(PlanCheck.violations(p, online)).isEmpty();
    assertThat(ExactPlanner.plan(p, BUDGET).plan().covered())
        .isGreaterThanOrEqualTo(online.covered());
  }

  @Property(tries = 40)
  void allocating_lines_in_one_call_is_the_same_as_one_call_per_line(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int lines,
      @ForAll @IntRange(min = 1, max = 150) int pledges,
      @ForAll @DoubleRange(min = 0, max = 3) double weight) {
    Problem p = InstanceGenerator.generate(seed, lines, pledges).problem();
    Allocator allocator = Allocator.of(p.hubs(), p.pledges(), weight);
    List<Need> needs = p.lines().stream().map(Problem.Line::need).toList();
    Map<PledgeId, Long> heldTogether = new HashMap<>(p.held());
    Map<PledgeId, Long> heldApart = new HashMap<>(p.held());

    List<Allocation> together = allocator.allocateInTurn(needs, heldTogether, p.standing());
    List<Allocation> apart = new ArrayList<>();
    for (Need n : needs) {
      apart.add(allocator.allocate(n, heldApart, p.standing()));
    }

    assertThat(together).isEqualTo(apart);
    assertThat(heldTogether).isEqualTo(heldApart);
  }

  @Property(tries = 60)
  void shortfall_is_required_minus_covered(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int lines,
      @ForAll @IntRange(min = 1, max = 150) int pledges) {
    Problem p = InstanceGenerator.generate(seed, lines, pledges).problem();

    for (Plan plan : new Plan[] {OnlinePlanner.plan(p), ExactPlanner.plan(p, BUDGET).plan()}) {
      Scorecard s = Scorecard.of(p, plan);
      assertThat(s.shortfall()).isEqualTo(s.required() - s.covered());
      assertThat(s.required()).isEqualTo(p.required());
      assertThat(s.covered()).isEqualTo(plan.covered());
    }
  }

  @Property(tries = 80)
  void the_exact_plan_never_covers_less_than_the_online_one(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int lines,
      @ForAll @IntRange(min = 1, max = 150) int pledges,
      @ForAll @DoubleRange(min = 0.2, max = 3) double demand) {
    Problem p = InstanceGenerator.generate(seed, lines, pledges, demand).problem();

    ExactPlanner.Result exact = ExactPlanner.plan(p, BUDGET);

    assertThat(exact.plan().covered()).isGreaterThanOrEqualTo(OnlinePlanner.plan(p).covered());
    assertThat(exact.plan().covered()).isEqualTo(exact.coverageBound());
  }
}
