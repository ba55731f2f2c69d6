package org.guarantor.domain.treaty;

import java.util.Objects;

/**
 * The treaty's own rule for adopting an amendment.
 *
 * @param kind every guarantor must approve, or a qualified majority of them
 * @param majority for {@link Kind#QUALIFIED_MAJORITY}: the share of the guarantors in force that
 *     must approve, above 0.5 and at most 1 (default 2/3); rounded up to whole guarantors
 * @param protectedStateConsent whether the protected state must approve as well (default true)
 */
public record AmendmentRule(Kind kind, Double majority, Boolean protectedStateConsent) {
  /** Approval rules. */
  public enum Kind {
    UNANIMITY,
    QUALIFIED_MAJORITY
  }

  public static final double DEFAULT_MAJORITY = 2.0 / 3.0;

  public AmendmentRule {
    Objects.requireNonNull(kind, "kind");
    majority = kind == Kind.UNANIMITY ? 1.0 : majority == null ? DEFAULT_MAJORITY : majority;
    protectedStateConsent = protectedStateConsent == null || protectedStateConsent;
  }

  public static AmendmentRule unanimity() {
    return new AmendmentRule(Kind.UNANIMITY, null, null);
  }

  /** How many of {@code guarantors} must approve. */
  public int approvalsNeeded(int guarantors) {
    return kind == Kind.UNANIMITY ? guarantors : (int) Math.ceil(majority * guarantors - 1e-9);
  }

  /** The rule in words, for views and reasons. */
  public String describe() {
    String g =
        kind == Kind.UNANIMITY
            ? "every guarantor"
            : "a qualified majority of " + Math.round(majority * 1000) / 10.0 + " % of guarantors";
    return protectedStateConsent ? g + " and the protected state" : g;
  }
}
