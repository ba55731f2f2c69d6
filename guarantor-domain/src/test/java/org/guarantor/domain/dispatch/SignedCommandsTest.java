package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchCommand.Acknowledge;
import org.guarantor.domain.dispatch.DispatchCommand.AdoptKeyring;
import org.guarantor.domain.dispatch.DispatchCommand.Enrol;
import org.guarantor.domain.dispatch.DispatchCommand.OfferEnrolment;
import org.guarantor.domain.dispatch.DispatchCommand.RegisterKey;
import org.guarantor.domain.dispatch.DispatchCommand.RevokeKey;
import org.guarantor.domain.dispatch.DispatchCommand.Signed;
import org.guarantor.domain.dispatch.DispatchEvent.CommandSigned;
import org.guarantor.domain.dispatch.DispatchEvent.KeyRegistered;
import org.guarantor.domain.dispatch.DispatchEvent.KeyRevoked;
import org.guarantor.domain.dispatch.DispatchEvent.KeyringAdopted;
import org.guarantor.domain.dispatch.DispatchEvent.TaskingAcknowledged;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.tasking.TaskingState;
import org.junit.jupiter.api.Test;

/**
 * What a signature claims, and key changes: who may sign what, a key revoked or of another party, a
 * nonce used twice. The signature arithmetic is the interfaces' (and the auditor's) and is tested
 * there; here the signature value is any text.
 */
class SignedCommandsTest {
  private static final Instant H1 = T0.plus(Duration.ofHours(1));
  private static final PublicKey GBR_ROOT = key(1);
  private static final PublicKey GBR_OFFICER = key(2);
  private static final PublicKey POL_ROOT = key(3);
  private static final PublicKey POL_OFFICER = key(4);
  private static final PublicKey BROWSER = key(5);

  private static PublicKey key(int seed) {
    byte[] b = new byte[32];
    b[0] = (byte) seed;
    b[31] = (byte) (seed * 7);
    return new PublicKey(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }

  private static int nonces;

  private static Signature by(PublicKey key, PartyCode party, Instant at) {
    return new Signature(key.id(), party, at, "nonce-" + ++nonces, "{}", "sig");
  }

  private static Signature by(PublicKey key, PartyCode party, Instant at, String nonce) {
    return new Signature(key.id(), party, at, nonce, "{}", "sig");
  }

  /** An incident with taskings, the keyring, and an officer key for Britain and Poland. */
  private static List<DispatchEvent> history() {
    List<DispatchEvent> h = new ArrayList<>(airAttackAtKyiv());
    h.add(
        new KeyringAdopted(
            T0, List.of(new RootKey(GBR, GBR_ROOT), new RootKey(POL, POL_ROOT)), false));
    h.add(
        new KeyRegistered(
            T0, GBR_OFFICER.id(), GBR, KeyRole.OFFICER, GBR_OFFICER, "desk", GBR_ROOT.id(), null));
    h.add(
        new KeyRegistered(
            T0, POL_OFFICER.id(), POL, KeyRole.OFFICER, POL_OFFICER, "desk", POL_ROOT.id(), null));
    return h;
  }

  /** A tasking of the United Kingdom's in {@link Events#airAttackAtKyiv()}. */
  private static org.guarantor.domain.tasking.TaskingId britishTasking(DispatchState s) {
    return s.incidents().iterator().next().taskings().stream()
        .filter(t -> t.guarantor().equals(GBR))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void a_signed_command_keeps_its_signature_just_before_the_events_it_caused() {
    DispatchSpec spec = given(history());
    var tasking = britishTasking(spec.state());
    Signature s = by(GBR_OFFICER, GBR, H1);
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), s))
        .thenEvents(
            new CommandSigned(H1, DispatchEvent.incidentStream(Events.inc(1)), s),
            new TaskingAcknowledged(H1, Events.inc(1), tasking, GBR));
    assertThat(spec.state().tasking(tasking).orElseThrow().state())
        .isEqualTo(TaskingState.ACKNOWLEDGED);
    assertThat(spec.state().keyring().nonceUsed(GBR_OFFICER.id(), s.nonce())).isTrue();
  }

  @Test
  void a_nonce_is_accepted_once() {
    DispatchSpec spec = given(history());
    var tasking = britishTasking(spec.state());
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(GBR_OFFICER, GBR, H1, "n")));
    spec.when(
            new Signed(
                new DispatchCommand.ReportMobilising(GBR_DESK, H1, tasking),
                by(GBR_OFFICER, GBR, H1, "n")))
        .thenRejected(
            Reason.of("/signature/nonce", ReasonType.NONCE_REPLAYED, "n", GBR_OFFICER.id()));
  }

  @Test
  void a_nonce_leaves_the_window_a_quarter_hour_after_the_newest_signature() {
    DispatchSpec spec = given(history());
    var tasking = britishTasking(spec.state());
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(GBR_OFFICER, GBR, T0, "n")));
    // a later signature moves the window on
    spec.when(
        new Signed(
            new DispatchCommand.ReportMobilising(GBR_DESK, H1, tasking),
            by(GBR_OFFICER, GBR, T0.plus(Duration.ofMinutes(16)))));
    assertThat(spec.state().keyring().nonceUsed(GBR_OFFICER.id(), "n")).isFalse();
    // ...and anything signed before the window is refused rather than risk a replay
    spec.when(
            new Signed(
                new DispatchCommand.ReportDelivered(GBR_DESK, H1, tasking, 1),
                by(GBR_OFFICER, GBR, T0, "n")))
        .thenRejected(
            Reason.of(
                "/signature/at",
                ReasonType.SIGNATURE_TIME,
                T0,
                Duration.ofMinutes(15),
                T0.plus(Duration.ofMinutes(16))));
  }

  @Test
  void an_unknown_key_a_revoked_key_and_another_partys_key_sign_nothing() {
    DispatchSpec spec = given(history());
    var tasking = britishTasking(spec.state());
    PublicKey stranger = key(9);
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(stranger, GBR, H1)))
        .thenRejected(Reason.of("/signature/key", ReasonType.KEY_UNKNOWN, stranger.id()));
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(POL_OFFICER, GBR, H1)))
        .thenRejected(
            Reason.of(
                "/signature/key", ReasonType.KEY_OF_ANOTHER_PARTY, POL_OFFICER.id(), POL, GBR));
    assertThat(spec.decision()).isInstanceOf(Decision.Rejected.class);
    assertThat(((Decision.Rejected) spec.decision()).category())
        .isEqualTo(ReasonType.Category.FORBIDDEN);

    spec.when(
        new Signed(
            new RevokeKey(GBR_DESK, H1, GBR_OFFICER.id(), "laptop lost"), by(GBR_ROOT, GBR, H1)));
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(GBR_OFFICER, GBR, H1)))
        .thenRejected(
            Reason.of("/signature/key", ReasonType.KEY_REVOKED, GBR_OFFICER.id(), GBR, H1));
    assertThat(((Decision.Rejected) spec.decision()).category())
        .isEqualTo(ReasonType.Category.UNAUTHENTICATED);
  }

  @Test
  void the_signing_party_must_be_the_acting_party() {
    DispatchSpec spec = given(history());
    var tasking = britishTasking(spec.state());
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(POL_OFFICER, POL, H1)))
        .thenRejected(
            Reason.of(
                "/signature/party", ReasonType.KEY_OF_ANOTHER_PARTY, POL_OFFICER.id(), POL, GBR));
  }

  @Test
  void a_root_key_signs_key_changes_only_and_an_officer_key_signs_no_key_changes() {
    DispatchSpec spec = given(history());
    var tasking = britishTasking(spec.state());
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(GBR_ROOT, GBR, H1)))
        .thenRejected(
            Reason.of(
                "/signature/key",
                ReasonType.KEY_ROLE,
                GBR_ROOT.id(),
                "a root",
                "acknowledging a tasking",
                "an officer"));
    spec.when(
            new Signed(
                new RegisterKey(GBR_DESK, H1, key(7), KeyRole.OFFICER, "night desk"),
                by(GBR_OFFICER, GBR, H1)))
        .thenRejected(
            Reason.of(
                "/signature/key",
                ReasonType.KEY_ROLE,
                GBR_OFFICER.id(),
                "an officer",
                "registering a key",
                "a root"));
  }

  @Test
  void key_changes_are_decided_only_signed() {
    given(history())
        .when(new RegisterKey(GBR_DESK, H1, key(7), KeyRole.OFFICER, "x"))
        .thenRejected(
            Reason.of(
                "",
                ReasonType.SIGNATURE_REQUIRED,
                "a key change",
                "sign it with the party's root key (or, to enrol, with the new key)"));
  }

  @Test
  void a_root_key_registers_an_officer_key_that_then_signs() {
    DispatchSpec spec = given(history());
    PublicKey night = key(7);
    Signature s = by(GBR_ROOT, GBR, H1);
    spec.when(new Signed(new RegisterKey(GBR_DESK, H1, night, null, " night desk "), s))
        .thenEvents(
            new CommandSigned(H1, DispatchEvent.KEYS_STREAM, s),
            new KeyRegistered(
                H1, night.id(), GBR, KeyRole.OFFICER, night, "night desk", GBR_ROOT.id(), null));
    var tasking = britishTasking(spec.state());
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(night, GBR, H1)));
    assertThat(spec.decision()).isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void a_party_revokes_only_its_own_keys_and_never_its_last_root() {
    DispatchSpec spec = given(history());
    spec.when(
            new Signed(new RevokeKey(GBR_DESK, H1, POL_OFFICER.id(), "no"), by(GBR_ROOT, GBR, H1)))
        .thenRejected(
            Reason.of("/key", ReasonType.KEY_OF_ANOTHER_PARTY, POL_OFFICER.id(), POL, GBR));
    spec.when(
            new Signed(new RevokeKey(GBR_DESK, H1, GBR_ROOT.id(), "rotate"), by(GBR_ROOT, GBR, H1)))
        .thenRejected(Reason.of("/key", ReasonType.LAST_ROOT, GBR_ROOT.id(), GBR));
    // with a successor registered, the old root may go
    PublicKey next = key(8);
    spec.when(
        new Signed(
            new RegisterKey(GBR_DESK, H1, next, KeyRole.ROOT, "root 2"), by(GBR_ROOT, GBR, H1)));
    Signature s = by(next, GBR, H1);
    spec.when(new Signed(new RevokeKey(GBR_DESK, H1, GBR_ROOT.id(), "rotated"), s))
        .thenEvents(
            new CommandSigned(H1, DispatchEvent.KEYS_STREAM, s),
            new KeyRevoked(H1, GBR_ROOT.id(), GBR, next.id(), "rotated"));
  }

  @Test
  void an_officer_key_may_revoke_itself_but_not_another() {
    DispatchSpec spec = given(history());
    PublicKey other = key(7);
    spec.when(
        new Signed(
            new RegisterKey(GBR_DESK, H1, other, KeyRole.OFFICER, ""), by(GBR_ROOT, GBR, H1)));
    spec.when(new Signed(new RevokeKey(GBR_DESK, H1, other.id(), ""), by(GBR_OFFICER, GBR, H1)))
        .thenRejected(
            Reason.of(
                "",
                ReasonType.KEY_ROLE,
                GBR_OFFICER.id(),
                "an officer",
                "revoking another key",
                "the party's root"));
    spec.when(
        new Signed(
            new RevokeKey(GBR_DESK, H1, GBR_OFFICER.id(), "leaving"), by(GBR_OFFICER, GBR, H1)));
    assertThat(spec.state().keyring().key(GBR_OFFICER.id()).orElseThrow().revoked()).isTrue();
  }

  @Test
  void an_enrolment_code_registers_one_key_that_proves_it_holds_it() {
    DispatchSpec spec = given(history());
    String code = "correct-horse-battery";
    String hash = PublicKey.sha256(code);
    spec.when(
        new Signed(
            new OfferEnrolment(GBR_DESK, H1, hash, "browser, ops room", H1.plusSeconds(3600)),
            by(GBR_ROOT, GBR, H1)));
    // signed by some other key than the one it enrols: refused
    spec.when(new Signed(new Enrol(GBR_DESK, H1, code, BROWSER, ""), by(key(6), GBR, H1)))
        .thenRejected(
            Reason.of(
                "/signature/key",
                ReasonType.BAD_SIGNATURE,
                key(6).id(),
                "an enrolment must be signed by the key it enrols"));
    Signature s = by(BROWSER, GBR, H1);
    spec.when(new Signed(new Enrol(GBR_DESK, H1, code, BROWSER, ""), s))
        .thenEvents(
            new CommandSigned(H1, DispatchEvent.KEYS_STREAM, s),
            new KeyRegistered(
                H1,
                BROWSER.id(),
                GBR,
                KeyRole.OFFICER,
                BROWSER,
                "browser, ops room",
                GBR_ROOT.id(),
                hash));
    // the code is spent
    PublicKey second = key(11);
    spec.when(new Signed(new Enrol(GBR_DESK, H1, code, second, ""), by(second, GBR, H1)))
        .thenRejected(
            Reason.of("/code", ReasonType.ENROLMENT_INVALID, GBR, "the code was used already"));
  }

  @Test
  void an_expired_or_unknown_enrolment_code_registers_nothing() {
    DispatchSpec spec = given(history());
    String hash = PublicKey.sha256("abc");
    spec.when(
        new Signed(
            new OfferEnrolment(GBR_DESK, H1, hash, "", H1.plusSeconds(60)), by(GBR_ROOT, GBR, H1)));
    Instant later = H1.plusSeconds(61);
    spec.when(new Signed(new Enrol(GBR_DESK, later, "abc", BROWSER, ""), by(BROWSER, GBR, later)))
        .thenRejected(
            Reason.of(
                "/code",
                ReasonType.ENROLMENT_INVALID,
                GBR,
                "the code expired at " + H1.plusSeconds(60)));
    spec.when(new Signed(new Enrol(GBR_DESK, H1, "abd", BROWSER, ""), by(BROWSER, GBR, H1)))
        .thenRejected(Reason.of("/code", ReasonType.ENROLMENT_INVALID, GBR, "unknown code"));
  }

  @Test
  void an_enrolment_lives_in_real_time_even_when_an_exercise_clock_has_moved_on() {
    DispatchSpec spec = given(history());
    // The exercise's virtual clock is ten days ahead of the real time the parties sign at.
    Instant virtual = H1.plus(Duration.ofDays(10));
    String hash = PublicKey.sha256("code");
    spec.when(
        new Signed(
            new OfferEnrolment(GBR_DESK, virtual, hash, "", H1.plusSeconds(3600)),
            by(GBR_ROOT, GBR, H1)));
    assertThat(spec.decision()).isInstanceOf(Decision.Accepted.class);
    spec.when(
        new Signed(
            new Enrol(GBR_DESK, virtual.plusSeconds(60), "code", BROWSER, ""),
            by(BROWSER, GBR, H1.plusSeconds(60))));
    assertThat(spec.decision()).isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void the_keyring_is_adopted_once_and_only_by_the_secretariat() {
    given()
        .when(new AdoptKeyring(GBR_DESK, T0, List.of(new RootKey(GBR, GBR_ROOT)), false))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, GBR, "adopt the keyring"));
    DispatchSpec spec = given();
    spec.when(new AdoptKeyring(SECRETARIAT, T0, List.of(new RootKey(GBR, GBR_ROOT)), true))
        .thenEvents(new KeyringAdopted(T0, List.of(new RootKey(GBR, GBR_ROOT)), true));
    assertThat(spec.state().keyring().demo()).isTrue();
    spec.when(new AdoptKeyring(SECRETARIAT, T0, List.of(new RootKey(POL, POL_ROOT)), false))
        .thenRejected(Reason.of("", ReasonType.KEYRING_ADOPTED, T0));
  }

  @Test
  void nothing_is_signed_before_a_keyring_is_adopted() {
    DispatchSpec spec = given(airAttackAtKyiv());
    var tasking = britishTasking(spec.state());
    spec.when(new Signed(new Acknowledge(GBR_DESK, H1, tasking), by(GBR_OFFICER, GBR, H1)))
        .thenRejected(Reason.of("", ReasonType.NO_KEYRING));
  }

  @Test
  void a_key_id_is_the_rfc_7638_thumbprint() {
    // RFC 8037, appendix A.3: the thumbprint of its example Ed25519 key.
    PublicKey k = new PublicKey("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    assertThat(k.id()).isEqualTo(new KeyId("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
  }
}
