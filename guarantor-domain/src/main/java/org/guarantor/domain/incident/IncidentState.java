package org.guarantor.domain.incident;

/** Where an incident stands. */
public enum IncidentState {
  /** In scope, waiting for the treaty's corroboration rule to hold. */
  AWAITING_CORROBORATION,
  /** Outside the covered territory: recorded, nothing dispatched. */
  OUT_OF_SCOPE,
  /** Activated at T0: the plan has become taskings. */
  ACTIVATED,
  /** The threat was dealt with; open taskings released. */
  RESOLVED,
  /** Called off by the protected state or the secretariat; open taskings released. */
  STOOD_DOWN;

  public boolean closed() {
    return this == OUT_OF_SCOPE || this == RESOLVED || this == STOOD_DOWN;
  }
}
