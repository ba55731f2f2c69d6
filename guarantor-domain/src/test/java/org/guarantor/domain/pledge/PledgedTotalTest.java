package org.guarantor.domain.pledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.BRIZE_NORTON;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AF;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.POL_AF;
import static org.guarantor.domain.treaty.TestTreaty.RAMSTEIN;
import static org.guarantor.domain.treaty.TestTreaty.air;
import static org.guarantor.domain.treaty.TestTreaty.pledge;
import static org.guarantor.domain.treaty.TestTreaty.road;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the public view of a treaty says of pledges: sums, nothing of where or how fast. */
class PledgedTotalTest {

  @Test
  void pledges_of_one_guarantor_capability_and_unit_are_summed() {
    Pledge moreFromRamstein =
        pledge("DEU-AF-2", DEU, Capability.ARMED_FORCES, 200, Unit.PERSONNEL, 6, RAMSTEIN, road(1));

    assertThat(PledgedTotal.of(List.of(DEU_AF, POL_AF, moreFromRamstein)))
        .containsExactly(
            new PledgedTotal(DEU, Capability.ARMED_FORCES, Quantity.of(1000, Unit.PERSONNEL)),
            new PledgedTotal(POL, Capability.ARMED_FORCES, Quantity.of(1000, Unit.PERSONNEL)));
  }

  @Test
  void another_unit_of_the_same_capability_is_a_sum_of_its_own() {
    Pledge sorties =
        pledge("GBR-AD-2", GBR, Capability.AIR_DEFENCE, 30, Unit.SORTIES, 2, BRIZE_NORTON, air(1));

    assertThat(PledgedTotal.of(List.of(GBR_AD, sorties, DEU_AD)))
        .containsExactly(
            new PledgedTotal(GBR, Capability.AIR_DEFENCE, Quantity.of(4, Unit.SYSTEMS)),
            new PledgedTotal(GBR, Capability.AIR_DEFENCE, Quantity.of(30, Unit.SORTIES)),
            new PledgedTotal(DEU, Capability.AIR_DEFENCE, Quantity.of(2, Unit.SYSTEMS)));
  }

  @Test
  void no_pledges_no_totals() {
    assertThat(PledgedTotal.of(List.of())).isEmpty();
  }
}
