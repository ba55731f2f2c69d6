package org.guarantor.engine;

/**
 * What {@link Engine#start} checks of the log before it builds a state on it and appends to it.
 * docs/security.md ("A broken log") says what each finds and what it costs.
 */
public enum StartCheck {
  /**
   * Every stored snapshot's binding to the chain (the hash recorded with it must still be the hash
   * of the event at its position, and that event must match it), at once; and the whole hash chain,
   * every stored byte of every event, their order and the head, as {@code verify --chain-only}
   * checks it, on a thread of its own while the state is restored and replayed. The chain is read
   * from the first event, not from the snapshot: a byte changed below a snapshot with the hashes
   * left alone changes nothing at the snapshot's position, and only re-hashing that event finds it.
   *
   * <p>Not found by it: a rewrite whose every hash was recomputed, from the change to the head,
   * with no stored snapshot at or after the change to witness it. Only the audit of the signatures
   * and rules (guarantor-signing's {@code LogAudit}, {@code serve --audit-at-start}) finds that.
   */
  CHAIN,

  /** Nothing: for measurements of the replay alone, and tests of what a replay does by itself. */
  NONE
}
