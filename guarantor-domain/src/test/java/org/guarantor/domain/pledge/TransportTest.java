package org.guarantor.domain.pledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportTest {

  @Test
  void travel_is_handling_plus_distance_over_speed_in_whole_seconds() {
    Transport road = new Transport(Transport.Mode.ROAD, 60, Duration.ofHours(1));

    assertThat(road.travel(90)).isEqualTo(Duration.ofMinutes(150));
    assertThat(road.travel(0.01)).isEqualTo(Duration.ofHours(1).plusSeconds(1));
  }

  @Test
  void nothing_travels_remotely_not_even_handling() {
    Transport remote = new Transport(Transport.Mode.NONE, 0, Duration.ofHours(3));

    assertThat(remote.travel(2000)).isEqualTo(Duration.ZERO);
    assertThat(Transport.none().travel(2000)).isEqualTo(Duration.ZERO);
  }

  @Test
  void a_moving_mode_needs_a_positive_speed() {
    assertThatThrownBy(() -> new Transport(Transport.Mode.AIR, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transport(Transport.Mode.SEA, Double.NaN, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
