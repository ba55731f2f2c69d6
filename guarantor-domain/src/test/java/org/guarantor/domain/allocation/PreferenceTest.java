package org.guarantor.domain.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The online allocator's score, one term per test: smaller goes first. */
class PreferenceTest {
  private final Preference weightOne = new Preference(1);

  @Test
  void the_margin_counts_minute_for_minute() {
    assertThat(weightOne.score(90, 0, 1)).isEqualTo(90);
    assertThat(weightOne.score(30, 0, 1)).isLessThan(weightOne.score(31, 0, 1));
  }

  @Test
  void a_whole_share_in_use_costs_a_day_of_margin_at_weight_one_and_scales_with_the_weight() {
    assertThat(weightOne.score(0, 1, 1)).isEqualTo(24 * 60);
    assertThat(weightOne.score(0, 0.25, 1)).isEqualTo(6 * 60);
    assertThat(new Preference(2).score(0, 0.25, 1)).isEqualTo(12 * 60);
  }

  @Test
  void weight_zero_ignores_the_share() {
    Preference off = new Preference(0);

    assertThat(off.weighsBurden()).isFalse();
    assertThat(off.score(100, 1, 1)).isEqualTo(100);
  }

  @Test
  void a_record_of_zero_costs_an_hour_as_in_the_exact_optimizer_and_is_clamped_to_0_1() {
    assertThat(weightOne.score(0, 0, 0)).isEqualTo(60);
    assertThat(weightOne.score(0, 0, 0.5)).isEqualTo(30);
    assertThat(weightOne.score(0, 0, -3)).isEqualTo(60);
    assertThat(weightOne.score(0, 0, 7)).isZero();
  }

  @Test
  void a_negative_or_infinite_weight_is_refused() {
    assertThatThrownBy(() -> new Preference(-0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Preference(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Preference(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_pledge_lost_on_the_term_that_counted_most_against_it() {
    // 60 min more margin, same share and record.
    assertThat(weightOne.lostOn(160, 0, 1, 100, 0, 1)).isEqualTo(Alternative.Lost.LARGER_MARGIN);
    // Tighter by 60 min, but a quarter share more in use (360 min).
    assertThat(weightOne.lostOn(40, 0.25, 1, 100, 0, 1))
        .isEqualTo(Alternative.Lost.HIGHER_BURDEN_SHARE);
    // Same margin and share, weaker record.
    assertThat(weightOne.lostOn(100, 0, 0.5, 100, 0, 1))
        .isEqualTo(Alternative.Lost.LOWER_RELIABILITY);
    // Equal scores: the pledge id decided.
    assertThat(weightOne.lostOn(100, 0, 1, 100, 0, 1)).isEqualTo(Alternative.Lost.PLEDGE_ORDER);
  }

  @Test
  void inside_the_safety_margin_a_pledge_goes_after_every_pledge_with_room_to_spare() {
    Preference safe = new Preference(1, 60);

    // 70 and 61 minutes to spare: both safe, the one nearer "deadline less an hour" first.
    assertThat(safe.score(61, 0, 1)).isLessThan(safe.score(70, 0, 1));
    // 59 minutes: on time, but thin; it goes after even a day to spare.
    assertThat(safe.score(59, 0, 1)).isGreaterThan(safe.score(24 * 60, 1, 0));
    // Among thin ones, the most to spare first.
    assertThat(safe.score(50, 0, 1)).isLessThan(safe.score(0, 0, 1));
    assertThat(safe.lostOn(10, 0, 1, 300, 0, 1)).isEqualTo(Alternative.Lost.THIN_MARGIN);
    assertThat(safe.lostOn(300, 0, 1, 70, 0, 1)).isEqualTo(Alternative.Lost.LARGER_MARGIN);
  }

  @Test
  void without_a_safety_margin_the_rule_is_plain_least_margin() {
    assertThat(new Preference(1, 0).score(0, 0, 1)).isZero();
    assertThat(new Preference(1, 0).score(5, 0, 1)).isEqualTo(weightOne.score(5, 0, 1));
    assertThatThrownBy(() -> new Preference(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
