package org.guarantor.domain.dispatch;

import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.AIR_3_AT_KYIV;
import static org.guarantor.domain.dispatch.Events.activated;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.dispatch.Events.airAttackAtKyiv;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.issued;
import static org.guarantor.domain.dispatch.Events.reported;
import static org.guarantor.domain.treaty.TestTreaty.AIR_3;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR;
import static org.guarantor.domain.treaty.TestTreaty.GBR_AD;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_INT;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.USA;
import static org.guarantor.domain.treaty.TestTreaty.USA_DESK;
import static org.guarantor.domain.treaty.TestTreaty.corroborating;
import static org.guarantor.domain.treaty.TestTreaty.inTestOblast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchCommand.Corroborate;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentAwaitingCorroboration;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentCorroborated;
import org.junit.jupiter.api.Test;

/** A treaty whose rule is "two guarantors corroborate within six hours". */
class CorroborationTest {
  private static final Instant H1 = T0.plus(Duration.ofHours(1));
  private static final Instant H2 = T0.plus(Duration.ofHours(2));
  private static final Instant DECIDE_BY = T0.plus(Duration.ofHours(6));

  private static List<DispatchEvent> awaiting() {
    return List.of(
        adopted(corroborating(2, Duration.ofHours(6))),
        reported(T0, 1, "call-1", AIR_3_AT_KYIV, inTestOblast()),
        new IncidentAwaitingCorroboration(T0, inc(1), 2, DECIDE_BY));
  }

  private static List<DispatchEvent> corroboratedOnceByPoland() {
    return Events.then(awaiting(), new IncidentCorroborated(H1, inc(1), POL));
  }

  @Test
  void a_report_in_scope_waits_for_corroboration() {
    given(adopted(corroborating(2, Duration.ofHours(6))))
        .when(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV))
        .thenEvents(awaiting().subList(1, 3).toArray(new DispatchEvent[0]));
  }

  @Test
  void the_first_corroboration_is_recorded_and_activates_nothing() {
    given(awaiting())
        .when(new Corroborate(POL_DESK, H1, inc(1)))
        .thenEvents(new IncidentCorroborated(H1, inc(1), POL));
  }

  @Test
  void the_second_distinct_corroboration_activates_at_its_own_time() {
    Instant due12 = H2.plus(Duration.ofHours(12));
    Instant due6 = H2.plus(Duration.ofHours(6));

    given(corroboratedOnceByPoland())
        .when(new Corroborate(GBR_DESK, H2, inc(1)))
        .thenEvents(
            new IncidentCorroborated(H2, inc(1), GBR),
            activated(H2, 1, AIR_3),
            issued(H2, 1, 1, 1, DEU_AD, 2, due12),
            issued(H2, 1, 2, 1, GBR_AD, 2, due12),
            issued(H2, 1, 3, 2, GBR_INT, 2, due6));
  }

  @Test
  void a_guarantor_corroborating_twice_is_a_repeat() {
    given(corroboratedOnceByPoland()).when(new Corroborate(POL_DESK, H2, inc(1))).thenRepeated();
  }

  @Test
  void one_corroboration_is_enough_when_the_rule_asks_for_one() {
    given(
            adopted(corroborating(1, Duration.ofHours(6))),
            reported(T0, 1, "call-1", AIR_3_AT_KYIV, inTestOblast()),
            new IncidentAwaitingCorroboration(T0, inc(1), 1, DECIDE_BY))
        .when(new Corroborate(DEU_DESK, H1, inc(1)))
        .thenEvents(
            new IncidentCorroborated(H1, inc(1), DEU),
            activated(H1, 1, AIR_3),
            issued(H1, 1, 1, 1, DEU_AD, 2, H1.plus(Duration.ofHours(12))),
            issued(H1, 1, 2, 1, GBR_AD, 2, H1.plus(Duration.ofHours(12))),
            issued(H1, 1, 3, 2, GBR_INT, 2, H1.plus(Duration.ofHours(6))));
  }

  @Test
  void a_corroboration_after_the_window_is_too_late() {
    Instant late = DECIDE_BY.plusSeconds(1);

    given(corroboratedOnceByPoland())
        .when(new Corroborate(GBR_DESK, late, inc(1)))
        .thenRejected(
            Reason.of(
                "/incident",
                ReasonType.TOO_LATE,
                "incident",
                "INC-000001",
                "corroborated",
                DECIDE_BY));
  }

  @Test
  void a_corroboration_at_the_end_of_the_window_still_counts() {
    given(awaiting())
        .when(new Corroborate(GBR_DESK, DECIDE_BY, inc(1)))
        .thenEvents(new IncidentCorroborated(DECIDE_BY, inc(1), GBR));
  }

  @Test
  void the_protected_state_may_not_corroborate_its_own_report() {
    given(awaiting())
        .when(new Corroborate(UKR_OPS, H1, inc(1)))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, UKR, "corroborate reports"));
  }

  @Test
  void a_state_that_is_no_guarantor_of_this_treaty_may_not_corroborate() {
    given(awaiting())
        .when(new Corroborate(USA_DESK, H1, inc(1)))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, USA, "corroborate reports"));
  }

  @Test
  void an_observer_may_not_corroborate() {
    given(awaiting())
        .when(new Corroborate(OBSERVER, H1, inc(1)))
        .thenRejected(Reason.of("", ReasonType.FORBIDDEN, "OBS", "corroborate reports"));
  }

  @Test
  void an_unknown_incident_is_not_found() {
    given(awaiting())
        .when(new Corroborate(POL_DESK, H1, inc(9)))
        .thenRejected(Reason.of("/incident", ReasonType.NOT_FOUND, "incident", "INC-000009"));
  }

  @Test
  void an_activated_incident_cannot_be_corroborated() {
    given(airAttackAtKyiv())
        .when(new Corroborate(GBR_DESK, H1, inc(1)))
        .thenRejected(
            Reason.of(
                "/incident",
                ReasonType.WRONG_STATE,
                "incident",
                "INC-000001",
                "ACTIVATED",
                "corroborate"));
  }

  @Test
  void an_activated_incident_a_guarantor_is_not_tasked_on_does_not_exist_for_it() {
    given(airAttackAtKyiv())
        .when(new Corroborate(POL_DESK, H1, inc(1)))
        .thenRejected(Reason.of("/incident", ReasonType.NOT_FOUND, "incident", "INC-000001"));
  }
}
