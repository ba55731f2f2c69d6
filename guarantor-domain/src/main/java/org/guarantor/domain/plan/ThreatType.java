package org.guarantor.domain.plan;

/** Kinds of threat a protected state can report. */
public enum ThreatType {
  AIR_ATTACK,
  GROUND_INVASION,
  MARITIME_BLOCKADE,
  CYBER_ATTACK,
  SABOTAGE
}
