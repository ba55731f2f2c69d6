package org.guarantor.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.PartyCode;

/**
 * Whatever is changed in a signed command — one character of its text, one bit of its signature,
 * one member the server rebuilds the text from — the signature no longer verifies, and a text not
 * in canonical form is not read at all.
 */
class SignatureMutationProperties {
  static final SigningKey KEY = SigningKey.generate(PartyCode.of("POL"), KeyRole.OFFICER, "desk");
  static final SigningKey OTHER = SigningKey.generate(PartyCode.of("POL"), KeyRole.OFFICER, "x");
  static final String LOG = "a".repeat(64);
  static final List<String> BODIES =
      List.of(
          "{}",
          "{\"reason\":\"hub out of service — Powidz\"}",
          "{\"quantity\":3}",
          "{\"key\":\"k-1\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{\"lat\":49.99,"
              + "\"lon\":36.23},\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"Ünïcødé ✓\"}",
          "{\"note\":\"\\u0000 and \\\"quotes\\\" and 1e21 \",\"n\":[1e21,0.1,-0,1.5e-7]}");

  record Signed(SignedRequest request, Signature signature) {}

  @Provide
  Arbitrary<Signed> commands() {
    Arbitrary<String> paths =
        Arbitraries.of(
            "/api/v1/reports",
            "/api/v1/taskings/TSK-000002/acknowledge",
            "/api/v1/taskings/TSK-000002/decline",
            "/api/v1/incidents/INC-000001/resolve");
    return Combinators.combine(paths, Arbitraries.of(BODIES))
        .as(
            (path, body) -> {
              SignedRequest r =
                  SignedRequest.of(
                      "POST",
                      path,
                      Deployment.json(body),
                      KEY,
                      LOG,
                      Instant.parse("2026-12-05T08:00:00Z"));
              return new Signed(r, r.sign(KEY));
            });
  }

  @Property(tries = 300)
  void a_changed_character_of_the_signed_text_does_not_verify(
      @ForAll("commands") Signed s,
      @ForAll("positions") double where,
      @ForAll("characters") char replacement) {
    String text = s.signature().text();
    int i = (int) (where * text.length());
    String changed = text.substring(0, i) + replacement + text.substring(i + 1);
    if (!changed.equals(text)) {
      assertThat(Ed25519.verify(KEY.publicKey(), changed, s.signature().value())).isFalse();
    }
  }

  @Property(tries = 300)
  void a_flipped_bit_of_the_signature_does_not_verify(
      @ForAll("commands") Signed s, @ForAll("bits") int bit) {
    byte[] sig = java.util.Base64.getUrlDecoder().decode(s.signature().value());
    sig[bit / 8] ^= (byte) (1 << (bit % 8));
    String flipped = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    assertThat(Ed25519.verify(KEY.publicKey(), s.signature().text(), flipped)).isFalse();
  }

  @Property(tries = 200)
  void a_changed_member_changes_the_text_and_the_signature_fails(
      @ForAll("commands") Signed s, @ForAll("members") int member) {
    SignedRequest r = s.request();
    SignedRequest changed =
        switch (member) {
          case 0 -> withRequest(r, "POST " + r.path() + "x");
          case 1 ->
              new SignedRequest(
                  r.request(),
                  Deployment.json("{\"quantity\":4}"),
                  r.party(),
                  r.key(),
                  r.at(),
                  r.nonce(),
                  r.log());
          case 2 ->
              new SignedRequest(
                  r.request(), r.body(), PartyCode.of("GBR"), r.key(), r.at(), r.nonce(), r.log());
          case 3 ->
              new SignedRequest(
                  r.request(), r.body(), r.party(), OTHER.id(), r.at(), r.nonce(), r.log());
          case 4 ->
              new SignedRequest(
                  r.request(),
                  r.body(),
                  r.party(),
                  r.key(),
                  "2026-12-05T08:00:01Z",
                  r.nonce(),
                  r.log());
          case 5 ->
              new SignedRequest(
                  r.request(), r.body(), r.party(), r.key(), r.at(), r.nonce() + "A", r.log());
          default ->
              new SignedRequest(
                  r.request(), r.body(), r.party(), r.key(), r.at(), r.nonce(), "b".repeat(64));
        };
    assertThat(changed.text()).isNotEqualTo(r.text());
    assertThat(Ed25519.verify(KEY.publicKey(), changed.text(), s.signature().value())).isFalse();
  }

  @Property(tries = 100)
  void a_text_out_of_canonical_form_is_not_read(@ForAll("commands") Signed s) {
    String text = s.signature().text();
    String spaced = text.replaceFirst(",", ", ");
    assertThat(spaced).isNotEqualTo(text);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SignedRequest.parse(spaced))
        .isInstanceOf(SignedRequest.Malformed.class)
        .hasMessageContaining("canonical form");
  }

  @Property(tries = 50)
  void an_untouched_command_verifies_and_reads_back(@ForAll("commands") Signed s)
      throws SignedRequest.Malformed {
    assertThat(Ed25519.verify(KEY.publicKey(), s.signature().text(), s.signature().value()))
        .isTrue();
    SignedRequest back = SignedRequest.parse(s.signature().text());
    assertThat(back.text()).isEqualTo(s.signature().text());
    assertThat(back.key()).isEqualTo(new KeyId(KEY.id().value()));
  }

  private static SignedRequest withRequest(SignedRequest r, String request) {
    return new SignedRequest(request, r.body(), r.party(), r.key(), r.at(), r.nonce(), r.log());
  }

  @Provide
  Arbitrary<Double> positions() {
    return Arbitraries.doubles().between(0, 0.9999).ofScale(4);
  }

  @Provide
  Arbitrary<Character> characters() {
    return Arbitraries.chars().range(' ', '~');
  }

  @Provide
  Arbitrary<Integer> bits() {
    return Arbitraries.integers().between(0, 511);
  }

  @Provide
  Arbitrary<Integer> members() {
    return Arbitraries.integers().between(0, 6);
  }
}
