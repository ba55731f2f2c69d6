package org.guarantor.store;

/**
 * Outcome of re-computing the hash chain.
 *
 * @param intact whether every event and the head record agree
 * @param count events checked
 * @param firstBadPosition the first position whose stored bytes disagree with the chain, or -1
 * @param problem what was found there, in words; empty when intact
 */
public record Verification(boolean intact, long count, long firstBadPosition, String problem) {
  public static Verification ok(long count) {
    return new Verification(true, count, -1, "");
  }

  public static Verification broken(long count, long position, String problem) {
    return new Verification(false, count, position, problem);
  }
}
