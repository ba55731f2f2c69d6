package org.guarantor.store;

/** A stream version was already taken: another writer got there first. Nothing was written. */
public final class ConcurrencyConflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrencyConflict(String message) {
    super(message);
  }
}
