package org.guarantor.engine;

/**
 * What {@link Engine#start} checks of the log before it builds a state on it and appends to it.
 * docs/security.md ("A broken log") says what each finds and what it costs.
 */
public enum StartCheck {
  /**
   * Every stored snapshot's binding to the chain (the hash recorded with it must still be the hash
   * of the event at its position, and that event must match it), at once; then the chain as {@code
   * verify --chain-only} checks it (every stored byte of every event, their order and the head), in
   * two parts. From the newest snapshot's position to the head before the start, on a thread of its
   * own while the state is restored: the state served is then vouched for, the snapshot by its
   * binding and the events after it by the chain. Below the snapshot after the start, while reads
   * are served, and before the first write: the writer takes no command and fires no deadline until
   * it is done, and a break there halts the engine ({@link Engine#chainChecked}). A byte changed
   * below a snapshot with the hashes left alone changes nothing at the snapshot's position; only
   * the second part, re-hashing that event, finds it. Without a snapshot the whole chain is checked
   * before the start.
   *
   * <p>Not found by it: a rewrite whose every hash was recomputed, from the change to the head,
   * with no stored snapshot at or after the change to witness it. Only the audit of the signatures
   * and rules (guarantor-signing's {@code LogAudit}, {@code serve --audit-at-start}) finds that.
   */
  CHAIN,

  /** Nothing: for measurements of the replay alone, and tests of what a replay does by itself. */
  NONE
}
