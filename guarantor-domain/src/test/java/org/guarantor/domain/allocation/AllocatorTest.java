package org.guarantor.domain.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.BRIZE_NORTON;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.RZESZOW;
import static org.guarantor.domain.treaty.TestTreaty.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Caveats;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The online allocator, one rule per test. The order among pledges that can all serve a need on
 * time is {@link Preference}'s (tested term by term in {@code PreferenceTest}); these tests show
 * each rule through whole allocations. Unless a test says otherwise the need is two air-defence
 * systems at Kyiv for an air attack of severity 3 in UA-TEST, due 12 hours from {@link
 * TestTreaty#T0}.
 */
class AllocatorTest {

  /** A need with defaults; each test changes what it is about. */
  private static final class NeedSpec {
    Capability capability = Capability.AIR_DEFENCE;
    Unit unit = Unit.SYSTEMS;
    long amount = 2;
    Instant dueAt = T0.plus(Duration.ofHours(12));
    ThreatType threat = ThreatType.AIR_ATTACK;
    int severity = 3;
    String region = "UA-TEST";
    Set<PledgeId> excluded = Set.of();

    Need build() {
      return new Need(
          capability,
          unit,
          amount,
          KYIV.getY(),
          KYIV.getX(),
          T0,
          dueAt,
          threat,
          severity,
          region,
          excluded);
    }
  }

  private static Need need() {
    return new NeedSpec().build();
  }

  /** A remotely delivered pledge (no travel) of air-defence systems. */
  private static Pledge remote(String id, PartyCode guarantor, long amount, Duration readiness) {
    return new Pledge(
        new PledgeId(id),
        guarantor,
        Capability.AIR_DEFENCE,
        Quantity.of(amount, Unit.SYSTEMS),
        readiness,
        RZESZOW.id(),
        Transport.none(),
        Caveats.none(),
        null,
        null);
  }

  private static Pledge withCaveats(Pledge p, Caveats c) {
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        p.quantity(),
        p.readiness(),
        p.hub(),
        p.transport(),
        c,
        p.validFrom(),
        p.validUntil());
  }

  private static Pledge validBetween(Pledge p, Instant from, Instant until) {
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        p.quantity(),
        p.readiness(),
        p.hub(),
        p.transport(),
        p.caveats(),
        from,
        until);
  }

  private static Treaty treatyWith(Pledge... pledges) {
    return TestTreaty.builder().pledges(pledges).build();
  }

  private static Allocation allocate(Treaty t, Need need) {
    return Allocator.allocate(t, need, new HashMap<>());
  }

  private static List<String> pledgesUsed(Allocation a) {
    return a.assignments().stream().map(x -> x.pledge().id().value()).toList();
  }

  @Nested
  class WhichPledgeMayServe {
    @Test
    void the_capability_must_match() {
      NeedSpec weapons = new NeedSpec();
      weapons.capability = Capability.WEAPONS;

      assertThat(Allocator.servable(GBR_AD, need())).isTrue();
      assertThat(Allocator.servable(GBR_AD, weapons.build())).isFalse();
    }

    @Test
    void the_unit_must_match() {
      NeedSpec sorties = new NeedSpec();
      sorties.unit = Unit.SORTIES;

      assertThat(Allocator.servable(GBR_AD, sorties.build())).isFalse();
    }

    @Test
    void a_threat_type_caveat_excludes_other_threats() {
      Pledge groundOnly =
          withCaveats(GBR_AD, new Caveats(Set.of(ThreatType.GROUND_INVASION), Set.of(), 1));
      NeedSpec ground = new NeedSpec();
      ground.threat = ThreatType.GROUND_INVASION;

      assertThat(Allocator.servable(groundOnly, need())).isFalse();
      assertThat(Allocator.servable(groundOnly, ground.build())).isTrue();
    }

    @Test
    void a_region_caveat_excludes_that_region_only() {
      Pledge notThere = withCaveats(GBR_AD, new Caveats(Set.of(), Set.of("UA-TEST"), 1));
      NeedSpec elsewhere = new NeedSpec();
      elsewhere.region = "UA-OTHER";

      assertThat(Allocator.servable(notThere, need())).isFalse();
      assertThat(Allocator.servable(notThere, elsewhere.build())).isTrue();
    }

    @Test
    void a_minimum_severity_caveat_excludes_lesser_threats() {
      Pledge severeOnly = withCaveats(GBR_AD, new Caveats(Set.of(), Set.of(), 4));
      NeedSpec severe = new NeedSpec();
      severe.severity = 4;

      assertThat(Allocator.servable(severeOnly, need())).isFalse();
      assertThat(Allocator.servable(severeOnly, severe.build())).isTrue();
    }

    @Test
    void a_pledge_is_valid_from_its_start_inclusive_until_its_end_exclusive() {
      Instant day = T0.minus(Duration.ofDays(1));

      assertThat(Allocator.servable(validBetween(GBR_AD, T0.plusSeconds(1), null), need()))
          .isFalse();
      assertThat(Allocator.servable(validBetween(GBR_AD, T0, null), need())).isTrue();
      assertThat(Allocator.servable(validBetween(GBR_AD, day, T0), need())).isFalse();
      assertThat(Allocator.servable(validBetween(GBR_AD, day, T0.plusSeconds(1)), need())).isTrue();
    }

    @Test
    void an_excluded_pledge_is_not_used() {
      NeedSpec excluding = new NeedSpec();
      excluding.excluded = Set.of(GBR_AD.id());

      assertThat(Allocator.servable(GBR_AD, excluding.build())).isFalse();
      assertThat(Allocator.servable(DEU_AD, excluding.build())).isTrue();
    }
  }

  @Nested
  class Time {
    @Test
    void a_pledge_whose_readiness_and_travel_miss_the_deadline_is_not_used() {
      NeedSpec tight = new NeedSpec();
      tight.dueAt = T0.plus(Duration.ofHours(6)).minusSeconds(1);

      Allocation a = allocate(treatyWith(remote("P", POL, 4, Duration.ofHours(6))), tight.build());

      assertThat(a.assignments()).isEmpty();
      assertThat(a.shortfall()).isEqualTo(2);
      assertThat(a.shortfallReason())
          .isEqualTo("no pledge of AIR_DEFENCE in SYSTEMS can arrive by the deadline");
    }

    @Test
    void arriving_exactly_at_the_deadline_is_in_time() {
      NeedSpec exact = new NeedSpec();
      exact.dueAt = T0.plus(Duration.ofHours(6));

      Allocation a = allocate(treatyWith(remote("P", POL, 4, Duration.ofHours(6))), exact.build());

      assertThat(pledgesUsed(a)).containsExactly("P");
      assertThat(a.shortfall()).isZero();
    }

    @Test
    void arrival_is_readiness_then_handling_then_great_circle_travel() {
      Allocation a = allocate(treatyWith(GBR_AD), need());

      double km = GreatCircle.km(BRIZE_NORTON.lat(), BRIZE_NORTON.lon(), KYIV.getY(), KYIV.getX());
      Instant expected = T0.plus(Duration.ofHours(4 + 2)).plusSeconds(Math.round(km / 700 * 3600));
      assertThat(a.assignments().get(0).arrival()).isEqualTo(expected);
      assertThat(a.assignments().get(0).distanceKm()).isEqualTo(km);
    }

    @Test
    void a_remote_capability_arrives_at_readiness_whatever_the_distance() {
      Allocation a = allocate(treatyWith(remote("P", POL, 4, Duration.ofHours(3))), need());

      assertThat(a.assignments().get(0).arrival()).isEqualTo(T0.plus(Duration.ofHours(3)));
      assertThat(a.assignments().get(0).distanceKm()).isZero();
    }
  }

  /** Allocates needs one after another against one treaty, as one plan's lines are. */
  private static List<Allocation> inTurn(Treaty t, Need... needs) {
    Map<PledgeId, Long> held = new HashMap<>();
    Allocator allocator = Allocator.of(t);
    return java.util.Arrays.stream(needs)
        .map(n -> allocator.allocate(n, held, Standing.NEUTRAL))
        .toList();
  }

  @Nested
  class Order {
    @Test
    void the_pledge_with_the_least_margin_to_the_deadline_goes_first() {
      // Allowed: the slower pledge, which still makes the deadline. (Until this rule the earliest
      // arrival went first.)
      Pledge slow = remote("A-SLOW", POL, 4, Duration.ofHours(8));
      Pledge fast = remote("Z-FAST", GBR, 4, Duration.ofHours(2));

      assertThat(pledgesUsed(allocate(treatyWith(slow, fast), need()))).containsExactly("A-SLOW");
    }

    @Test
    void a_fast_pledge_is_kept_for_a_tight_line() {
      // The case earliest-arrival-first got wrong: the loose line took the fast pledge and the
      // tight line, activated after it, found nothing that could arrive in time.
      Pledge slow = remote("A-SLOW", POL, 4, Duration.ofHours(8));
      Pledge fast = remote("B-FAST", GBR, 4, Duration.ofHours(2));
      NeedSpec loose = new NeedSpec();
      loose.amount = 4;
      NeedSpec tight = new NeedSpec();
      tight.amount = 4;
      tight.dueAt = T0.plus(Duration.ofHours(3));

      List<Allocation> both = inTurn(treatyWith(slow, fast), loose.build(), tight.build());

      assertThat(pledgesUsed(both.get(0))).containsExactly("A-SLOW");
      assertThat(pledgesUsed(both.get(1))).containsExactly("B-FAST");
      assertThat(both).extracting(Allocation::shortfall).containsExactly(0L, 0L);
    }

    @Test
    void a_pledge_arriving_exactly_at_the_deadline_has_no_margin_and_goes_first() {
      Pledge exact = remote("B-EXACT", GBR, 4, Duration.ofHours(12));
      Pledge early = remote("A-EARLY", POL, 4, Duration.ofHours(11));

      assertThat(pledgesUsed(allocate(treatyWith(early, exact), need())))
          .containsExactly("B-EXACT");
    }

    @Test
    void inside_the_treatys_safety_margin_a_pledge_goes_only_after_those_with_room_to_spare() {
      // The need is due 12 h after the call: "exact" arrives at 12 h, "early" at 11 h.
      Pledge exact = remote("B-EXACT", GBR, 4, Duration.ofHours(12));
      Pledge early = remote("A-EARLY", POL, 4, Duration.ofHours(11));
      Treaty safe =
          TestTreaty.builder().pledges(early, exact).safetyMargin(Duration.ofMinutes(30)).build();

      Allocation a = allocate(safe, need());

      assertThat(pledgesUsed(a)).containsExactly("A-EARLY");
      Alternative lost = a.alternatives().get(0);
      assertThat(lost.pledge().value()).isEqualTo("B-EXACT");
      assertThat(lost.lost()).isEqualTo(Alternative.Lost.THIN_MARGIN);
      assertThat(lost.detail()).contains("inside the treaty's safety margin");
    }

    @Test
    void a_pledge_inside_the_safety_margin_still_serves_when_nothing_else_can() {
      Pledge exact = remote("B-EXACT", GBR, 4, Duration.ofHours(12));
      Treaty safe = TestTreaty.builder().pledges(exact).safetyMargin(Duration.ofHours(2)).build();

      Allocation a = allocate(safe, need());

      assertThat(pledgesUsed(a)).containsExactly("B-EXACT");
      assertThat(a.shortfall()).isZero();
    }

    @Test
    void margins_count_in_whole_minutes_and_equal_scores_go_to_the_smaller_pledge_id() {
      // 59 min 30 s and 59 min 50 s before the deadline are both 59 whole minutes.
      Pledge b = remote("B", GBR, 4, Duration.ofHours(11).plusSeconds(30));
      Pledge a = remote("A", POL, 4, Duration.ofHours(11).plusSeconds(10));

      assertThat(pledgesUsed(allocate(treatyWith(b, a), need()))).containsExactly("A");
    }

    @Test
    void the_rest_of_a_line_comes_from_the_pledge_with_the_next_least_margin() {
      NeedSpec ten = new NeedSpec();
      ten.amount = 10;

      Allocation a = allocate(treatyWith(GBR_AD, DEU_AD), ten.build());

      // Germany's systems land at Kyiv about 9 minutes after the United Kingdom's: they go first.
      assertThat(pledgesUsed(a)).containsExactly("DEU-AD-1", "GBR-AD-1");
      assertThat(a.assignments()).extracting(Assignment::amount).containsExactly(2L, 4L);
    }

    @Test
    void a_real_example_the_united_kingdom_keeps_two_systems_for_a_tighter_line() {
      NeedSpec four = new NeedSpec();
      four.amount = 4;
      NeedSpec sooner = new NeedSpec();
      sooner.amount = 2;
      sooner.dueAt = T0.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(15));

      List<Allocation> both = inTurn(treatyWith(GBR_AD, DEU_AD), four.build(), sooner.build());

      // The United Kingdom lands first (about 9 h 11 min) and Germany just after (9 h 20 min):
      // Germany goes first on the line due in 12 h, so the United Kingdom's other two can make the
      // line due in 9 h 15 min, which Germany cannot. Earliest-arrival-first sent all four of the
      // United Kingdom's to the first line and left the second short.
      assertThat(pledgesUsed(both.get(0))).containsExactly("DEU-AD-1", "GBR-AD-1");
      assertThat(pledgesUsed(both.get(1))).containsExactly("GBR-AD-1");
      assertThat(both).extracting(Allocation::shortfall).containsExactly(0L, 0L);
    }
  }

  @Nested
  class BurdenShare {
    @Test
    void a_share_of_pledged_quantity_in_use_counts_as_a_day_of_margin_per_whole_share() {
      // Poland has a quarter of its systems in use: 6 hours against it at weight 1. Its pledge
      // is 5 hours tighter than the United Kingdom's: not enough.
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(7));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(2));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 1L));

      Allocation a = Allocator.allocate(treatyWith(poland, britain), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void a_margin_smaller_by_more_than_the_share_costs_still_goes_first() {
      // 7 hours tighter against 6 hours of burden: Poland's pledge still goes first.
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(9));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(2));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 1L));

      Allocation a = Allocator.allocate(treatyWith(poland, britain), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("A-POL");
    }

    @Test
    void the_share_counts_every_pledge_of_a_guarantor_in_that_unit() {
      Pledge polA = remote("A-POL", POL, 2, Duration.ofHours(1));
      Pledge polB = remote("C-POL", POL, 6, Duration.ofHours(13));
      Pledge gbr = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(polB.id(), 3L, gbr.id(), 1L));

      // A-POL itself is unused (and C-POL arrives too late to serve), but Poland has 3 of its 8
      // systems in use (3/8) and the United Kingdom 1 of 4 (1/4): the United Kingdom goes first.
      Allocation a = Allocator.allocate(treatyWith(polA, polB, gbr), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void the_treaty_weight_scales_it() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(9));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(2));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 1L));
      Treaty heavier = TestTreaty.builder().pledges(poland, britain).burdenWeight(2.0).build();

      // At weight 2 a quarter share is 12 hours: more than Poland's 7 hours less margin.
      Allocation a = Allocator.allocate(heavier, need(), held);

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void at_weight_zero_shares_are_not_looked_at() {
      Pledge poland = remote("A-POL", POL, 8, Duration.ofHours(3));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(2));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 6L));
      Treaty off = TestTreaty.builder().pledges(poland, britain).burdenWeight(0.0).build();

      Allocation a = Allocator.allocate(off, need(), held);

      // Three quarters in use, and still first by one hour of margin.
      assertThat(pledgesUsed(a)).containsExactly("A-POL");
    }
  }

  @Nested
  class QuantityLeft {
    @Test
    void only_the_quantity_left_is_used_and_the_rest_comes_from_the_next_pledge() {
      Pledge first = remote("A", POL, 4, Duration.ofHours(2));
      Pledge second = remote("B", POL, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(first.id(), 3L));

      Allocation a = Allocator.allocate(treatyWith(first, second), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("A", "B");
      assertThat(a.assignments()).extracting(Assignment::amount).containsExactly(1L, 1L);
      assertThat(held).containsEntry(first.id(), 4L).containsEntry(second.id(), 1L);
    }

    @Test
    void a_fully_held_pledge_is_not_used() {
      Pledge full = remote("A", POL, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(full.id(), 4L));

      Allocation a = Allocator.allocate(treatyWith(full), need(), held);

      assertThat(a.assignments()).isEmpty();
      assertThat(held).containsEntry(full.id(), 4L);
    }

    @Test
    void capacity_given_to_one_need_is_not_given_to_the_next() {
      Pledge only = remote("A", POL, 3, Duration.ofHours(1));
      Treaty t = treatyWith(only);
      Map<PledgeId, Long> held = new HashMap<>();

      Allocation first = Allocator.allocate(t, need(), held);
      Allocation second = Allocator.allocate(t, need(), held);

      assertThat(first.assignments()).extracting(Assignment::amount).containsExactly(2L);
      assertThat(second.assignments()).extracting(Assignment::amount).containsExactly(1L);
      assertThat(second.shortfall()).isEqualTo(1);
      assertThat(held).containsEntry(only.id(), 3L);
    }

    @Test
    void the_shortfall_is_what_is_required_minus_what_is_covered() {
      NeedSpec ten = new NeedSpec();
      ten.amount = 10;

      Allocation a = allocate(treatyWith(DEU_AD, GBR_AD), ten.build());

      assertThat(a.assignments()).extracting(Assignment::amount).containsExactly(2L, 4L);
      assertThat(a.shortfall()).isEqualTo(4);
      assertThat(a.shortfallReason())
          .isEqualTo("pledges that can arrive by the deadline cover only 6");
    }

    @Test
    void a_covered_need_has_no_shortfall_and_no_reason() {
      Allocation a = allocate(treatyWith(DEU_AD), need());

      assertThat(a.shortfall()).isZero();
      assertThat(a.shortfallReason()).isEmpty();
    }

    @Test
    void a_pledge_held_over_its_quantity_by_an_earlier_version_is_simply_full() {
      Pledge shrunk = remote("A", POL, 2, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(shrunk.id(), 5L));

      assertThat(Allocator.allocate(treatyWith(shrunk), need(), held).assignments()).isEmpty();
    }
  }

  /** Everyone at 1.0 but one guarantor; nobody suspended. */
  private static Standing reliability(PartyCode who, double value) {
    return new Standing() {
      @Override
      public double reliability(PartyCode guarantor) {
        return guarantor.equals(who) ? value : 1;
      }

      @Override
      public boolean suspended(PartyCode guarantor) {
        return false;
      }
    };
  }

  /** Everyone at 1.0 and in good standing but one guarantor, suspended. */
  private static Standing suspended(PartyCode who) {
    return new Standing() {
      @Override
      public double reliability(PartyCode guarantor) {
        return 1;
      }

      @Override
      public boolean suspended(PartyCode guarantor) {
        return guarantor.equals(who);
      }
    };
  }

  @Nested
  class Reliability {
    @Test
    void with_the_same_margin_the_guarantor_with_the_better_record_goes_first() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation a = allocator.allocate(need(), new HashMap<>(), reliability(POL, 0.8));

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void a_record_counts_at_most_an_hour_of_margin() {
      // Reliability 0.1 costs 54 minutes; Poland's pledge is 2 hours tighter and still goes first.
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(3));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation a = allocator.allocate(need(), new HashMap<>(), reliability(POL, 0.1));

      assertThat(pledgesUsed(a)).containsExactly("A-POL");
    }

    @Test
    void record_and_burden_share_add_up() {
      // Until this rule reliability came before the burden share. Now both count as minutes: the
      // United Kingdom's half share in use (12 h) weighs more than Poland's record of 0.9 (6 min).
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(britain.id(), 2L));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation a = allocator.allocate(need(), held, reliability(POL, 0.9));

      assertThat(pledgesUsed(a)).containsExactly("A-POL");
    }

    @Test
    void a_suspended_guarantor_goes_after_every_other_whatever_its_margin() {
      Pledge poland = remote("A-POL", POL, 1, Duration.ofHours(11));
      Pledge britain = remote("B-GBR", GBR, 1, Duration.ofHours(1));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation one = allocator.allocate(need(), new HashMap<>(), suspended(POL));

      // Forbidden: Poland first. Allowed: Poland once nobody else is left.
      assertThat(pledgesUsed(one)).containsExactly("B-GBR", "A-POL");
    }
  }

  @Nested
  class Explanations {
    private Alternative only(Allocation a, PledgeId id) {
      return a.alternatives().stream().filter(x -> x.pledge().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void each_assignment_carries_its_rank_and_the_size_of_the_field() {
      NeedSpec six = new NeedSpec();
      six.amount = 6;

      Allocation a = allocate(treatyWith(GBR_AD, DEU_AD), six.build());

      assertThat(a.assignments()).extracting(Assignment::rank).containsExactly(1, 2);
      assertThat(a.assignments()).extracting(Assignment::onTime).containsExactly(2, 2);
    }

    @Test
    void a_faster_on_time_pledge_lost_on_margin_and_says_it_is_kept_for_tighter_deadlines() {
      Pledge fast = remote("A", POL, 4, Duration.ofHours(1));
      Pledge slow = remote("B", POL, 4, Duration.ofHours(3));

      Alternative a = only(allocate(treatyWith(fast, slow), need()), fast.id());

      assertThat(a.lost()).isEqualTo(Alternative.Lost.LARGER_MARGIN);
      assertThat(a.arrival()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(a.reference()).isEqualTo(T0.plus(Duration.ofHours(3)));
      assertThat(a.detail())
          .isEqualTo(
              "arrives 2025-03-01T09:00:00Z, 2 h 0 min before B, which also makes the deadline:"
                  + " the faster pledge is kept for tighter deadlines");
    }

    @Test
    void a_pledge_that_lost_on_its_guarantors_record_names_both_figures() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));

      Allocation a =
          Allocator.of(treatyWith(poland, britain))
              .allocate(need(), new HashMap<>(), reliability(POL, 0.5));

      Alternative p = only(a, poland.id());
      assertThat(p.lost()).isEqualTo(Alternative.Lost.LOWER_RELIABILITY);
      assertThat(p.detail()).isEqualTo("reliability 0.5 against 1.0 for GBR");
    }

    @Test
    void a_pledge_of_a_suspended_guarantor_lost_as_suspended() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(11));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));

      Allocation a =
          Allocator.of(treatyWith(poland, britain))
              .allocate(need(), new HashMap<>(), suspended(POL));

      assertThat(only(a, poland.id()).lost()).isEqualTo(Alternative.Lost.SUSPENDED);
    }

    @Test
    void a_pledge_that_misses_the_deadline_lost_as_too_late_with_its_margin() {
      Pledge late = remote("L", GBR, 4, Duration.ofHours(13));

      Alternative l = only(allocate(treatyWith(DEU_AD, late), need()), late.id());

      assertThat(l.lost()).isEqualTo(Alternative.Lost.TOO_LATE);
      assertThat(l.detail())
          .isEqualTo(
              "arrives 2025-03-01T21:00:00Z, 1 h 0 min after the deadline 2025-03-01T20:00:00Z");
    }

    @Test
    void a_fully_held_pledge_lost_as_no_quantity_left() {
      Pledge full = remote("F", GBR, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(full.id(), 4L));

      Allocation a = Allocator.allocate(treatyWith(DEU_AD, full), need(), held);

      assertThat(only(a, full.id()).lost()).isEqualTo(Alternative.Lost.NO_QUANTITY_LEFT);
    }

    @Test
    void a_caveat_and_a_decline_are_named() {
      Pledge caveated = withCaveats(GBR_AD, new Caveats(Set.of(), Set.of("UA-TEST"), 1));
      NeedSpec spec = new NeedSpec();
      spec.excluded = Set.of(DEU_AD.id());

      Allocation a = allocate(treatyWith(caveated, DEU_AD), spec.build());

      assertThat(only(a, GBR_AD.id()).lost()).isEqualTo(Alternative.Lost.CAVEAT);
      assertThat(only(a, DEU_AD.id()).lost()).isEqualTo(Alternative.Lost.DECLINED);
    }

    @Test
    void the_same_margin_and_record_lose_on_burden_share_then_on_pledge_id() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Pledge germany = remote("C-DEU", PartyCode.of("DEU"), 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 1L));

      Allocation a = Allocator.allocate(treatyWith(poland, britain, germany), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
      assertThat(only(a, poland.id()).lost()).isEqualTo(Alternative.Lost.HIGHER_BURDEN_SHARE);
      assertThat(only(a, poland.id()).detail())
          .isEqualTo("POL has 25.0 % of its pledged quantity in use, GBR 0.0 %");
      // Shares are compared as they stood when the United Kingdom was chosen (both 0/4), not after
      // its tasking: Germany lost on the pledge id.
      assertThat(only(a, germany.id()).lost()).isEqualTo(Alternative.Lost.PLEDGE_ORDER);
    }

    @Test
    void pledges_of_another_capability_or_unit_are_not_listed() {
      Allocation a = allocate(TestTreaty.treaty(), need());

      assertThat(a.alternatives())
          .extracting(Alternative::pledge)
          .doesNotContain(TestTreaty.GBR_INT.id(), TestTreaty.POL_AF.id());
    }

    @Test
    void at_most_three_ranked_lower_and_three_ruled_out_are_kept() {
      List<Pledge> many = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        many.add(remote("ON-" + i, POL, 4, Duration.ofHours(1 + i)));
        many.add(remote("LATE-" + i, GBR, 4, Duration.ofHours(13 + i)));
      }

      Allocation a = allocate(treatyWith(many.toArray(new Pledge[0])), need());

      // ON-5 (least margin) is used; the next three by margin ranked lower.
      assertThat(pledgesUsed(a)).containsExactly("ON-5");
      assertThat(a.alternatives())
          .extracting(x -> x.pledge().value())
          .containsExactly("ON-4", "ON-3", "ON-2", "LATE-0", "LATE-1", "LATE-2");
    }
  }
}
