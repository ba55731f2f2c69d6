package org.guarantor.domain.tasking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.T0;

import java.time.Duration;
import java.time.Instant;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.junit.jupiter.api.Test;

/** What a tasking owes and what pledge capacity it holds, state by state. */
class TaskingTest {
  private static final Instant H1 = T0.plus(Duration.ofHours(1));
  private static final Instant H2 = T0.plus(Duration.ofHours(2));

  private static final Tasking ISSUED =
      new Tasking(
          TaskingId.number(1),
          IncidentId.number(1),
          1,
          DEU,
          DEU_AD.id(),
          DEU_AD.hub(),
          DEU_AD.capability(),
          Quantity.of(4, Unit.SYSTEMS),
          TaskingState.ISSUED,
          T0,
          H1,
          T0.plus(Duration.ofHours(12)),
          T0.plus(Duration.ofHours(7)),
          1630.0,
          0,
          null,
          T0,
          "");

  @Test
  void an_open_tasking_owes_and_holds_its_whole_quantity() {
    assertThat(ISSUED.outstanding()).isEqualTo(4);
    assertThat(ISSUED.holding()).isEqualTo(4);
  }

  @Test
  void a_partial_delivery_owes_the_rest_and_still_holds_everything() {
    Tasking partial = ISSUED.delivering(1, H2);

    assertThat(partial.state()).isEqualTo(TaskingState.PARTIALLY_DELIVERED);
    assertThat(partial.outstanding()).isEqualTo(3);
    assertThat(partial.holding()).isEqualTo(4);
  }

  @Test
  void a_delivered_tasking_owes_nothing_and_holds_what_was_sent() {
    Tasking delivered = ISSUED.delivering(4, H2);

    assertThat(delivered.state()).isEqualTo(TaskingState.DELIVERED);
    assertThat(delivered.outstanding()).isZero();
    assertThat(delivered.holding()).isEqualTo(4);
  }

  @Test
  void a_declined_tasking_owes_and_holds_nothing() {
    Tasking declined = ISSUED.declined("needed at home", H1);

    assertThat(declined.outstanding()).isZero();
    assertThat(declined.holding()).isZero();
    assertThat(declined.declineReason()).isEqualTo("needed at home");
  }

  @Test
  void a_released_tasking_holds_only_what_was_delivered() {
    Tasking released = ISSUED.delivering(1, H1).with(TaskingState.RELEASED, H2);

    assertThat(released.outstanding()).isZero();
    assertThat(released.holding()).isEqualTo(1);
  }

  @Test
  void a_withdrawn_tasking_owes_and_holds_nothing() {
    Tasking withdrawn = ISSUED.with(TaskingState.WITHDRAWN, H1);

    assertThat(withdrawn.state().open()).isFalse();
    assertThat(withdrawn.outstanding()).isZero();
    assertThat(withdrawn.holding()).isZero();
  }

  @Test
  void the_first_acknowledgement_time_is_kept() {
    Tasking mobilising =
        ISSUED.with(TaskingState.ACKNOWLEDGED, H1).with(TaskingState.MOBILISING, H2);

    assertThat(mobilising.acknowledgedAt()).isEqualTo(H1);
    assertThat(mobilising.updatedAt()).isEqualTo(H2);
  }

  @Test
  void a_delivery_without_an_acknowledgement_counts_as_one() {
    assertThat(ISSUED.delivering(1, H2).acknowledgedAt()).isEqualTo(H2);
  }

  @Test
  void only_issued_and_overdue_await_acknowledgement() {
    for (TaskingState s : TaskingState.values()) {
      assertThat(s.awaitingAcknowledgement())
          .as(s.name())
          .isEqualTo(s == TaskingState.ISSUED || s == TaskingState.OVERDUE);
      assertThat(s.open())
          .as(s.name())
          .isEqualTo(
              s != TaskingState.DELIVERED
                  && s != TaskingState.LATE
                  && s != TaskingState.DECLINED
                  && s != TaskingState.BREACHED
                  && s != TaskingState.RELEASED
                  && s != TaskingState.WITHDRAWN);
    }
  }
}
