package org.guarantor.domain.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

class GreatCircleTest {

  @Test
  void kyiv_to_warsaw_is_about_690_km() {
    assertThat(GreatCircle.km(50.4501, 30.5234, 52.2297, 21.0122))
        .isCloseTo(690, withPercentage(1));
  }

  @Test
  void distance_is_symmetric_and_zero_to_the_same_place() {
    double there = GreatCircle.km(50.4501, 30.5234, 51.75, -1.5836);
    double back = GreatCircle.km(51.75, -1.5836, 50.4501, 30.5234);

    assertThat(there).isEqualTo(back);
    assertThat(GreatCircle.km(50.4501, 30.5234, 50.4501, 30.5234)).isZero();
  }

  @Test
  void antipodes_are_half_the_circumference_apart() {
    assertThat(GreatCircle.km(0, 0, 0, 180)).isCloseTo(Math.PI * 6371.0088, within(0.001));
  }

  @Test
  void one_degree_of_latitude_is_about_111_km() {
    assertThat(GreatCircle.km(50, 30, 51, 30)).isCloseTo(111.2, within(0.1));
  }
}
