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
  void reads_as_amount_and_unit() {
    assertThat(Quantity.of(4, Unit.SYSTEMS)).hasToString("4 SYSTEMS");
  }
}
