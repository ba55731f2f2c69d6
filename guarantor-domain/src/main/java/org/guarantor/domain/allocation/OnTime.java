package org.guarantor.domain.allocation;

/**
 * The pledges that can serve one need on time, handed out in the allocator's order: a guarantor
 * that is not suspended first, then the smallest {@link Preference} score, then the smaller pledge
 * id. The score's margin and reliability terms are fixed per pledge; only the burden term moves,
 * and only for the guarantor just tasked, so it is kept per guarantor. Mutable, confined to one
 * allocation.
 */
final class OnTime {
  private final Preference preference;
  private final Burden burden;
  private final double[] burdenTerm;
  private Candidate[] candidates = new Candidate[16];
  private double[] fixed = new double[16];
  private int size;

  /**
   * @param burden the unit's burden so far; null when burden-sharing is off
   * @param guarantors how many guarantors the allocator numbers
   */
  OnTime(Preference preference, Burden burden, int guarantors) {
    this.preference = preference;
    this.burden = burden;
    this.burdenTerm = new double[guarantors];
    if (burden != null) {
      for (int g = 0; g < guarantors; g++) {
        burdenTerm[g] = preference.burdenTerm(burden.share(g));
      }
    }
  }

  void add(Candidate c) {
    if (size == candidates.length) {
      candidates = java.util.Arrays.copyOf(candidates, size * 2);
      fixed = java.util.Arrays.copyOf(fixed, size * 2);
    }
    candidates[size] = c;
    fixed[size] = preference.score(c.margin(), 0, c.reliability());
    size++;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Removes and returns the first candidate in the order. */
  Candidate next() {
    int best = 0;
    Candidate b = candidates[0];
    double bestScore = fixed[0] + burdenTerm[b.guarantor()];
    for (int i = 1; i < size; i++) {
      Candidate c = candidates[i];
      double score = fixed[i] + burdenTerm[c.guarantor()];
      if (before(c, score, b, bestScore)) {
        best = i;
        b = c;
        bestScore = score;
      }
    }
    // The order does not depend on position, so the last candidate may fill the gap.
    size--;
    candidates[best] = candidates[size];
    fixed[best] = fixed[size];
    candidates[size] = null;
    return b;
  }

  private static boolean before(Candidate a, double scoreA, Candidate b, double scoreB) {
    if (a.suspended() != b.suspended()) {
      return !a.suspended();
    }
    if (scoreA != scoreB) {
      return scoreA < scoreB;
    }
    return a.pledge().id().compareTo(b.pledge().id()) < 0;
  }

  /** Records that a guarantor was tasked this much more. */
  void tasked(int guarantor, long amount) {
    if (burden != null) {
      burden.add(guarantor, amount);
      burdenTerm[guarantor] = preference.burdenTerm(burden.share(guarantor));
    }
  }

  /** A guarantor's burden share now; 0 when burden-sharing is off. */
  double share(int guarantor) {
    return burden == null ? 0 : burden.share(guarantor);
  }
}
