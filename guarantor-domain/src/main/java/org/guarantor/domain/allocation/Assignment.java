package org.guarantor.domain.allocation;

import java.time.Instant;
import org.guarantor.domain.pledge.Pledge;

/** A quantity of one pledge given to one requirement, with its estimated arrival. */
public record Assignment(Pledge pledge, long amount, Instant arrival, double distanceKm) {}
