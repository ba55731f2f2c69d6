package org.guarantor.optimizer;

import java.time.Instant;
import java.util.List;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.PledgeId;

/** Which pledge gives how much to which line of a {@link Problem}. Immutable. */
public record Plan(List<Placement> placements) {
  public Plan {
    placements = List.copyOf(placements);
  }

  /**
   * A quantity of one pledge for one line.
   *
   * @param line index into {@link Problem#lines()}
   */
  public record Placement(
      int line, PledgeId pledge, PartyCode guarantor, long amount, Instant arrival) {}

  public long covered() {
    return placements.stream().mapToLong(Placement::amount).sum();
  }
}
