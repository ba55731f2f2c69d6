package org.guarantor.domain.tasking;

import java.time.Instant;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.treaty.HubId;

/**
 * An order to a guarantor: send this quantity from this pledge, acknowledge by one time, deliver by
 * another. Immutable; every change makes a new value.
 *
 * @param delivered amount delivered so far, in the quantity's unit
 * @param estimatedArrival readiness plus travel from the hub, at issue
 * @param distanceKm great-circle distance from the hub to the incident
 */
public record Tasking(
    TaskingId id,
    IncidentId incident,
    int line,
    PartyCode guarantor,
    PledgeId pledge,
    HubId hub,
    Capability capability,
    Quantity quantity,
    TaskingState state,
    Instant issuedAt,
    Instant acknowledgeBy,
    Instant deliverBy,
    Instant estimatedArrival,
    double distanceKm,
    long delivered,
    Instant acknowledgedAt,
    Instant updatedAt,
    String declineReason) {

  public Tasking with(TaskingState newState, Instant at) {
    return new Tasking(
        id,
        incident,
        line,
        guarantor,
        pledge,
        hub,
        capability,
        quantity,
        newState,
        issuedAt,
        acknowledgeBy,
        deliverBy,
        estimatedArrival,
        distanceKm,
        delivered,
        newState == TaskingState.ACKNOWLEDGED && acknowledgedAt == null ? at : acknowledgedAt,
        at,
        declineReason);
  }

  public Tasking declined(String reason, Instant at) {
    return new Tasking(
        id,
        incident,
        line,
        guarantor,
        pledge,
        hub,
        capability,
        quantity,
        TaskingState.DECLINED,
        issuedAt,
        acknowledgeBy,
        deliverBy,
        estimatedArrival,
        distanceKm,
        delivered,
        acknowledgedAt,
        at,
        reason);
  }

  public Tasking delivering(long totalDelivered, Instant at) {
    TaskingState s =
        totalDelivered >= quantity.amount()
            ? TaskingState.DELIVERED
            : TaskingState.PARTIALLY_DELIVERED;
    return new Tasking(
        id,
        incident,
        line,
        guarantor,
        pledge,
        hub,
        capability,
        quantity,
        s,
        issuedAt,
        acknowledgeBy,
        deliverBy,
        estimatedArrival,
        distanceKm,
        totalDelivered,
        acknowledgedAt == null ? at : acknowledgedAt,
        at,
        declineReason);
  }

  /** Quantity still owed: zero once declined, released or delivered. */
  public long outstanding() {
    return state.open() ? quantity.amount() - delivered : 0;
  }

  /**
   * Quantity that holds pledge capacity: all of it while open or delivered, none once declined, and
   * only what arrived once released, breached or withdrawn (the rest went back, or to other
   * pledges).
   */
  public long holding() {
    return state == TaskingState.DECLINED
        ? 0
        : state == TaskingState.RELEASED
                || state == TaskingState.BREACHED
                || state == TaskingState.WITHDRAWN
            ? delivered
            : quantity.amount();
  }
}
