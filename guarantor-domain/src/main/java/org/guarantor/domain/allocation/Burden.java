package org.guarantor.domain.allocation;

import java.util.HashMap;
import java.util.Map;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.Treaty;

/**
 * Each guarantor's burden so far in one unit: quantity in use over quantity pledged, in [0, 1].
 * Pledges in other units do not count, so shares compare like with like. Mutable, confined to one
 * allocation.
 */
final class Burden {
  private final Map<PartyCode, long[]> usedAndPledged = new HashMap<>();

  static Burden of(Treaty treaty, Unit unit, Map<PledgeId, Long> held) {
    Burden b = new Burden();
    for (Pledge p : treaty.pledges()) {
      if (p.quantity().unit() == unit) {
        long[] up = b.usedAndPledged.computeIfAbsent(p.guarantor(), g -> new long[2]);
        up[0] += held.getOrDefault(p.id(), 0L);
        up[1] += p.quantity().amount();
      }
    }
    return b;
  }

  double share(PartyCode guarantor) {
    long[] up = usedAndPledged.get(guarantor);
    return up == null || up[1] == 0 ? 1 : (double) up[0] / up[1];
  }

  void add(PartyCode guarantor, long amount) {
    long[] up = usedAndPledged.get(guarantor);
    if (up != null) {
      up[0] += amount;
    }
  }
}
