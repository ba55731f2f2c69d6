package org.guarantor.domain.pledge;

import org.guarantor.domain.plan.ThreatType;

/**
 * The unit in which a capability is counted ({@code PERSONNEL}, {@code SYSTEMS}, …), by its code.
 * Which codes a treaty knows, and which of them count people, is for its {@link
 * org.guarantor.domain.treaty.Vocabulary} to say; the constants are the bundled defaults only.
 * Immutable and thread-safe.
 */
public record Unit(String code) implements Comparable<Unit> {
  public static final Unit PERSONNEL = new Unit("PERSONNEL");
  public static final Unit SYSTEMS = new Unit("SYSTEMS");
  public static final Unit SORTIES = new Unit("SORTIES");
  public static final Unit ITEMS = new Unit("ITEMS");
  public static final Unit ROUNDS = new Unit("ROUNDS");
  public static final Unit FEEDS = new Unit("FEEDS");
  public static final Unit ISR_HOURS = new Unit("ISR_HOURS");
  public static final Unit SLOTS = new Unit("SLOTS");

  public Unit {
    ThreatType.requireCode(code, "unit");
  }

  public static Unit of(String code) {
    return new Unit(code);
  }

  /**
   * The bundled defaults first, in the order they were declared when this was an enum, then every
   * other code alphabetically: sorted sets and maps of them therefore serialise exactly as they did
   * before treaties could declare their own (the hash chain of stored events relies on it).
   */
  @Override
  public int compareTo(Unit o) {
    int byRank = Integer.compare(rank(code), rank(o.code));
    return byRank != 0 ? byRank : code.compareTo(o.code);
  }

  private static int rank(String code) {
    return switch (code) {
      case "PERSONNEL" -> 0;
      case "SYSTEMS" -> 1;
      case "SORTIES" -> 2;
      case "ITEMS" -> 3;
      case "ROUNDS" -> 4;
      case "FEEDS" -> 5;
      case "ISR_HOURS" -> 6;
      case "SLOTS" -> 7;
      default -> 8;
    };
  }

  @Override
  public String toString() {
    return code;
  }
}
