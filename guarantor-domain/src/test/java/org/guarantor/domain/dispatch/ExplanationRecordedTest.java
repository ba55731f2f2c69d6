package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.report;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.util.List;
import org.guarantor.domain.allocation.Alternative;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.plan.ThreatType;
import org.junit.jupiter.api.Test;

/** Every tasking records why it went where it did, and the state keeps it for "why us?". */
class ExplanationRecordedTest {
  @Test
  void each_tasking_issued_at_activation_records_its_rank_the_field_and_who_lost() {
    DispatchSpec spec =
        given(Events.adopted(treaty()))
            .when(new FileReport(UKR_OPS, T0, "call-1", report(ThreatType.AIR_ATTACK, 3, KYIV)));

    List<DispatchEvent.TaskingIssued> issued =
        spec.events().stream()
            .filter(DispatchEvent.TaskingIssued.class::isInstance)
            .map(DispatchEvent.TaskingIssued.class::cast)
            .toList();

    // Line 1: Germany's two systems first, then two of the United Kingdom's four.
    assertThat(issued.get(0).pledge()).isEqualTo(DEU_AD.id());
    assertThat(issued.get(0).why().rank()).isEqualTo(1);
    assertThat(issued.get(0).why().onTime()).isEqualTo(2);
    assertThat(issued.get(1).pledge()).isEqualTo(GBR_AD.id());
    assertThat(issued.get(1).why().rank()).isEqualTo(2);
    assertThat(issued.get(1).why().alternatives()).extracting(Alternative::lost).isEmpty();
  }
}
