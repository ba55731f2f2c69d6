package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.List;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Requirement;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Proposal;
import org.guarantor.domain.treaty.ProposalId;
import org.guarantor.domain.treaty.Treaty;

/** Everything that has happened, as stored in the event log. Each event names its stream. */
public sealed interface DispatchEvent {
  String TREATY_STREAM = "treaty";
  String LEDGER_STREAM = "ledger";
  String KEYS_STREAM = "keys";
  String EXERCISE_STREAM = "exercise";

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

  /** An amendment was proposed; {@code proposal} is as filed, with no votes. */
  record AmendmentProposed(Instant at, Proposal proposal) implements DispatchEvent {
    @Override
    public String stream() {
      return TREATY_STREAM;
    }
  }

  /** A party voted on a pending amendment. */
  record AmendmentVoted(Instant at, ProposalId proposal, PartyCode voter, boolean approve)
      implements DispatchEvent {
    @Override
    public String stream() {
      return TREATY_STREAM;
    }
  }

  /**
   * The vote on an amendment ended: adopted as treaty {@code version} (a {@link TreatyAdopted}
   * follows), rejected, or lapsed; {@code reason} says why in words. An adopted accession's root
   * keys are registered with it.
   */
  record AmendmentDecided(
      Instant at, ProposalId proposal, Proposal.Status outcome, Integer version, String reason)
      implements DispatchEvent {
    @Override
    public String stream() {
      return TREATY_STREAM;
    }
  }

  /** The secretariat certified a pledge; it replaces any earlier certification of it. */
  record PledgeCertified(Instant at, PledgeId pledge, Certification certification, PartyCode by)
      implements DispatchEvent {
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
      double distanceKm,
      Explanation why)
      implements DispatchEvent {
    public TaskingIssued {
      why = why == null ? Explanation.unknown() : why;
    }

    /** Without an explanation (events recorded before explanations were). */
    public TaskingIssued(
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
        double distanceKm) {
      this(
          at,
          incident,
          tasking,
          line,
          guarantor,
          pledge,
          hub,
          capability,
          quantity,
          acknowledgeBy,
          deliverBy,
          estimatedArrival,
          distanceKm,
          Explanation.unknown());
    }

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

  /**
   * A tasking not yet acknowledged was replaced by a re-plan: it owes nothing, its pledge quantity
   * is free again, and it is no breach.
   */
  record TaskingWithdrawn(
      Instant at, IncidentId incident, TaskingId tasking, PartyCode guarantor, String reason)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * The exact re-plan of an incident was adopted: the withdrawals and new taskings just before this
   * event are its changes. Every affected line's earlier shortfalls are void; a line still short is
   * recorded again by a shortfall event that follows.
   *
   * @param basis the number of events the proposal was computed against
   * @param tookFrom incidents of lower severity that lost quantity to this one (re-prioritisation)
   * @param lines coverage of each affected line before and after
   * @param solverStatus the solver's status; OPTIMAL is a proof of optimality
   * @param solverBound the coverage bound the solver proved for the lines it planned
   */
  record ReplanAdopted(
      Instant at,
      IncidentId incident,
      Replan.Trigger trigger,
      long basis,
      long coveredBefore,
      long coveredAfter,
      List<LineCoverage> lines,
      List<TaskingId> withdrawn,
      List<TaskingId> issued,
      List<IncidentId> tookFrom,
      java.time.Duration budget,
      java.time.Duration elapsed,
      String solverStatus,
      long solverBound)
      implements DispatchEvent {
    public ReplanAdopted {
      lines = List.copyOf(lines);
      withdrawn = List.copyOf(withdrawn);
      issued = List.copyOf(issued);
      tookFrom = List.copyOf(tookFrom);
    }

    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** One line's required quantity and its coverage before and after a re-plan. */
  record LineCoverage(IncidentId incident, int line, long required, long before, long after) {}

  /** Resolved or stood down; {@code outcome} says which. */
  record IncidentClosed(
      Instant at, IncidentId incident, IncidentState outcome, PartyCode by, String note)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * The secretariat and the guarantor are told that a missed deadline has escalated: unless the
   * tasking is remedied (acknowledged, or delivered in full) by {@code backfillAt}, what it still
   * owes goes to other pledges and it is breached.
   */
  record TaskingEscalated(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      PartyCode guarantor,
      Deadline missed,
      Instant dueAt,
      Instant backfillAt)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * The grace period after a missed deadline ended unremedied: the tasking ends BREACHED, and the
   * {@code undelivered} quantity is backfilled by the events that follow in the same decision.
   *
   * @param hoursLate hours between the missed due time and the breach
   */
  record TaskingBreached(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      PartyCode guarantor,
      Deadline missed,
      Instant dueAt,
      Quantity undelivered,
      double hoursLate)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * What a breached tasking still owed was handed to other pledges: the {@code replacements} were
   * issued (just before this event) and {@code uncovered} could not be placed (recorded as a
   * shortfall).
   */
  record TaskingBackfilled(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      Quantity quantity,
      List<TaskingId> replacements,
      long uncovered)
      implements DispatchEvent {
    public TaskingBackfilled {
      replacements = List.copyOf(replacements);
    }

    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * The delivery that completed a tasking came after its delivery deadline: it ends LATE.
   *
   * @param quantity the quantity delivered after the deadline
   * @param hoursLate hours between the delivery deadline and the completing delivery
   */
  record TaskingLate(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      PartyCode guarantor,
      Quantity quantity,
      double hoursLate)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * A consequence the treaty attaches to a breach, applied to a guarantor.
   *
   * @param amount the fund contribution for {@link Consequence#FUND_CONTRIBUTION}, else 0
   * @param currency the fund's currency, or empty
   */
  record ConsequenceApplied(
      Instant at,
      IncidentId incident,
      TaskingId tasking,
      PartyCode guarantor,
      Consequence kind,
      double amount,
      String currency,
      String note)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** The secretariat reviewed a suspended guarantor and restored its right to be tasked first. */
  record GuarantorReinstated(Instant at, PartyCode guarantor, PartyCode by, String note)
      implements DispatchEvent {
    @Override
    public String stream() {
      return LEDGER_STREAM;
    }
  }

  /** An incident awaiting corroboration reached the treaty's decision limit undecided. */
  record IncidentDecisionOverdue(Instant at, IncidentId incident, Instant dueAt)
      implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /**
   * A party's signed command, kept just before the events it caused (in the stream of the first of
   * them), so that anyone holding the log can check who asked for what.
   */
  record CommandSigned(Instant at, String stream, Signature signature) implements DispatchEvent {}

  /** The secretariat asked for an exact re-plan of the incident. */
  record ReplanRequested(Instant at, IncidentId incident, PartyCode by) implements DispatchEvent {
    @Override
    public String stream() {
      return incidentStream(incident);
    }
  }

  /** An exercise's virtual clock was moved forward from {@code at} to {@code to}. */
  record ExerciseClockMoved(Instant at, Instant to, PartyCode by) implements DispatchEvent {
    @Override
    public String stream() {
      return EXERCISE_STREAM;
    }
  }

  /**
   * The deployment's keyring: the root public key of each party, from which every other key's
   * authority follows. {@code demo} marks a keyring the server generated itself, whose private keys
   * lie beside the log: such a log proves nothing about who did what.
   */
  record KeyringAdopted(Instant at, List<RootKey> roots, boolean demo) implements DispatchEvent {
    public KeyringAdopted {
      roots = List.copyOf(roots);
    }

    @Override
    public String stream() {
      return KEYS_STREAM;
    }
  }

  /**
   * A key was registered for {@code party}, by its root key {@code by} (directly, or through the
   * enrolment whose code hash is {@code enrolment}, else null).
   */
  record KeyRegistered(
      Instant at,
      KeyId key,
      PartyCode party,
      KeyRole role,
      PublicKey publicKey,
      String label,
      KeyId by,
      String enrolment)
      implements DispatchEvent {
    @Override
    public String stream() {
      return KEYS_STREAM;
    }
  }

  /** A key was revoked by {@code by} (its party's root key, or itself): it signs nothing after. */
  record KeyRevoked(Instant at, KeyId key, PartyCode party, KeyId by, String reason)
      implements DispatchEvent {
    @Override
    public String stream() {
      return KEYS_STREAM;
    }
  }

  /** A root key offered a one-time enrolment (only the code's hash is kept). */
  record EnrolmentOffered(
      Instant at, PartyCode party, String codeHash, String label, Instant expiresAt, KeyId by)
      implements DispatchEvent {
    @Override
    public String stream() {
      return KEYS_STREAM;
    }
  }

  /** Kinds of deadline in the timer queue. */
  enum Deadline {
    ACKNOWLEDGEMENT,
    DELIVERY,
    /** Ready to move: the delivery deadline minus the travel from the hub. */
    READINESS,
    /** End of the grace period after a missed acknowledgement. */
    ACKNOWLEDGEMENT_GRACE,
    /** End of the grace period after a missed delivery. */
    DELIVERY_GRACE,
    /** The decision limit of an incident awaiting corroboration. */
    DECISION
  }

  /** Kinds of consequence of a breach. */
  enum Consequence {
    FUND_CONTRIBUTION,
    PUBLIC_NOTICE,
    SUSPENSION
  }
}
