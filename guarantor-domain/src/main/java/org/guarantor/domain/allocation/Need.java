package org.guarantor.domain.allocation;

import java.time.Instant;
import java.util.Set;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;

/**
 * What is to be allocated: an amount of a capability, at a place, due by a time, for a threat.
 *
 * @param regionCode the covered region of the incident (for caveats); empty when unknown
 * @param excluded pledges that may not be used (e.g. they declined this line already)
 */
public record Need(
    Capability capability,
    Unit unit,
    long amount,
    double lat,
    double lon,
    Instant from,
    Instant dueAt,
    ThreatType threat,
    int severity,
    String regionCode,
    Set<PledgeId> excluded) {
  public Need {
    excluded = Set.copyOf(excluded);
  }
}
