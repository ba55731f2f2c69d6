package org.guarantor.domain.allocation;

import org.guarantor.domain.party.PartyCode;

/**
 * A guarantor's record as the allocator weighs it: how reliable it has been, and whether it has
 * lost the right to be tasked first. Implementations must be deterministic given the event log.
 */
public interface Standing {
  /** Everyone equal: reliability 1, nobody suspended. */
  Standing NEUTRAL =
      new Standing() {
        @Override
        public double reliability(PartyCode guarantor) {
          return 1;
        }

        @Override
        public boolean suspended(PartyCode guarantor) {
          return false;
        }
      };

  /** In [0, 1]; higher is more reliable. */
  double reliability(PartyCode guarantor);

  /** Whether the guarantor is tasked only after every guarantor that is not suspended. */
  boolean suspended(PartyCode guarantor);
}
