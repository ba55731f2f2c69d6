package org.guarantor.domain.allocation;

/**
 * Each guarantor's burden so far in one unit: quantity in use over quantity pledged, in [0, 1].
 * Pledges in other units do not count, so shares compare like with like. Guarantors are numbered by
 * the allocator's index. Mutable, confined to one allocation.
 */
final class Burden {
  private final long[] used;
  private final long[] pledged;
  private final double[] share;

  /**
   * @param guarantorOf the guarantor number of each of the unit's pledges
   * @param heldOf what each of those pledges holds
   * @param pledged each guarantor's total pledged in the unit (read, never written)
   */
  Burden(int[] guarantorOf, long[] heldOf, long[] pledged) {
    this.pledged = pledged;
    this.used = new long[pledged.length];
    this.share = new double[pledged.length];
    for (int i = 0; i < guarantorOf.length; i++) {
      used[guarantorOf[i]] += heldOf[i];
    }
    for (int g = 0; g < pledged.length; g++) {
      update(g);
    }
  }

  double share(int guarantor) {
    return share[guarantor];
  }

  void add(int guarantor, long amount) {
    used[guarantor] += amount;
    update(guarantor);
  }

  private void update(int g) {
    // A pledge held over its quantity (it shrank in a later version) makes no share above 1.
    share[g] = pledged[g] == 0 ? 1 : Math.min(1, (double) used[g] / pledged[g]);
  }
}
