package org.guarantor.domain.pledge;

import org.guarantor.domain.plan.ThreatType;

/**
 * What a guarantor can send, by its code ({@code AIR_DEFENCE}). The units each is counted in, and
 * which codes a treaty knows, are for its {@link org.guarantor.domain.treaty.Vocabulary} to say;
 * the constants are the bundled defaults only. Immutable and thread-safe.
 */
public record Capability(String code) implements Comparable<Capability> {
  /** Armed forces, counted in people. */
  public static final Capability ARMED_FORCES = new Capability("ARMED_FORCES");

  /** "Closed skies": air-defence systems and fighter sorties. */
  public static final Capability AIR_DEFENCE = new Capability("AIR_DEFENCE");

  /** Weapons and munitions. */
  public static final Capability WEAPONS = new Capability("WEAPONS");

  /** Intelligence sharing: feeds and ISR hours. */
  public static final Capability INTELLIGENCE = new Capability("INTELLIGENCE");

  /** Training places. */
  public static final Capability TRAINING = new Capability("TRAINING");

  public Capability {
    ThreatType.requireCode(code, "capability");
  }

  public static Capability of(String code) {
    return new Capability(code);
  }

  /**
   * The bundled defaults first, in the order they were declared when this was an enum, then every
   * other code alphabetically: sorted sets and maps of them therefore serialise exactly as they did
   * before treaties could declare their own (the hash chain of stored events relies on it).
   */
  @Override
  public int compareTo(Capability o) {
    int byRank = Integer.compare(rank(code), rank(o.code));
    return byRank != 0 ? byRank : code.compareTo(o.code);
  }

  private static int rank(String code) {
    return switch (code) {
      case "ARMED_FORCES" -> 0;
      case "AIR_DEFENCE" -> 1;
      case "WEAPONS" -> 2;
      case "INTELLIGENCE" -> 3;
      case "TRAINING" -> 4;
      default -> 5;
    };
  }

  @Override
  public String toString() {
    return code;
  }
}
