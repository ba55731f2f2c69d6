package org.guarantor.domain.incident;

import java.time.Instant;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Quantity;

/** Required quantity that no pledge can deliver on time: recorded, never hidden. */
public record Shortfall(
    int line, Capability capability, Quantity missing, Instant recordedAt, String reason) {}
