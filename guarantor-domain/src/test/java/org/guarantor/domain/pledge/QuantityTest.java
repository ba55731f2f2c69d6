package org.guarantor.domain.pledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantityTest {

  @Test
  void a_quantity_is_never_negative() {
    assertThatThrownBy(() -> Quantity.of(-1, Unit.PERSONNEL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_capability_is_counted_in_its_own_units_only() {
    assertThat(Capability.AIR_DEFENCE.countsIn(Unit.SYSTEMS)).isTrue();
    assertThat(Capability.AIR_DEFENCE.countsIn(Unit.SORTIES)).isTrue();
    assertThat(Capability.AIR_DEFENCE.countsIn(Unit.PERSONNEL)).isFalse();
    assertThat(Capability.ARMED_FORCES.units()).containsExactly(Unit.PERSONNEL);
  }

  @Test
  void reads_as_amount_and_unit() {
    assertThat(Quantity.of(4, Unit.SYSTEMS)).hasToString("4 SYSTEMS");
  }
}
