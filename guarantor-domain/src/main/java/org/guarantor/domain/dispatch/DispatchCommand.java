package org.guarantor.domain.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.ProposalId;
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

  /**
   * A party proposes an amendment: it is voted on under the amendment rule of the version in force
   * and adopted as the next version once the rule is met.
   */
  record ProposeAmendment(
      Actor actor, Instant at, String title, Amendment amendment, Instant effectiveFrom)
      implements DispatchCommand {}

  /** A party entitled to vote approves ({@code approve}) or rejects a pending amendment. */
  record VoteOnAmendment(Actor actor, Instant at, ProposalId proposal, boolean approve)
      implements DispatchCommand {}

  /** The secretariat certifies (or renews the certification of) a pledge after inspecting it. */
  record CertifyPledge(Actor actor, Instant at, PledgeId pledge, Certification certification)
      implements DispatchCommand {}

  /** The protected state reports a threat; {@code key} makes the call idempotent. */
  record FileReport(Actor actor, Instant at, String key, ThreatReport report)
      implements DispatchCommand {}

  /** A guarantor confirms a report awaiting corroboration. */
  record Corroborate(Actor actor, Instant at, IncidentId incident) implements DispatchCommand {}

  record Acknowledge(Actor actor, Instant at, TaskingId tasking) implements DispatchCommand {}

  record Decline(Actor actor, Instant at, TaskingId tasking, String reason)
      implements DispatchCommand {}

  record ReportMobilising(Actor actor, Instant at, TaskingId tasking) implements DispatchCommand {}

  /**
   * Reports {@code amount} more delivered (partial deliveries add up); an empty amount reports
   * everything still outstanding when the command is decided.
   */
  record ReportDelivered(Actor actor, Instant at, TaskingId tasking, OptionalLong amount)
      implements DispatchCommand {
    public ReportDelivered {
      java.util.Objects.requireNonNull(amount, "amount");
    }

    public ReportDelivered(Actor actor, Instant at, TaskingId tasking, long amount) {
      this(actor, at, tasking, OptionalLong.of(amount));
    }

    /** Everything the tasking still owes has arrived. */
    public static ReportDelivered everything(Actor actor, Instant at, TaskingId tasking) {
      return new ReportDelivered(actor, at, tasking, OptionalLong.empty());
    }
  }

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

  /** The secretariat asks for an exact re-plan of an incident; the proposal is adopted later. */
  record RequestReplan(Actor actor, Instant at, IncidentId incident) implements DispatchCommand {}

  /**
   * The secretariat moves an exercise's virtual clock forward, by {@code advance} or to {@code to}
   * (exactly one of them).
   */
  record MoveExerciseClock(Actor actor, Instant at, Duration advance, Instant to)
      implements DispatchCommand {}

  // ---- keys -----------------------------------------------------------------------------------

  /** The deployment's keyring: each party's root public keys. Adopted once, by the engine. */
  record AdoptKeyring(Actor actor, Instant at, List<RootKey> roots, boolean demo)
      implements DispatchCommand {
    public AdoptKeyring {
      roots = List.copyOf(roots);
    }
  }

  /** A party's root key registers a key for its party; must come {@link Signed} by that root. */
  record RegisterKey(Actor actor, Instant at, PublicKey key, KeyRole role, String label)
      implements DispatchCommand {}

  /** A party revokes one of its keys; signed by its root key, or by the key itself. */
  record RevokeKey(Actor actor, Instant at, KeyId key, String reason) implements DispatchCommand {}

  /**
   * A party's root key offers a one-time enrolment: whoever presents the code whose SHA-256
   * (base64url) is {@code codeHash} before {@code expiresAt} may register one officer key.
   */
  record OfferEnrolment(Actor actor, Instant at, String codeHash, String label, Instant expiresAt)
      implements DispatchCommand {}

  /** A new officer key registers itself with an enrolment code; signed by that key. */
  record Enrol(Actor actor, Instant at, String code, PublicKey key, String label)
      implements DispatchCommand {}

  /**
   * A command as its party signed it. The interface that received it has checked the signature over
   * {@code signature.text()}; the decider checks the key and the nonce, decides the command, and
   * keeps the signature in the log with the events it caused.
   */
  record Signed(DispatchCommand command, Signature signature) implements DispatchCommand {
    public Signed {
      java.util.Objects.requireNonNull(command, "command");
      java.util.Objects.requireNonNull(signature, "signature");
      if (command instanceof Signed) {
        throw new IllegalArgumentException("a signed command cannot be signed again");
      }
    }

    @Override
    public Actor actor() {
      return command.actor();
    }

    @Override
    public Instant at() {
      return command.at();
    }
  }
}
