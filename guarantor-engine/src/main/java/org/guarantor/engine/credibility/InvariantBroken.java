package org.guarantor.engine.credibility;

/**
 * A simulated crisis broke an invariant of the engine: a bug. Carries the seed and run index that
 * reproduce it.
 */
public final class InvariantBroken extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long seed;
  private final int run;

  public InvariantBroken(long seed, int run, String what) {
    super("invariant broken in run " + run + " of seed " + seed + ": " + what);
    this.seed = seed;
    this.run = run;
  }

  public long seed() {
    return seed;
  }

  public int run() {
    return run;
  }
}
