package org.guarantor.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.DEU;
import static org.guarantor.domain.treaty.TestTreaty.DEU_AD;
import static org.guarantor.domain.treaty.TestTreaty.DEU_DESK;
import static org.guarantor.domain.treaty.TestTreaty.GBR_DESK;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.OBSERVER;
import static org.guarantor.domain.treaty.TestTreaty.POL;
import static org.guarantor.domain.treaty.TestTreaty.POL_DESK;
import static org.guarantor.domain.treaty.TestTreaty.SECRETARIAT;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.USA_DESK;
import static org.guarantor.domain.treaty.TestTreaty.inTestOblast;
import static org.guarantor.domain.treaty.TestTreaty.report;

import java.time.Duration;
import java.util.List;
import org.guarantor.domain.access.Access.TreatyView;
import org.guarantor.domain.access.Access.View;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.TestTreaty;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who may see and do what: each rule's allowed and forbidden cases. */
class AccessTest {
  private static final Treaty TREATY = TestTreaty.treaty();
  private static final IncidentId INC = IncidentId.number(1);

  /** A state with the protected role that is not this treaty's protected state. */
  private static final Actor OTHER_PROTECTED = new Actor(PartyCode.of("MDA"), Role.PROTECTED);

  /** Ukraine's code presented with a guarantor's role. */
  private static final Actor UKR_AS_GUARANTOR = new Actor(UKR, Role.GUARANTOR);

  private static final Tasking GERMANYS =
      new Tasking(
          TaskingId.number(1),
          INC,
          1,
          DEU,
          DEU_AD.id(),
          DEU_AD.hub(),
          DEU_AD.capability(),
          Quantity.of(2, Unit.SYSTEMS),
          TaskingState.ISSUED,
          T0,
          T0.plus(Duration.ofHours(1)),
          T0.plus(Duration.ofHours(12)),
          T0.plus(Duration.ofHours(7)),
          1630.0,
          0,
          null,
          T0,
          "");

  private static Incident incident(IncidentState state) {
    return Incident.reported(
        INC, "call-1", UKR, report(ThreatType.AIR_ATTACK, 3, KYIV), T0, inTestOblast(), state);
  }

  private static final Incident ACTIVATED_WITH_GERMANY =
      incident(IncidentState.ACTIVATED)
          .activated(T0, "AIR_ATTACK/3", List.of())
          .withTasking(GERMANYS);

  @Nested
  class SeeingAnIncident {
    @Test
    void the_secretariat_sees_everything() {
      assertThat(Access.incident(SECRETARIAT, ACTIVATED_WITH_GERMANY, TREATY)).isEqualTo(View.FULL);
    }

    @Test
    void the_protected_state_sees_everything_and_another_protected_state_nothing() {
      assertThat(Access.incident(UKR_OPS, ACTIVATED_WITH_GERMANY, TREATY)).isEqualTo(View.FULL);
      assertThat(Access.incident(OTHER_PROTECTED, ACTIVATED_WITH_GERMANY, TREATY))
          .isEqualTo(View.NONE);
    }

    @Test
    void a_tasked_guarantor_sees_its_own_taskings_and_others_nothing() {
      assertThat(Access.incident(DEU_DESK, ACTIVATED_WITH_GERMANY, TREATY))
          .isEqualTo(View.OWN_TASKINGS);
      assertThat(Access.incident(POL_DESK, ACTIVATED_WITH_GERMANY, TREATY)).isEqualTo(View.NONE);
    }

    @Test
    void every_guarantor_sees_an_incident_it_is_asked_to_corroborate() {
      Incident awaiting = incident(IncidentState.AWAITING_CORROBORATION);

      assertThat(Access.incident(POL_DESK, awaiting, TREATY)).isEqualTo(View.OWN_TASKINGS);
      assertThat(Access.incident(POL_DESK, incident(IncidentState.OUT_OF_SCOPE), TREATY))
          .isEqualTo(View.NONE);
    }

    @Test
    void an_observer_sees_a_summary() {
      assertThat(Access.incident(OBSERVER, ACTIVATED_WITH_GERMANY, TREATY)).isEqualTo(View.SUMMARY);
    }
  }

  @Nested
  class ReadingACapAlert {
    @Test
    void an_alert_about_the_incident_is_read_as_the_incident_is() {
      assertThat(Access.capAlert(SECRETARIAT, ACTIVATED_WITH_GERMANY, null, TREATY))
          .isEqualTo(View.FULL);
      assertThat(Access.capAlert(DEU_DESK, ACTIVATED_WITH_GERMANY, null, TREATY))
          .isEqualTo(View.OWN_TASKINGS);
      assertThat(Access.capAlert(POL_DESK, ACTIVATED_WITH_GERMANY, null, TREATY))
          .isEqualTo(View.NONE);
      assertThat(Access.capAlert(OBSERVER, ACTIVATED_WITH_GERMANY, null, TREATY))
          .isEqualTo(View.SUMMARY);
    }

    @Test
    void an_escalation_is_read_only_by_whoever_sees_its_tasking() {
      assertThat(Access.capAlert(UKR_OPS, ACTIVATED_WITH_GERMANY, GERMANYS, TREATY))
          .isEqualTo(View.FULL);
      assertThat(Access.capAlert(DEU_DESK, ACTIVATED_WITH_GERMANY, GERMANYS, TREATY))
          .isEqualTo(View.OWN_TASKINGS);
      assertThat(Access.capAlert(OBSERVER, ACTIVATED_WITH_GERMANY, GERMANYS, TREATY))
          .isEqualTo(View.NONE);
      assertThat(Access.capAlert(OTHER_PROTECTED, ACTIVATED_WITH_GERMANY, GERMANYS, TREATY))
          .isEqualTo(View.NONE);
    }
  }

  @Nested
  class ReadingAResourceMessage {
    @Test
    void whoever_sees_the_tasking_reads_its_request_and_commitment() {
      assertThat(Access.mayReadResourceMessage(DEU_DESK, GERMANYS, TREATY)).isTrue();
      assertThat(Access.mayReadResourceMessage(SECRETARIAT, GERMANYS, TREATY)).isTrue();
      assertThat(Access.mayReadResourceMessage(UKR_OPS, GERMANYS, TREATY)).isTrue();
      assertThat(Access.mayReadResourceMessage(POL_DESK, GERMANYS, TREATY)).isFalse();
      assertThat(Access.mayReadResourceMessage(OBSERVER, GERMANYS, TREATY)).isFalse();
    }
  }

  @Nested
  class SeeingATasking {
    @Test
    void the_secretariat_and_the_protected_state_see_every_tasking() {
      assertThat(Access.tasking(SECRETARIAT, GERMANYS, TREATY)).isTrue();
      assertThat(Access.tasking(UKR_OPS, GERMANYS, TREATY)).isTrue();
      assertThat(Access.tasking(OTHER_PROTECTED, GERMANYS, TREATY)).isFalse();
    }

    @Test
    void a_guarantor_sees_only_its_own() {
      assertThat(Access.tasking(DEU_DESK, GERMANYS, TREATY)).isTrue();
      assertThat(Access.tasking(GBR_DESK, GERMANYS, TREATY)).isFalse();
    }

    @Test
    void an_observer_sees_no_tasking() {
      assertThat(Access.tasking(OBSERVER, GERMANYS, TREATY)).isFalse();
    }
  }

  @Nested
  class SeeingTheTreaty {
    @Test
    void the_parties_see_all_of_it() {
      for (Actor party : List.of(SECRETARIAT, UKR_OPS, DEU_DESK, POL_DESK)) {
        assertThat(Access.treaty(party)).as(party.toString()).isEqualTo(TreatyView.FULL);
      }
    }

    @Test
    void the_public_sees_the_public_view() {
      assertThat(Access.treaty(OBSERVER)).isEqualTo(TreatyView.PUBLIC);
    }
  }

  @Nested
  class ReadingHowMuchOfAPledgeIsInUse {
    @Test
    void its_guarantor_and_the_secretariat_read_it() {
      assertThat(Access.mayReadPledgeUse(DEU_DESK, DEU_AD)).isTrue();
      assertThat(Access.mayReadPledgeUse(SECRETARIAT, DEU_AD)).isTrue();
    }

    @Test
    void other_guarantors_the_protected_state_and_observers_do_not() {
      assertThat(Access.mayReadPledgeUse(GBR_DESK, DEU_AD)).isFalse();
      assertThat(Access.mayReadPledgeUse(UKR_OPS, DEU_AD)).isFalse();
      assertThat(Access.mayReadPledgeUse(OBSERVER, DEU_AD)).isFalse();
      assertThat(Access.mayReadPledgeUse(new Actor(DEU, Role.OBSERVER), DEU_AD)).isFalse();
    }
  }

  @Nested
  class ReadingADeclineReason {
    @Test
    void the_decliner_the_secretariat_and_the_protected_state_read_it() {
      assertThat(Access.mayReadDeclineReason(DEU_DESK, DEU, TREATY)).isTrue();
      assertThat(Access.mayReadDeclineReason(SECRETARIAT, DEU, TREATY)).isTrue();
      assertThat(Access.mayReadDeclineReason(UKR_OPS, DEU, TREATY)).isTrue();
    }

    @Test
    void other_guarantors_observers_and_other_states_do_not() {
      assertThat(Access.mayReadDeclineReason(USA_DESK, DEU, TREATY)).isFalse();
      assertThat(Access.mayReadDeclineReason(POL_DESK, DEU, TREATY)).isFalse();
      assertThat(Access.mayReadDeclineReason(OBSERVER, DEU, TREATY)).isFalse();
      assertThat(Access.mayReadDeclineReason(new Actor(DEU, Role.OBSERVER), DEU, TREATY))
          .as("the decliner's code with the observer's role")
          .isFalse();
      assertThat(Access.mayReadDeclineReason(OTHER_PROTECTED, DEU, TREATY)).isFalse();
    }

    @Test
    void whoever_reads_it_sees_the_declined_tasking_too() {
      for (Actor a :
          List.of(SECRETARIAT, UKR_OPS, DEU_DESK, GBR_DESK, USA_DESK, OBSERVER, OTHER_PROTECTED)) {
        assertThat(Access.mayReadDeclineReason(a, GERMANYS.guarantor(), TREATY))
            .as(a.toString())
            .isEqualTo(Access.tasking(a, GERMANYS, TREATY));
      }
    }
  }

  @Nested
  class ReadingKeyNotes {
    @Test
    void the_keys_party_and_the_secretariat_read_its_labels_and_revocation_reasons() {
      assertThat(Access.mayReadKeyNotes(POL_DESK, POL)).isTrue();
      assertThat(Access.mayReadKeyNotes(SECRETARIAT, POL)).isTrue();
    }

    @Test
    void other_parties_and_the_public_do_not() {
      assertThat(Access.mayReadKeyNotes(DEU_DESK, POL)).isFalse();
      assertThat(Access.mayReadKeyNotes(UKR_OPS, POL)).isFalse();
      assertThat(Access.mayReadKeyNotes(OBSERVER, POL)).isFalse();
    }
  }

  @Nested
  class Reporting {
    @Test
    void the_protected_state_reports() {
      assertThat(Access.mayReport(UKR_OPS, TREATY)).isTrue();
    }

    @Test
    void nobody_else_reports() {
      assertThat(Access.mayReport(OTHER_PROTECTED, TREATY)).isFalse();
      assertThat(Access.mayReport(UKR_AS_GUARANTOR, TREATY)).isFalse();
      assertThat(Access.mayReport(POL_DESK, TREATY)).isFalse();
      assertThat(Access.mayReport(SECRETARIAT, TREATY)).isFalse();
      assertThat(Access.mayReport(OBSERVER, TREATY)).isFalse();
    }
  }

  @Nested
  class ActingOnATasking {
    @Test
    void the_tasked_guarantor_acts() {
      assertThat(Access.mayActOn(DEU_DESK, GERMANYS)).isTrue();
    }

    @Test
    void nobody_else_acts() {
      assertThat(Access.mayActOn(GBR_DESK, GERMANYS)).isFalse();
      assertThat(Access.mayActOn(new Actor(DEU, Role.OBSERVER), GERMANYS)).isFalse();
      assertThat(Access.mayActOn(SECRETARIAT, GERMANYS)).isFalse();
      assertThat(Access.mayActOn(UKR_OPS, GERMANYS)).isFalse();
    }
  }

  @Nested
  class AskingWhy {
    @Test
    void the_tasked_guarantor_and_the_secretariat_ask_why() {
      assertThat(Access.mayAskWhy(DEU_DESK, GERMANYS)).isTrue();
      assertThat(Access.mayAskWhy(SECRETARIAT, GERMANYS)).isTrue();
    }

    @Test
    void other_guarantors_the_protected_state_and_observers_do_not() {
      assertThat(Access.mayAskWhy(GBR_DESK, GERMANYS)).isFalse();
      assertThat(Access.mayAskWhy(UKR_OPS, GERMANYS)).isFalse();
      assertThat(Access.mayAskWhy(OBSERVER, GERMANYS)).isFalse();
    }
  }

  @Nested
  class Closing {
    @Test
    void the_secretariat_and_the_protected_state_close() {
      assertThat(Access.mayClose(SECRETARIAT, TREATY)).isTrue();
      assertThat(Access.mayClose(UKR_OPS, TREATY)).isTrue();
    }

    @Test
    void guarantors_observers_and_other_states_do_not() {
      assertThat(Access.mayClose(DEU_DESK, TREATY)).isFalse();
      assertThat(Access.mayClose(OBSERVER, TREATY)).isFalse();
      assertThat(Access.mayClose(OTHER_PROTECTED, TREATY)).isFalse();
    }
  }

  @Nested
  class Corroborating {
    @Test
    void a_guarantor_of_the_treaty_corroborates() {
      assertThat(Access.mayCorroborate(POL_DESK, TREATY)).isTrue();
    }

    @Test
    void nobody_else_corroborates() {
      assertThat(Access.mayCorroborate(USA_DESK, TREATY)).isFalse();
      assertThat(Access.mayCorroborate(UKR_AS_GUARANTOR, TREATY)).isFalse();
      assertThat(Access.mayCorroborate(UKR_OPS, TREATY)).isFalse();
      assertThat(Access.mayCorroborate(SECRETARIAT, TREATY)).isFalse();
      assertThat(Access.mayCorroborate(OBSERVER, TREATY)).isFalse();
    }
  }

  @Nested
  class Administering {
    @Test
    void the_secretariat_administers() {
      assertThat(Access.mayAdministrate(SECRETARIAT)).isTrue();
    }

    @Test
    void nobody_else_administers() {
      assertThat(Access.mayAdministrate(UKR_OPS)).isFalse();
      assertThat(Access.mayAdministrate(DEU_DESK)).isFalse();
      assertThat(Access.mayAdministrate(OBSERVER)).isFalse();
    }
  }
}
