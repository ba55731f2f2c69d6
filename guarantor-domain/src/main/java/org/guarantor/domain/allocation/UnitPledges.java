package org.guarantor.domain.allocation;

import java.util.List;
import java.util.Map;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;

/**
 * One unit's pledges of every capability, flat, with each guarantor's total pledged in the unit:
 * what burden shares are counted over. Immutable after construction.
 */
final class UnitPledges {
  final PledgeId[] ids;
  final long[] amount;
  final int[] guarantor;
  final long[] pledged;

  /**
   * @param guarantorNumber each guarantor's number in the allocator's index
   */
  UnitPledges(List<Pledge> pledges, Map<PartyCode, Integer> guarantorNumber) {
    int n = pledges.size();
    ids = new PledgeId[n];
    amount = new long[n];
    guarantor = new int[n];
    pledged = new long[guarantorNumber.size()];
    for (int i = 0; i < n; i++) {
      Pledge p = pledges.get(i);
      ids[i] = p.id();
      amount[i] = p.quantity().amount();
      guarantor[i] = guarantorNumber.get(p.guarantor());
      pledged[guarantor[i]] += amount[i];
    }
  }

  /** What each pledge holds now, in this index's order. */
  long[] held(Map<PledgeId, Long> held) {
    long[] out = new long[ids.length];
    if (!held.isEmpty()) {
      for (int i = 0; i < ids.length; i++) {
        Long h = held.get(ids[i]);
        out[i] = h == null ? 0 : h;
      }
    }
    return out;
  }
}
