package org.guarantor.bench;

import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.treaty.Treaty;

/** Treaty variants for load runs. */
public final class Treaties {
  private Treaties() {}

  /** The treaty with every pledge made {@code factor} times larger, so pledges never run out. */
  public static Treaty scaled(Treaty t, long factor) {
    List<Pledge> pledges = new ArrayList<>();
    for (Pledge p : t.pledges()) {
      pledges.add(
          new Pledge(
              p.id(),
              p.guarantor(),
              p.capability(),
              p.quantity().withAmount(p.quantity().amount() * factor),
              p.readiness(),
              p.hub(),
              p.transport(),
              p.caveats(),
              p.validFrom(),
              p.validUntil()));
    }
    return t.withPledges(pledges);
  }
}
