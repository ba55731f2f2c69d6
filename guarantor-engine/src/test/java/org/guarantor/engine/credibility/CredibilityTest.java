package org.guarantor.engine.credibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyFile;
import org.junit.jupiter.api.Test;

class CredibilityTest {
  static final Atlas ATLAS = NaturalEarthAtlas.load();
  static final Treaty BUNDLED = TreatyFile.bundled();

  @Test
  void theSameSeedGivesTheSameReportOnAnyNumberOfThreads() throws Exception {
    Options o = Options.defaults().withCriticalRuns(5);
    CredibilityReport one = Credibility.run(BUNDLED, ATLAS, 40, 7, o.withThreads(1));
    CredibilityReport two = Credibility.run(BUNDLED, ATLAS, 40, 7, o.withThreads(2));
    String a = Json.mapper().writeValueAsString(one);
    assertThat(Json.mapper().writeValueAsString(two)).isEqualTo(a);
    assertThat(one.lines()).isPositive();
    assertThat(one.onTime()).isBetween(0.0, 1.0);
  }

  @Test
  void aGuarantorHoldingAllAirDefenceIsTheMostCritical() {
    PartyCode ita = PartyCode.of("ITA");
    List<Pledge> pledges =
        BUNDLED.pledges().stream()
            .map(p -> p.capability().equals(Capability.AIR_DEFENCE) ? heldBy(p, ita) : p)
            .toList();
    Treaty treaty =
        BUNDLED.toBuilder()
            .pledges(pledges)
            .plans(
                BUNDLED.plans().stream()
                    .filter(p -> p.threat().equals(ThreatType.AIR_ATTACK))
                    .toList())
            .build();

    CredibilityReport r = Credibility.run(treaty, ATLAS, 30, 3, Options.defaults().withThreads(2));

    assertThat(r.critical().get(0).kind()).isEqualTo("GUARANTOR");
    assertThat(r.critical().get(0).code()).isEqualTo("ITA");
    assertThat(r.critical().get(0).drop()).isGreaterThan(r.critical().get(1).drop());
  }

  @Test
  void aBrokenInvariantIsCaughtWithItsSeedAndRun() {
    UnaryOperator<DispatchEvent> overCommit =
        e ->
            e instanceof DispatchEvent.TaskingIssued t
                ? new DispatchEvent.TaskingIssued(
                    t.at(),
                    t.incident(),
                    t.tasking(),
                    t.line(),
                    t.guarantor(),
                    t.pledge(),
                    t.hub(),
                    t.capability(),
                    t.quantity().withAmount(t.quantity().amount() + 1_000_000),
                    t.acknowledgeBy(),
                    t.deliverBy(),
                    t.estimatedArrival(),
                    t.distanceKm())
                : e;
    Options o = Options.defaults().withCriticalRuns(0).withThreads(1).withTamper(overCommit);

    assertThatThrownBy(() -> Credibility.run(BUNDLED, ATLAS, 3, 11, o))
        .isInstanceOf(InvariantBroken.class)
        .hasMessageContaining("run 0 of seed 11")
        .hasMessageContaining("over-committed")
        .satisfies(e -> assertThat(((InvariantBroken) e).seed()).isEqualTo(11));
  }

  private static Pledge heldBy(Pledge p, PartyCode guarantor) {
    return new Pledge(
        p.id(),
        guarantor,
        p.capability(),
        p.quantity(),
        p.readiness(),
        p.hub(),
        p.transport(),
        p.caveats(),
        p.validFrom(),
        p.validUntil(),
        p.certification());
  }
}
