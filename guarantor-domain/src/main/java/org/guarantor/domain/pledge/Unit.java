package org.guarantor.domain.pledge;

/** The unit in which a capability is counted: people, systems, items, hours, slots. */
public enum Unit {
  PERSONNEL,
  SYSTEMS,
  SORTIES,
  ITEMS,
  ROUNDS,
  FEEDS,
  ISR_HOURS,
  SLOTS
}
