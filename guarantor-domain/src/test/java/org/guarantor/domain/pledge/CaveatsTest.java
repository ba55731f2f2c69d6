package org.guarantor.domain.pledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.guarantor.domain.plan.ThreatType;
import org.junit.jupiter.api.Test;

class CaveatsTest {

  @Test
  void no_caveats_allow_everything() {
    assertThat(Caveats.none().allow(ThreatType.SABOTAGE, 1, "UA-TEST")).isTrue();
    assertThat(Caveats.none().allow(ThreatType.SABOTAGE, 1, null)).isTrue();
  }

  @Test
  void a_threat_list_allows_only_those_threats() {
    Caveats air = new Caveats(Set.of(ThreatType.AIR_ATTACK), Set.of(), 1);

    assertThat(air.allow(ThreatType.AIR_ATTACK, 3, "UA-TEST")).isTrue();
    assertThat(air.allow(ThreatType.GROUND_INVASION, 3, "UA-TEST")).isFalse();
  }

  @Test
  void an_excluded_region_is_refused_and_an_unknown_region_is_not() {
    Caveats notThere = new Caveats(Set.of(), Set.of("UA-TEST"), 1);

    assertThat(notThere.allow(ThreatType.AIR_ATTACK, 3, "UA-TEST")).isFalse();
    assertThat(notThere.allow(ThreatType.AIR_ATTACK, 3, "UA-OTHER")).isTrue();
    assertThat(notThere.allow(ThreatType.AIR_ATTACK, 3, null)).isTrue();
  }

  @Test
  void the_minimum_severity_is_inclusive() {
    Caveats severe = new Caveats(Set.of(), Set.of(), 4);

    assertThat(severe.allow(ThreatType.AIR_ATTACK, 3, "UA-TEST")).isFalse();
    assertThat(severe.allow(ThreatType.AIR_ATTACK, 4, "UA-TEST")).isTrue();
  }
}
