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
 * The online allocator, one rule per test. Unless a test says otherwise the need is two air-defence
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

  @Nested
  class Order {
    @Test
    void the_earliest_arrival_goes_first() {
      Pledge slow = remote("A-SLOW", POL, 4, Duration.ofHours(8));
      Pledge fast = remote("Z-FAST", GBR, 4, Duration.ofHours(2));

      assertThat(pledgesUsed(allocate(treatyWith(slow, fast), need()))).containsExactly("Z-FAST");
    }

    @Test
    void arrivals_in_the_same_minute_tie_and_the_smaller_burden_share_goes_first() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofMinutes(60));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofSeconds(3630));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 1L));

      Allocation a = Allocator.allocate(treatyWith(poland, britain), need(), held);

      // Poland has a quarter of its systems in use, the United Kingdom none.
      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void the_burden_share_counts_every_pledge_of_a_guarantor_in_that_unit() {
      Pledge polA = remote("A-POL", POL, 2, Duration.ofHours(1));
      Pledge polB = remote("C-POL", POL, 6, Duration.ofHours(9));
      Pledge gbr = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(polB.id(), 3L, gbr.id(), 1L));

      // A-POL itself is unused, but Poland has 3 of its 8 systems in use (3/8) and the United
      // Kingdom 1 of 4 (1/4): the United Kingdom goes first.
      Allocation a = Allocator.allocate(treatyWith(polA, polB, gbr), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void with_the_same_arrival_and_share_the_smaller_pledge_id_goes_first() {
      Pledge b = remote("B", GBR, 4, Duration.ofHours(1));
      Pledge a = remote("A", POL, 4, Duration.ofHours(1));

      assertThat(pledgesUsed(allocate(treatyWith(b, a), need()))).containsExactly("A");
    }

    @Test
    void a_real_example_germany_flies_in_before_the_united_kingdom() {
      NeedSpec four = new NeedSpec();
      four.amount = 4;

      Allocation a = allocate(treatyWith(GBR_AD, DEU_AD), four.build());

      assertThat(pledgesUsed(a)).containsExactly("DEU-AD-1", "GBR-AD-1");
      assertThat(a.assignments()).extracting(Assignment::amount).containsExactly(2L, 2L);
    }
  }

  @Nested
  class QuantityLeft {
    @Test
    void only_the_quantity_left_is_used_and_the_rest_comes_from_the_next_pledge() {
      Pledge first = remote("A", POL, 4, Duration.ofHours(1));
      Pledge second = remote("B", GBR, 4, Duration.ofHours(2));
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

  @Nested
  class Reliability {
    @Test
    void in_the_same_minute_the_guarantor_with_the_better_record_goes_first() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation a = allocator.allocate(need(), new HashMap<>(), reliability(POL, 0.8));

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }

    @Test
    void reliability_never_beats_an_earlier_arrival() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(2));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation a = allocator.allocate(need(), new HashMap<>(), reliability(POL, 0.1));

      assertThat(pledgesUsed(a)).containsExactly("A-POL");
    }

    @Test
    void reliability_comes_before_the_burden_share() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(britain.id(), 2L));
      Allocator allocator = Allocator.of(treatyWith(poland, britain));

      Allocation a = allocator.allocate(need(), held, reliability(POL, 0.9));

      // The United Kingdom carries half its systems already, Poland none; Poland's record is worse.
      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
    }
  }

  @Nested
  class Explanations {
    private Alternative only(Allocation a, PledgeId id) {
      return a.alternatives().stream().filter(x -> x.pledge().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void each_assignment_carries_its_rank_and_the_size_of_the_field() {
      NeedSpec four = new NeedSpec();
      four.amount = 4;

      Allocation a = allocate(treatyWith(GBR_AD, DEU_AD), four.build());

      assertThat(a.assignments()).extracting(Assignment::rank).containsExactly(1, 2);
      assertThat(a.assignments()).extracting(Assignment::onTime).containsExactly(2, 2);
    }

    @Test
    void a_later_on_time_pledge_lost_on_arrival() {
      Pledge fast = remote("A", POL, 4, Duration.ofHours(1));
      Pledge slow = remote("B", GBR, 4, Duration.ofHours(3));

      Alternative b = only(allocate(treatyWith(fast, slow), need()), slow.id());

      assertThat(b.lost()).isEqualTo(Alternative.Lost.LATER_ARRIVAL);
      assertThat(b.arrival()).isEqualTo(T0.plus(Duration.ofHours(3)));
      assertThat(b.detail()).isEqualTo("arrives 2025-03-01T11:00:00Z, 2 h 0 min after A");
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
    void the_same_minute_and_record_lose_on_burden_share_then_on_pledge_id() {
      Pledge poland = remote("A-POL", POL, 4, Duration.ofHours(1));
      Pledge britain = remote("B-GBR", GBR, 4, Duration.ofHours(1));
      Pledge germany = remote("C-DEU", PartyCode.of("DEU"), 4, Duration.ofHours(1));
      Map<PledgeId, Long> held = new HashMap<>(Map.of(poland.id(), 1L));

      Allocation a = Allocator.allocate(treatyWith(poland, britain, germany), need(), held);

      assertThat(pledgesUsed(a)).containsExactly("B-GBR");
      assertThat(only(a, poland.id()).lost()).isEqualTo(Alternative.Lost.HIGHER_BURDEN_SHARE);
      // After the tasking, the United Kingdom's share (2/4) is above Germany's (0/4).
      assertThat(only(a, germany.id()).lost()).isEqualTo(Alternative.Lost.HIGHER_BURDEN_SHARE);
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

      assertThat(a.alternatives())
          .extracting(x -> x.pledge().value())
          .containsExactly("ON-1", "ON-2", "ON-3", "LATE-0", "LATE-1", "LATE-2");
    }
  }
}
