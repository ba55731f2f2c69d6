package org.guarantor.domain.pledge;

import java.util.EnumSet;
import java.util.Set;

/** What a guarantor can send, and the units each is counted in. */
public enum Capability {
  /** Armed forces, counted in people. */
  ARMED_FORCES(EnumSet.of(Unit.PERSONNEL)),
  /** "Closed skies": air-defence systems and fighter sorties. */
  AIR_DEFENCE(EnumSet.of(Unit.SYSTEMS, Unit.SORTIES)),
  /** Weapons and munitions. */
  WEAPONS(EnumSet.of(Unit.ITEMS, Unit.ROUNDS)),
  /** Intelligence sharing: feeds and ISR hours. */
  INTELLIGENCE(EnumSet.of(Unit.FEEDS, Unit.ISR_HOURS)),
  /** Training places. */
  TRAINING(EnumSet.of(Unit.SLOTS));

  private final Set<Unit> units;

  Capability(Set<Unit> units) {
    this.units = units;
  }

  public boolean countsIn(Unit unit) {
    return units.contains(unit);
  }

  public Set<Unit> units() {
    return EnumSet.copyOf(units);
  }
}
