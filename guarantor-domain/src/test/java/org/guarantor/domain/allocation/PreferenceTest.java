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
}
