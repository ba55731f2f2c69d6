package org.guarantor.domain.tasking;

/** Lifecycle of a tasking to a guarantor. */
public enum TaskingState {
  /** Sent; waiting for acknowledgement. */
  ISSUED,
  /** Acknowledgement deadline passed without one. */
  OVERDUE,
  ACKNOWLEDGED,
  MOBILISING,
  /** Some, not all, of the quantity has arrived. */
  PARTIALLY_DELIVERED,
  DELIVERED,
  /** Delivered in full, but after the delivery deadline. Terminal. */
  LATE,
  /** Refused by the guarantor; its quantity went back to allocation. */
  DECLINED,
  /**
   * A missed deadline was not remedied within the grace period: what was still owed went to other
   * pledges (backfill). What had arrived counts as delivered. Terminal.
   */
  BREACHED,
  /** Closed with its incident before delivery; its pledge quantity is free again. */
  RELEASED,
  /**
   * Replaced by a re-plan before it was acknowledged: its pledge quantity is free again and it owes
   * nothing. Not a breach. Terminal.
   */
  WITHDRAWN;

  public boolean open() {
    return this != DELIVERED
        && this != LATE
        && this != DECLINED
        && this != BREACHED
        && this != RELEASED
        && this != WITHDRAWN;
  }

  public boolean awaitingAcknowledgement() {
    return this == ISSUED || this == OVERDUE;
  }
}
