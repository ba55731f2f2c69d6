package org.guarantor.domain.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptKeyring;
import org.guarantor.domain.dispatch.DispatchCommand.Enrol;
import org.guarantor.domain.dispatch.DispatchCommand.OfferEnrolment;
import org.guarantor.domain.dispatch.DispatchCommand.RegisterKey;
import org.guarantor.domain.dispatch.DispatchCommand.RevokeKey;
import org.guarantor.domain.keys.Enrolment;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.Keyring;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.keys.Signature;

/**
 * Key changes, one rule each. Authority flows from the deployment's keyring: a party's root key
 * registers and revokes the party's keys and offers enrolments; a key may also revoke itself; a new
 * key enrols itself with a code its root offered. No party touches another party's keys, and the
 * secretariat has no power over keys but its own. Which key signed a change is what authorises it,
 * so these rules are decided only for signed commands (the signature's checks come first, in {@link
 * SignatureRules}). Stateless.
 */
final class KeyRules {
  static final int MAX_LABEL = 200;

  /** The longest an enrolment offer may stay open. */
  static final Duration MAX_ENROLMENT = Duration.ofDays(7);

  private KeyRules() {}

  static boolean isKeyChange(DispatchCommand c) {
    return c instanceof RegisterKey
        || c instanceof RevokeKey
        || c instanceof OfferEnrolment
        || c instanceof Enrol;
  }

  /** The role of key a command needs; null when the rule decides itself (revocation, enrolment). */
  static KeyRole roleNeeded(DispatchCommand c) {
    if (c instanceof RegisterKey || c instanceof OfferEnrolment) {
      return KeyRole.ROOT;
    }
    if (c instanceof RevokeKey || c instanceof Enrol) {
      return null;
    }
    return KeyRole.OFFICER;
  }

  static Decision adoptKeyring(AdoptKeyring c, DispatchState state) {
    if (!Access.mayAdministrate(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "adopt the keyring");
    }
    Keyring k = state.keyring();
    if (k.adopted()) {
      return Decision.reject(
          "",
          ReasonType.KEYRING_ADOPTED,
          k.keys().isEmpty() ? "?" : k.keys().get(0).registeredAt());
    }
    List<Reason> problems = new ArrayList<>();
    if (c.roots().isEmpty()) {
      problems.add(Reason.of("/keys", ReasonType.REQUIRED, "at least one root key"));
    }
    Set<KeyId> seen = new HashSet<>();
    for (int i = 0; i < c.roots().size(); i++) {
      RootKey r = c.roots().get(i);
      if (!seen.add(r.id())) {
        problems.add(Reason.of("/keys/" + i, ReasonType.KEY_EXISTS, r.id(), r.party()));
      }
    }
    if (!problems.isEmpty()) {
      return new Decision.Rejected(problems);
    }
    return accepted(new DispatchEvent.KeyringAdopted(c.at(), c.roots(), c.demo()), "keyring");
  }

  static Decision decide(DispatchCommand c, Signature signature, DispatchState state) {
    if (!state.keyring().adopted()) {
      return Decision.reject("", ReasonType.NO_KEYRING);
    }
    if (c instanceof RegisterKey r) {
      return register(r, signature, state.keyring());
    } else if (c instanceof RevokeKey r) {
      return revoke(r, signature, state.keyring());
    } else if (c instanceof OfferEnrolment o) {
      return offer(o, signature, state.keyring());
    } else if (c instanceof Enrol e) {
      return enrol(e, signature, state.keyring());
    }
    throw new IllegalArgumentException("not a key change: " + c.getClass().getSimpleName());
  }

  private static Decision register(RegisterKey c, Signature s, Keyring keyring) {
    if (c.key() == null) {
      return Decision.reject("/publicKey", ReasonType.REQUIRED, "publicKey");
    }
    KeyRole role = c.role() == null ? KeyRole.OFFICER : c.role();
    Optional<Reason> badLabel = label(c.label());
    if (badLabel.isPresent()) {
      return new Decision.Rejected(List.of(badLabel.get()));
    }
    KeyId id = c.key().id();
    Optional<RegisteredKey> existing = keyring.key(id);
    if (existing.isPresent()) {
      return Decision.reject("/publicKey", ReasonType.KEY_EXISTS, id, existing.get().party());
    }
    return accepted(
        new DispatchEvent.KeyRegistered(
            c.at(), id, s.party(), role, c.key(), strip(c.label()), s.key(), null),
        id.value());
  }

  private static Decision revoke(RevokeKey c, Signature s, Keyring keyring) {
    if (c.key() == null) {
      return Decision.reject("/key", ReasonType.REQUIRED, "key");
    }
    Optional<RegisteredKey> found = keyring.key(c.key());
    if (found.isEmpty()) {
      return Decision.reject("/key", ReasonType.NOT_FOUND, "key", c.key());
    }
    RegisteredKey target = found.get();
    if (!target.party().equals(s.party())) {
      return Decision.reject(
          "/key", ReasonType.KEY_OF_ANOTHER_PARTY, c.key(), target.party(), s.party());
    }
    RegisteredKey signer = keyring.key(s.key()).orElseThrow();
    if (signer.role() != KeyRole.ROOT && !signer.id().equals(target.id())) {
      return Decision.reject(
          "",
          ReasonType.KEY_ROLE,
          s.key(),
          "an officer",
          "revoking another key",
          "the party's root");
    }
    if (target.revoked()) {
      return Decision.reject("/key", ReasonType.WRONG_STATE, "key", c.key(), "revoked", "revoke");
    }
    if (target.role() == KeyRole.ROOT
        && keyring.inForce(target.party(), KeyRole.ROOT).size() == 1) {
      return Decision.reject("/key", ReasonType.LAST_ROOT, c.key(), target.party());
    }
    String reason = strip(c.reason());
    Optional<Reason> bad = FreeText.problem("/reason", "reason", reason, Decider.MAX_TEXT);
    if (bad.isPresent()) {
      return new Decision.Rejected(List.of(bad.get()));
    }
    return accepted(
        new DispatchEvent.KeyRevoked(c.at(), c.key(), target.party(), s.key(), reason),
        c.key().value());
  }

  private static Decision offer(OfferEnrolment c, Signature s, Keyring keyring) {
    List<Reason> problems = new ArrayList<>();
    if (c.codeHash() == null || !KeyId.isValid(c.codeHash())) {
      problems.add(
          Reason.of(
              "/codeHash",
              ReasonType.INVALID_VALUE,
              "codeHash",
              "code hash",
              "expected the SHA-256 of the code, base64url without padding (43 characters)"));
    } else if (keyring.enrolment(c.codeHash()).isPresent()) {
      problems.add(Reason.of("/codeHash", ReasonType.KEY_EXISTS, "enrolment", s.party()));
    }
    // Judged by the signing time, which is real time even in an exercise on a virtual clock: the
    // officer who types the code lives in real time too.
    java.time.Instant now = s.signedAt();
    if (c.expiresAt() == null) {
      problems.add(Reason.of("/expiresAt", ReasonType.REQUIRED, "expiresAt"));
    } else if (!c.expiresAt().isAfter(now) || c.expiresAt().isAfter(now.plus(MAX_ENROLMENT))) {
      problems.add(
          Reason.of(
              "/expiresAt",
              ReasonType.OUT_OF_RANGE,
              "expiresAt",
              now,
              now.plus(MAX_ENROLMENT),
              c.expiresAt()));
    }
    label(c.label()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      return new Decision.Rejected(problems);
    }
    return accepted(
        new DispatchEvent.EnrolmentOffered(
            c.at(), s.party(), c.codeHash(), strip(c.label()), c.expiresAt(), s.key()),
        c.codeHash());
  }

  private static Decision enrol(Enrol c, Signature s, Keyring keyring) {
    if (c.key() == null) {
      return Decision.reject("/publicKey", ReasonType.REQUIRED, "publicKey");
    }
    if (c.code() == null || c.code().isBlank()) {
      return Decision.reject("/code", ReasonType.REQUIRED, "code");
    }
    KeyId id = c.key().id();
    Optional<RegisteredKey> existing = keyring.key(id);
    if (existing.isPresent()) {
      return Decision.reject("/publicKey", ReasonType.KEY_EXISTS, id, existing.get().party());
    }
    Optional<Enrolment> offer = keyring.enrolment(PublicKey.sha256(c.code()));
    if (offer.isEmpty() || !offer.get().party().equals(s.party())) {
      return Decision.reject("/code", ReasonType.ENROLMENT_INVALID, s.party(), "unknown code");
    }
    Enrolment e = offer.get();
    if (e.usedBy() != null) {
      return Decision.reject(
          "/code", ReasonType.ENROLMENT_INVALID, s.party(), "the code was used already");
    }
    if (!e.open(s.signedAt())) {
      return Decision.reject(
          "/code", ReasonType.ENROLMENT_INVALID, s.party(), "the code expired at " + e.expiresAt());
    }
    if (keyring.key(e.offeredBy()).map(RegisteredKey::revoked).orElse(true)) {
      return Decision.reject(
          "/code",
          ReasonType.ENROLMENT_INVALID,
          s.party(),
          "the root key that offered it was revoked");
    }
    Optional<Reason> badLabel = label(c.label());
    if (badLabel.isPresent()) {
      return new Decision.Rejected(List.of(badLabel.get()));
    }
    String label = strip(c.label()).isEmpty() ? e.label() : strip(c.label());
    return accepted(
        new DispatchEvent.KeyRegistered(
            c.at(), id, s.party(), KeyRole.OFFICER, c.key(), label, e.offeredBy(), e.codeHash()),
        id.value());
  }

  private static Optional<Reason> label(String label) {
    return FreeText.problem("/label", "label", strip(label), MAX_LABEL);
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }

  private static Decision accepted(DispatchEvent e, String subject) {
    return new Decision.Accepted(List.of(e), subject, false);
  }
}
