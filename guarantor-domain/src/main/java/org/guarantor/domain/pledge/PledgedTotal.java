package org.guarantor.domain.pledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.party.PartyCode;

/**
 * How much of one capability, in one unit, a guarantor pledged in all: what the public view of a
 * treaty says of its pledges, which names no pledge, hub, readiness, transport or caveat.
 * Immutable.
 */
public record PledgedTotal(PartyCode guarantor, Capability capability, Quantity quantity) {

  /**
   * The pledges summed per guarantor, capability and unit, in the order the first pledge of each
   * sum comes in {@code pledges}.
   */
  public static List<PledgedTotal> of(List<Pledge> pledges) {
    record Of(PartyCode guarantor, Capability capability, Unit unit) {}
    Map<Of, Long> sums = new LinkedHashMap<>();
    for (Pledge p : pledges) {
      sums.merge(
          new Of(p.guarantor(), p.capability(), p.quantity().unit()),
          p.quantity().amount(),
          Long::sum);
    }
    List<PledgedTotal> out = new ArrayList<>();
    sums.forEach(
        (of, amount) ->
            out.add(
                new PledgedTotal(of.guarantor(), of.capability(), Quantity.of(amount, of.unit()))));
    return List.copyOf(out);
  }
}
