package org.guarantor.domain.dispatch;

import java.time.Instant;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Treaty;

/**
 * Everything that can be asked of the dispatch engine. Each command carries the acting party and
 * the time it is decided at; nothing in the domain reads a clock.
 */
public sealed interface DispatchCommand {
  Actor actor();

  Instant at();

  /** Adopt a treaty version (the first, or an amendment taking effect at its stated time). */
  record AdoptTreaty(Actor actor, Instant at, Treaty treaty) implements DispatchCommand {}

  /** The protected state reports a threat; {@code key} makes the call idempotent. */
  record FileReport(Actor actor, Instant at, String key, ThreatReport report)
      implements DispatchCommand {}

  /** A guarantor confirms a report awaiting corroboration. */
  record Corroborate(Actor actor, Instant at, IncidentId incident) implements DispatchCommand {}

  record Acknowledge(Actor actor, Instant at, TaskingId tasking) implements DispatchCommand {}

  record Decline(Actor actor, Instant at, TaskingId tasking, String reason)
      implements DispatchCommand {}

  record ReportMobilising(Actor actor, Instant at, TaskingId tasking) implements DispatchCommand {}

  /** Reports {@code amount} more delivered (partial deliveries add up). */
  record ReportDelivered(Actor actor, Instant at, TaskingId tasking, long amount)
      implements DispatchCommand {}

  record Resolve(Actor actor, Instant at, IncidentId incident, String note)
      implements DispatchCommand {}

  record StandDown(Actor actor, Instant at, IncidentId incident, String note)
      implements DispatchCommand {}

  /** The secretariat restores a suspended guarantor's right to be tasked first. */
  record Reinstate(Actor actor, Instant at, PartyCode guarantor, String note)
      implements DispatchCommand {}

  /**
   * Adopt a re-plan of taskings not yet acknowledged, proposed by the exact optimizer; decided
   * against the state at {@code at}, whatever the state it was computed against.
   */
  record AdoptReplan(Actor actor, Instant at, Replan replan) implements DispatchCommand {}

  /** Time has reached {@code at}: fire every deadline that is due. */
  record Tick(Actor actor, Instant at) implements DispatchCommand {}
}
