package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeAnswerTest {
  @Test
  void explanationsNameTheAreaAndCode() {
    assertThat(
            new ScopeAnswer(
                    true, ScopeAnswer.Cause.IN_COVERED_TERRITORY, "UA-63", "Kharkiv Oblast", 1)
                .explanation())
        .isEqualTo("in covered territory (Kharkiv Oblast, UA-63)");
    assertThat(
            new ScopeAnswer(
                    false,
                    ScopeAnswer.Cause.IN_EXCLUDED_REGION,
                    "UA-43",
                    "Autonomous Republic of Crimea",
                    0)
                .explanation())
        .isEqualTo("outside: in excluded region Autonomous Republic of Crimea (UA-43)");
  }

  @Test
  void inScopeMustAgreeWithTheCause() {
    assertThatThrownBy(
            () -> new ScopeAnswer(true, ScopeAnswer.Cause.IN_OTHER_STATE, "MDA", "Moldova", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theShareIsAFraction() {
    assertThatThrownBy(
            () ->
                new ScopeAnswer(true, ScopeAnswer.Cause.IN_COVERED_TERRITORY, "A", "A", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
