package org.guarantor.domain.territory;

/**
 * The answer to "is this place covered?", with the one cause and the names and codes a person can
 * act on.
 *
 * @param inScope whether the treaty's guarantees apply here
 * @param cause the single reason
 * @param code code of the region, area or country that decided it; empty when none
 * @param name its name; empty when none
 * @param coveredShare for an area report, the share of its area that lies in covered territory
 *     (0..1); 1 or 0 for a point
 */
public record ScopeAnswer(
    boolean inScope, Cause cause, String code, String name, double coveredShare) {

  /** Why a place is in or out of scope. */
  public enum Cause {
    IN_COVERED_TERRITORY(true, "in covered territory ({0}, {1})"),
    IN_TERRITORIAL_WATERS(true, "in scope: territorial waters off {0} ({1})"),
    IN_EXCLUDED_REGION(false, "outside: in excluded region {0} ({1})"),
    IN_OTHER_STATE(false, "outside: not in the protected state ({0}, {1})"),
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
}
