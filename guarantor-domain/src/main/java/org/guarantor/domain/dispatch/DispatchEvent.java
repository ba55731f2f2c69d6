package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.List;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Treaty;

/** Everything that has happened, as stored in the event log. Each event names its stream. */
public sealed interface DispatchEvent {
  String TREATY_STREAM = "treaty";

  Instant at();

  /** The log stream this event belongs to: the treaty, or one incident. */
  String stream();

  static String incidentStream(IncidentId id) {
    return "incident-" + id.value();
  }

  record TreatyAdopted(Instant at, Treaty treaty) implements DispatchEvent {
    @Override
    public String stream() {
      return TREATY_STREAM;
    }
  }

  /** A report was received and judged against the territory in force when observed. */
  record IncidentReported(
      Instant at,
      IncidentId incident,
      String key,
      PartyCode reporter,
      ThreatReport report,
      Scope scope)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record IncidentOutOfScope(Instant at, IncidentId incident, String reason)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record IncidentAwaitingCorroboration(
      Instant at, IncidentId incident, int required, Instant decideBy) implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record IncidentCorroborated(Instant at, IncidentId incident, PartyCode by)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** T0: the plan's lines become the incident's requirements. */
  record IncidentActivated(
      Instant at, IncidentId incident, String planId, List<Requirement> requirements)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record TaskingIssued(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      int line,
      PartyCode guarantor,
      PledgeId pledge,
      HubId hub,
      Capability capability,
      Quantity quantity,
      Instant acknowledgeBy,
      Instant deliverBy,
      Instant estimatedArrival,
      double distanceKm)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record ShortfallRecorded(
      Instant at,
      IncidentId incident,
      int line,
      Capability capability,
      Quantity missing,
      String reason)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record TaskingAcknowledged(Instant at, IncidentId incident, TaskingId tasking, PartyCode by)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record TaskingDeclined(
      Instant at, IncidentId incident, TaskingId tasking, PartyCode by, String reason)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record TaskingMobilising(Instant at, IncidentId incident, TaskingId tasking, PartyCode by)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record TaskingDelivered(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      PartyCode by,
      long amount,
      long totalDelivered)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** A deadline passed: {@code deadline} is ACKNOWLEDGEMENT or DELIVERY. */
  record TaskingOverdue(
      Instant at, IncidentId incident, TaskingId tasking, Deadline deadline, Instant dueAt)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  record TaskingReleased(Instant at, IncidentId incident, TaskingId tasking)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** Resolved or stood down; {@code outcome} says which. */
  record IncidentClosed(
      Instant at, IncidentId incident, IncidentState outcome, PartyCode by, String note)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** Kinds of tasking deadline. */
  enum Deadline {
    ACKNOWLEDGEMENT,
    DELIVERY
  }
}
