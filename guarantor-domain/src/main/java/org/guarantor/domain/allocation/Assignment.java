package org.guarantor.domain.allocation;

import java.time.Instant;
import org.guarantor.domain.pledge.Pledge;

/**
 * A quantity of one pledge given to one requirement, with its estimated arrival.
 *
 * @param rank 1 for the first pledge chosen for the need, 2 for the next, …
 * @param onTime how many pledges could have served the need on time (the field it was chosen from)
 */
public record Assignment(
    Pledge pledge, long amount, Instant arrival, double distanceKm, int rank, int onTime) {
  public Assignment(Pledge pledge, long amount, Instant arrival, double distanceKm) {
    this(pledge, amount, arrival, distanceKm, 1, 1);
  }
}
