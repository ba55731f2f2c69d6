package org.guarantor.domain.plan;

import java.util.regex.Pattern;

/**
 * A kind of threat a protected state can report, by its code ({@code AIR_ATTACK}). Which codes a
 * treaty knows is for its {@link org.guarantor.domain.treaty.Vocabulary} to say; the constants are
 * the bundled defaults only. Immutable and thread-safe.
 */
public record ThreatType(String code) implements Comparable<ThreatType> {
  /**
   * The shape of every vocabulary code: a capital letter, then capitals, digits or _, 40 at most.
   */
  public static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

  public static final ThreatType AIR_ATTACK = new ThreatType("AIR_ATTACK");
  public static final ThreatType GROUND_INVASION = new ThreatType("GROUND_INVASION");
  public static final ThreatType MARITIME_BLOCKADE = new ThreatType("MARITIME_BLOCKADE");
  public static final ThreatType CYBER_ATTACK = new ThreatType("CYBER_ATTACK");
  public static final ThreatType SABOTAGE = new ThreatType("SABOTAGE");

  public ThreatType {
    requireCode(code, "threat type");
  }

  public static ThreatType of(String code) {
    return new ThreatType(code);
  }

  /** Whether {@code code} has the shape of a vocabulary code (declared or not). */
  public static boolean isCode(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  /** Throws unless {@code code} has the shape of a vocabulary code; for the three code records. */
  public static void requireCode(String code, String what) {
    if (!isCode(code)) {
      throw new IllegalArgumentException(
          what
              + " code must be a capital letter followed by at most 39 capitals, digits or _, was "
              + code);
    }
  }

  /**
   * The bundled defaults first, in the order they were declared when this was an enum, then every
   * other code alphabetically: sorted sets and maps of them therefore serialise exactly as they did
   * before treaties could declare their own (the hash chain of stored events relies on it).
   */
  @Override
  public int compareTo(ThreatType o) {
    int byRank = Integer.compare(rank(code), rank(o.code));
    return byRank != 0 ? byRank : code.compareTo(o.code);
  }

  private static int rank(String code) {
    return switch (code) {
      case "AIR_ATTACK" -> 0;
      case "GROUND_INVASION" -> 1;
      case "MARITIME_BLOCKADE" -> 2;
      case "CYBER_ATTACK" -> 3;
      case "SABOTAGE" -> 4;
      default -> 5;
    };
  }

  @Override
  public String toString() {
    return code;
  }
}
