package org.guarantor.domain.allocation;

import java.time.Instant;
import org.guarantor.domain.pledge.Pledge;

/**
 * A pledge that can serve one need on time, with what ranking and explaining it needs. Immutable.
 *
 * @param guarantor the guarantor's number in the allocator's index
 * @param unitIndex the pledge's place among its unit's pledges in the allocator's index
 * @param sec arrival, epoch seconds
 * @param nano arrival, nanoseconds within the second
 * @param margin whole minutes from arrival to the deadline (at least 0)
 * @param km distance travelled (0 for remote delivery)
 * @param left quantity not yet in use
 * @param suspended whether the guarantor goes after every other
 * @param reliability the guarantor's delivery record in [0, 1]
 */
record Candidate(
    Pledge pledge,
    int guarantor,
    int unitIndex,
    long sec,
    int nano,
    long margin,
    double km,
    long left,
    boolean suspended,
    double reliability) {
  Instant arrival() {
    return Instant.ofEpochSecond(sec, nano);
  }
}
