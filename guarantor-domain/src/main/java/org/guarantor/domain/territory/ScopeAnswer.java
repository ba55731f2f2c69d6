package org.guarantor.domain.territory;

import java.util.Objects;

/**
 * The answer to "is this place covered?", with the one cause and the names and codes a person can
 * act on. Immutable and thread-safe.
 *
 * @param inScope whether the treaty's guarantees apply here; always equal to {@code
 *     cause.inScope()}
 * @param cause the single reason
 * @param code code of the region, area or country that decided it; empty only for {@link
 *     Cause#OUTSIDE_ANY_TERRITORY}
 * @param name its name; empty only for {@link Cause#OUTSIDE_ANY_TERRITORY}
 * @param coveredShare for an area report, the share of its area that lies in covered territory or
 *     its waters (0..1); 1 or 0 for a point
 */
public record ScopeAnswer(
    boolean inScope, Cause cause, String code, String name, double coveredShare) {

  public ScopeAnswer {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    if (inScope != cause.inScope()) {
      throw new IllegalArgumentException("inScope " + inScope + " contradicts cause " + cause);
    }
    if (!(coveredShare >= 0 && coveredShare <= 1)) {
      throw new IllegalArgumentException("coveredShare must be within 0..1: " + coveredShare);
    }
  }

  /** Why a place is in or out of scope. Each constant's template names the deciding area. */
  public enum Cause {
    /** On covered land: an included region or a custom area added by the treaty. */
    IN_COVERED_TERRITORY(true, "in covered territory ({0}, {1})"),
    /** In the maritime belt off a covered region's coast, on its side of the median line. */
    IN_TERRITORIAL_WATERS(true, "in scope: territorial waters off {0} ({1})"),
    /** In a region or custom area the treaty cuts out. */
    IN_EXCLUDED_REGION(false, "outside: in excluded region {0} ({1})"),
    /** In a region of the protected state that the treaty neither includes nor excludes. */
    IN_UNCOVERED_REGION(false, "outside: {0} ({1}) is not part of the covered territory"),
    /** On the land of another state. */
    IN_OTHER_STATE(false, "outside: not in the protected state ({0}, {1})"),
    /** At sea beyond the covered waters, or in no area of the atlas at all. */
    OUTSIDE_ANY_TERRITORY(false, "outside: not in any covered territory or its waters");

    private final boolean inScope;
    private final String template;

    Cause(boolean inScope, String template) {
      this.inScope = inScope;
      this.template = template;
    }

    public boolean inScope() {
      return inScope;
    }

    /** Message template; {0} is the deciding area's name, {1} its code. */
    public String template() {
      return template;
    }
  }

  /**
   * The reason in words, e.g. "outside: in excluded region Autonomous Republic of Crimea (UA-43)".
   */
  public String explanation() {
    return cause.template().replace("{0}", name).replace("{1}", code);
  }

  /** This answer with another covered share, for area reports. */
  ScopeAnswer withShare(double share) {
    return new ScopeAnswer(inScope, cause, code, name, share);
  }
}
