package org.guarantor.domain.territory;

/**
 * The kinds of area a covered territory is made of, in precedence order: where areas overlap or
 * touch, the earlier layer decides, and within a layer the smaller code. This order is the border
 * rule documented on {@link CoveredTerritory}.
 */
enum Layer {
  CUSTOM_EXCLUDE(ScopeAnswer.Cause.IN_EXCLUDED_REGION),
  CUSTOM_INCLUDE(ScopeAnswer.Cause.IN_COVERED_TERRITORY),
  EXCLUDED(ScopeAnswer.Cause.IN_EXCLUDED_REGION),
  INCLUDED(ScopeAnswer.Cause.IN_COVERED_TERRITORY),
  WATERS(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS),
  UNCOVERED(ScopeAnswer.Cause.IN_UNCOVERED_REGION),
  OTHER_STATE(ScopeAnswer.Cause.IN_OTHER_STATE);

  private final ScopeAnswer.Cause cause;

  Layer(ScopeAnswer.Cause cause) {
    this.cause = cause;
  }

  ScopeAnswer.Cause cause() {
    return cause;
  }

  boolean covered() {
    return cause.inScope();
  }
}
