package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.junit.jupiter.api.Test;

/** Sessions for reads: bounded per key, so no party can fill the table for the others. */
class SessionsTest {
  static final Actor POL = new Actor(PartyCode.of("POL"), Role.GUARANTOR);
  static final KeyId K1 = new KeyId("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  static final KeyId K2 = new KeyId("aPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");

  @Test
  void a_key_signing_in_again_and_again_ends_its_own_oldest_sessions_only() {
    Sessions s =
        new Sessions(
            Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC),
            Duration.ofMinutes(15));
    String other = s.open(POL, K2).orElseThrow().token();
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < Sessions.PER_KEY * 3; i++) {
      mine.add(s.open(POL, K1).orElseThrow().token());
    }
    long open = mine.stream().filter(t -> s.find(t).isPresent()).count();
    assertThat(open).isEqualTo(Sessions.PER_KEY);
    assertThat(s.find(mine.get(mine.size() - 1))).isPresent();
    assertThat(s.find(other)).as("another key's session stays").isPresent();
  }

  @Test
  void a_challenge_is_good_once_and_a_session_ends_at_its_time() {
    Instant t0 = Instant.parse("2026-12-05T08:00:00Z");
    var now = new java.util.concurrent.atomic.AtomicReference<>(t0);
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now.get();
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    Sessions s = new Sessions(clock, Duration.ofMinutes(15));
    String c = s.challenge().orElseThrow();
    assertThat(s.consume(c)).isTrue();
    assertThat(s.consume(c)).isFalse();
    String late = s.challenge().orElseThrow();
    now.set(t0.plus(Sessions.CHALLENGE_TTL).plusSeconds(1));
    assertThat(s.consume(late)).isFalse();
    String token = s.open(POL, K1).orElseThrow().token();
    assertThat(s.find(token)).isPresent();
    now.set(now.get().plus(Duration.ofMinutes(15)));
    assertThat(s.find(token)).isEmpty();
  }
}
