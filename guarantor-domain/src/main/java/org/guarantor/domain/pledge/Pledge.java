package org.guarantor.domain.pledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.treaty.HubId;

/**
 * A guarantor's standing promise: a quantity of a capability, ready within some hours at a hub.
 * Immutable.
 *
 * <p>{@code certification} is the secretariat's last certification of it, or null; where the treaty
 * requires certification ({@link org.guarantor.domain.treaty.Governance}) a pledge counts only
 * while one is in force.
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
    Instant validUntil,
    Certification certification) {
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

  /** A pledge as written before certification existed, or not yet certified. */
  public Pledge(
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
    this(
        id,
        guarantor,
        capability,
        quantity,
        readiness,
        hub,
        transport,
        caveats,
        validFrom,
        validUntil,
        null);
  }

  public Pledge withCertification(Certification value) {
    return new Pledge(
        id,
        guarantor,
        capability,
        quantity,
        readiness,
        hub,
        transport,
        caveats,
        validFrom,
        validUntil,
        value);
  }

  /** The same pledge ending at {@code until}, or at its own end if that comes first. */
  public Pledge endingBy(Instant until) {
    Instant end = until.isBefore(validUntil) ? until : validUntil;
    return new Pledge(
        id,
        guarantor,
        capability,
        quantity,
        readiness,
        hub,
        transport,
        caveats,
        validFrom,
        end,
        certification);
  }

  /** Whether a certification is in force at {@code t}. */
  public boolean certifiedAt(Instant t) {
    return certification != null && certification.inForceAt(t);
  }

  public boolean validAt(Instant t) {
    return !t.isBefore(validFrom) && t.isBefore(validUntil);
  }
}
