package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test moves: bursts, refill, independence, bounded size. */
class TokenBucketsTest {
  long now = 1_000;
  final TokenBuckets buckets = new TokenBuckets(2, 3, () -> now);

  void advance(long millis) {
    now += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void a_full_bucket_serves_its_burst_then_says_how_long_to_wait() {
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("party POL")).isZero();
    }
    // Two a second: the next token is half a second away.
    assertThat(buckets.take("party POL")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    advance(200);
    assertThat(buckets.take("party POL")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
  }

  @Test
  void a_refused_request_takes_nothing_and_the_bucket_refills_at_its_rate() {
    for (int i = 0; i < 3; i++) {
      buckets.take("party POL");
    }
    for (int i = 0; i < 10; i++) {
      assertThat(buckets.take("party POL")).isPositive();
    }
    advance(500);
    assertThat(buckets.take("party POL")).isZero();
    assertThat(buckets.take("party POL")).isPositive();
    // Never more than the burst, however long the pause.
    advance(TimeUnit.HOURS.toMillis(1));
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("party POL")).isZero();
    }
    assertThat(buckets.take("party POL")).isPositive();
  }

  @Test
  void each_key_has_its_own_bucket() {
    for (int i = 0; i < 3; i++) {
      buckets.take("party POL");
    }
    assertThat(buckets.take("party POL")).isPositive();
    assertThat(buckets.take("party UKR")).isZero();
    assertThat(buckets.take("client 10.0.0.1")).isZero();
  }

  @Test
  void idle_buckets_are_dropped_once_there_are_many() {
    for (int i = 0; i < TokenBuckets.PURGE_ABOVE; i++) {
      buckets.take("client 10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(buckets.size()).isEqualTo(TokenBuckets.PURGE_ABOVE);
    for (int i = 0; i < 3; i++) {
      buckets.take("party POL");
    }
    advance(1_000); // every client bucket is full again; POL's holds 2 of 3
    buckets.take("party UKR");
    assertThat(buckets.size()).isEqualTo(2);
    assertThat(buckets.take("party POL")).isZero();
  }

  @Test
  void a_bucket_needs_a_rate_and_a_burst() {
    assertThatThrownBy(() -> new TokenBuckets(0, 3, () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBuckets(2, 0, () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBuckets(Double.NaN, 3, () -> 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
