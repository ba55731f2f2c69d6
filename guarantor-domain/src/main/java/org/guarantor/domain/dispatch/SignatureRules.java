package org.guarantor.domain.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guarantor.domain.dispatch.DispatchCommand.Enrol;
import org.guarantor.domain.dispatch.DispatchCommand.Signed;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.Keyring;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.keys.Signature;

/**
 * What a signature claims, checked on the writer against the keyring as it is when the command is
 * decided (a key revoked a moment ago signs nothing more, even if its signature was checked
 * before): the key is registered to the party that acts, is in force and fit for the command, and
 * its nonce is fresh. Then the command itself is decided, and its events are kept after a {@link
 * DispatchEvent.CommandSigned} that carries the signature. A command that changes nothing (a
 * repeated report) leaves nothing, signature included. Stateless.
 */
final class SignatureRules {
  private SignatureRules() {}

  static Decision decide(Signed c, DispatchState state) {
    Signature s = c.signature();
    DispatchCommand inner = c.command();
    if (inner instanceof DispatchCommand.Tick
        || inner instanceof DispatchCommand.AdoptTreaty
        || inner instanceof DispatchCommand.AdoptKeyring
        || inner instanceof DispatchCommand.AdoptReplan) {
      return Decision.reject(
          "", ReasonType.FORBIDDEN, s.party(), "sign " + inner.getClass().getSimpleName());
    }
    if (!s.party().equals(inner.actor().party())) {
      return Decision.reject(
          "/signature/party",
          ReasonType.KEY_OF_ANOTHER_PARTY,
          s.key(),
          s.party(),
          inner.actor().party());
    }
    Keyring keyring = state.keyring();
    if (!keyring.adopted()) {
      return Decision.reject("", ReasonType.NO_KEYRING);
    }
    Optional<Decision> refused =
        inner instanceof Enrol e ? enrolling(e, s) : keyInForce(inner, s, keyring);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (keyring.nonceUsed(s.key(), s.nonce())) {
      return Decision.reject("/signature/nonce", ReasonType.NONCE_REPLAYED, s.nonce(), s.key());
    }
    Optional<java.time.Instant> newest = keyring.newestSignature();
    if (newest.isPresent() && s.signedAt().isBefore(newest.get().minus(Keyring.NONCE_WINDOW))) {
      return Decision.reject(
          "/signature/at",
          ReasonType.SIGNATURE_TIME,
          s.signedAt(),
          Keyring.NONCE_WINDOW,
          newest.get());
    }
    Decision d = Decider.decideUnsigned(inner, state, s);
    if (!(d instanceof Decision.Accepted a) || a.events().isEmpty()) {
      return d;
    }
    List<DispatchEvent> events = new ArrayList<>(a.events().size() + 1);
    events.add(new DispatchEvent.CommandSigned(inner.at(), a.events().get(0).stream(), s));
    events.addAll(a.events());
    return new Decision.Accepted(events, a.subject(), a.repeated());
  }

  /** An enrolment is signed by the key it enrols, which is not registered yet. */
  private static Optional<Decision> enrolling(Enrol e, Signature s) {
    if (e.key() == null || !e.key().id().equals(s.key())) {
      return Optional.of(
          Decision.reject(
              "/signature/key",
              ReasonType.BAD_SIGNATURE,
              s.key(),
              "an enrolment must be signed by the key it enrols"));
    }
    return Optional.empty();
  }

  private static Optional<Decision> keyInForce(
      DispatchCommand inner, Signature s, Keyring keyring) {
    Optional<RegisteredKey> found = keyring.key(s.key());
    if (found.isEmpty()) {
      return Optional.of(Decision.reject("/signature/key", ReasonType.KEY_UNKNOWN, s.key()));
    }
    RegisteredKey k = found.get();
    if (!k.party().equals(s.party())) {
      return Optional.of(
          Decision.reject(
              "/signature/key", ReasonType.KEY_OF_ANOTHER_PARTY, s.key(), k.party(), s.party()));
    }
    if (k.revoked()) {
      return Optional.of(
          Decision.reject(
              "/signature/key", ReasonType.KEY_REVOKED, s.key(), k.party(), k.revokedAt()));
    }
    KeyRole needed = KeyRules.roleNeeded(inner);
    if (needed != null && k.role() != needed) {
      return Optional.of(
          Decision.reject(
              "/signature/key",
              ReasonType.KEY_ROLE,
              s.key(),
              article(k.role()),
              what(inner),
              article(needed)));
    }
    // A revocation needs no particular role: a root revokes any of its party's keys, an officer
    // only itself (KeyRules).
    return Optional.empty();
  }

  /** The command in words, for a refusal. */
  static String what(DispatchCommand c) {
    return switch (c.getClass().getSimpleName()) {
      case "FileReport" -> "filing a report";
      case "Corroborate" -> "corroborating a report";
      case "Acknowledge" -> "acknowledging a tasking";
      case "Decline" -> "declining a tasking";
      case "ReportMobilising" -> "reporting mobilisation";
      case "ReportDelivered" -> "reporting a delivery";
      case "Resolve" -> "resolving an incident";
      case "StandDown" -> "standing an incident down";
      case "Reinstate" -> "reinstating a guarantor";
      case "RequestReplan" -> "asking for a re-plan";
      case "MoveExerciseClock" -> "moving the exercise clock";
      case "RegisterKey" -> "registering a key";
      case "OfferEnrolment" -> "offering an enrolment";
      default -> c.getClass().getSimpleName();
    };
  }

  private static String article(KeyRole r) {
    return r == KeyRole.ROOT ? "a root" : "an officer";
  }
}
