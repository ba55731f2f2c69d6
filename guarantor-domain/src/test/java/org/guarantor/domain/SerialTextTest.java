package org.guarantor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.tasking.TaskingId;
import org.junit.jupiter.api.Test;

class SerialTextTest {
  @Property
  void writesWhatTheFormatterWrote(@ForAll @LongRange(min = 0, max = 50_000_000_000L) long n) {
    assertThat(SerialText.of("TSK-", n)).isEqualTo(String.format("TSK-%06d", n));
  }

  @Test
  void padsToSixDigitsAndGrowsPastThem() {
    assertThat(TaskingId.number(1).value()).isEqualTo("TSK-000001");
    assertThat(IncidentId.number(0).value()).isEqualTo("INC-000000");
    assertThat(IncidentId.number(999_999).value()).isEqualTo("INC-999999");
    assertThat(TaskingId.number(1_234_567).value()).isEqualTo("TSK-1234567");
  }

  @Test
  void refusesNegativeNumbers() {
    assertThatThrownBy(() -> SerialText.of("TSK-", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
