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
  /** Refused by the guarantor; its quantity went back to allocation. */
  DECLINED,
  /** Closed with its incident before delivery; its pledge quantity is free again. */
  RELEASED;

  public boolean open() {
    return this != DELIVERED && this != DECLINED && this != RELEASED;
  }

  public boolean awaitingAcknowledgement() {
    return this == ISSUED || this == OVERDUE;
  }
}
