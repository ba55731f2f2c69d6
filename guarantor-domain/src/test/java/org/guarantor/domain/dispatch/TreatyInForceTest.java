package org.guarantor.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.dispatch.DispatchSpec.given;
import static org.guarantor.domain.dispatch.Events.AIR_3_AT_KYIV;
import static org.guarantor.domain.dispatch.Events.adopted;
import static org.guarantor.domain.dispatch.Events.inc;
import static org.guarantor.domain.dispatch.Events.reported;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.UKR_OPS;
import static org.guarantor.domain.treaty.TestTreaty.builder;
import static org.guarantor.domain.treaty.TestTreaty.inTestOblast;
import static org.guarantor.domain.treaty.TestTreaty.treaty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.guarantor.domain.dispatch.DispatchCommand.FileReport;
import org.guarantor.domain.dispatch.DispatchEvent.IncidentAwaitingCorroboration;
import org.guarantor.domain.incident.IncidentState;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.Treaty;
import org.junit.jupiter.api.Test;

/** An amendment takes effect at its stated time, not when it is adopted. */
class TreatyInForceTest {
  private static final Instant NEXT_DAY = T0.plus(Duration.ofDays(1));
  private static final Instant TWO_DAYS_ON = T0.plus(Duration.ofDays(2));

  /** Version 2, adopted now, effective tomorrow: corroboration by two guarantors. */
  private static final Treaty V2_CORROBORATION =
      builder()
          .version(2)
          .effectiveFrom(NEXT_DAY)
          .activation(new ActivationRule(ActivationRule.Kind.CORROBORATION, 2, Duration.ofHours(6)))
          .build();

  /** Version 2, effective tomorrow: Test Oblast excluded too. */
  private static final Treaty V2_SMALLER =
      builder()
          .version(2)
          .effectiveFrom(NEXT_DAY)
          .territory(
              new TerritoryDefinition(
                  "test-territory-2", List.of("UKR"), List.of("UA-EXCL", "UA-TEST"), List.of(), 0))
          .build();

  @Test
  void before_an_amendment_takes_effect_the_version_in_force_decides() {
    DispatchSpec spec =
        given(adopted(treaty()), adopted(V2_CORROBORATION))
            .when(new FileReport(UKR_OPS, T0, "call-1", AIR_3_AT_KYIV));

    // Version 1 activates automatically; version 2's corroboration rule is not yet in force.
    assertThat(spec.accepted().events())
        .first()
        .isEqualTo(reported(T0, 1, "call-1", AIR_3_AT_KYIV, inTestOblast()));
    assertThat(spec.accepted().events().get(1)).isInstanceOf(DispatchEvent.IncidentActivated.class);
    assertThat(spec.state().incident(inc(1)).orElseThrow().taskings()).hasSize(3);
  }

  @Test
  void once_an_amendment_is_in_force_its_rules_decide() {
    ThreatReport later = new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, TWO_DAYS_ON, "again");
    Scope byV2 =
        Scope.of(
            new ScopeAnswer(
                true, ScopeAnswer.Cause.IN_COVERED_TERRITORY, "UA-TEST", "Test Oblast", 1),
            "test-territory-1",
            2);

    given(adopted(treaty()), adopted(V2_CORROBORATION))
        .when(new FileReport(UKR_OPS, TWO_DAYS_ON, "call-1", later))
        .thenEvents(
            reported(TWO_DAYS_ON, 1, "call-1", later, byV2),
            new IncidentAwaitingCorroboration(
                TWO_DAYS_ON, inc(1), 2, TWO_DAYS_ON.plus(Duration.ofHours(6))));
  }

  @Test
  void scope_is_judged_by_the_territory_in_force_when_the_threat_was_observed() {
    ThreatReport observedBefore = AIR_3_AT_KYIV;
    ThreatReport observedAfter =
        new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, TWO_DAYS_ON, "after");

    DispatchSpec spec =
        given(adopted(treaty()), adopted(V2_SMALLER))
            .when(new FileReport(UKR_OPS, TWO_DAYS_ON, "late-report", observedBefore));
    assertThat(spec.state().incident(inc(1)).orElseThrow().scope()).isEqualTo(inTestOblast());

    spec.when(new FileReport(UKR_OPS, TWO_DAYS_ON, "fresh-report", observedAfter));
    var second = spec.state().incident(inc(2)).orElseThrow();
    assertThat(second.state()).isEqualTo(IncidentState.OUT_OF_SCOPE);
    assertThat(second.scope().code()).isEqualTo("UA-TEST");
    assertThat(second.scope().cause()).isEqualTo(ScopeAnswer.Cause.IN_EXCLUDED_REGION);
    assertThat(second.scope().territoryVersion()).isEqualTo("test-territory-2");
    assertThat(second.scope().treatyVersion()).isEqualTo(2);
  }
}
