package org.guarantor.domain.allocation;

import java.util.List;
import java.util.Map;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;

/**
 * Each guarantor's burden so far in one unit: quantity in use over quantity pledged, in [0, 1].
 * Pledges in other units do not count, so shares compare like with like. Guarantors are numbered by
 * the allocator's index; each is counted lazily, only when asked about. Mutable, confined to one
 * allocation.
 */
final class Burden {
  private final List<List<Pledge>> pledgesByGuarantor;
  private final Map<PledgeId, Long> held;
  private final long[] used;
  private final long[] pledged;
  private final boolean[] counted;

  /**
   * @param pledgesByGuarantor this unit's pledges per guarantor number (empty lists allowed)
   * @param held quantity in use per pledge, read lazily: it must not change during the allocation
   */
  Burden(List<List<Pledge>> pledgesByGuarantor, Map<PledgeId, Long> held) {
    this.pledgesByGuarantor = pledgesByGuarantor;
    this.held = held;
    int n = pledgesByGuarantor.size();
    this.used = new long[n];
    this.pledged = new long[n];
    this.counted = new boolean[n];
  }

  double share(int guarantor) {
    count(guarantor);
    return pledged[guarantor] == 0 ? 1 : (double) used[guarantor] / pledged[guarantor];
  }

  void add(int guarantor, long amount) {
    count(guarantor);
    used[guarantor] += amount;
  }

  private void count(int g) {
    if (counted[g]) {
      return;
    }
    counted[g] = true;
    for (Pledge p : pledgesByGuarantor.get(g)) {
      used[g] += held.getOrDefault(p.id(), 0L);
      pledged[g] += p.quantity().amount();
    }
  }
}
