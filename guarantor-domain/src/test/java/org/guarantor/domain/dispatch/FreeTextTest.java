package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where text stops being storable: an unpaired surrogate, wherever it stands. */
class FreeTextTest {
  @Test
  void plain_text_and_paired_surrogates_are_storable() {
    assertThat(FreeText.unpairedSurrogate("")).isEqualTo(-1);
    assertThat(FreeText.unpairedSurrogate("Київ, 49.99 N")).isEqualTo(-1);
    assertThat(FreeText.unpairedSurrogate("\uD83D\uDE80 launch \uD83D\uDE80")).isEqualTo(-1);
  }

  @Test
  void an_unpaired_surrogate_is_found_at_its_index() {
    assertThat(FreeText.unpairedSurrogate("\uD800")).isZero();
    assertThat(FreeText.unpairedSurrogate("ab\uDC00")).isEqualTo(2);
    // a high surrogate followed by anything but a low one, and two highs in a row
    assertThat(FreeText.unpairedSurrogate("a\uD800b")).isEqualTo(1);
    assertThat(FreeText.unpairedSurrogate("\uD800\uD800\uDC00")).isZero();
    // a low surrogate after a complete pair
    assertThat(FreeText.unpairedSurrogate("\uD83D\uDE80\uDE80")).isEqualTo(2);
  }

  @Test
  void a_text_over_the_limit_is_too_long_before_anything_else() {
    assertThat(FreeText.problem("/note", "note", "\uD800xx", 2))
        .contains(Reason.of("/note", ReasonType.TOO_LONG, "note", 2));
    assertThat(FreeText.problem("/note", "note", "fine", 4)).isEmpty();
  }
}
