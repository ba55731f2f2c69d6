package org.guarantor.domain.pledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.treaty.HubId;

/**
 * A guarantor's standing promise: a quantity of a capability, ready within some hours at a hub.
 * Immutable.
 */
public record Pledge(
    PledgeId id,
    PartyCode guarantor,
    Capability capability,
    Quantity quantity,
    Duration readiness,
    HubId hub,
    Transport transport,
    Caveats caveats,
    Instant validFrom,
    Instant validUntil) {
  public Pledge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(guarantor, "guarantor");
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(hub, "hub");
    transport = transport == null ? Transport.none() : transport;
    caveats = caveats == null ? Caveats.none() : caveats;
    validFrom = validFrom == null ? Instant.EPOCH : validFrom;
    validUntil = validUntil == null ? Instant.parse("9999-12-31T23:59:59Z") : validUntil;
  }

  public boolean validAt(Instant t) {
    return !t.isBefore(validFrom) && t.isBefore(validUntil);
  }
}
