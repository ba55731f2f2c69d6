package org.guarantor.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guarantor.domain.treaty.TestTreaty.KYIV;
import static org.guarantor.domain.treaty.TestTreaty.T0;
import static org.guarantor.domain.treaty.TestTreaty.point;
import static org.guarantor.domain.treaty.TestTreaty.polygon;

import org.guarantor.domain.plan.ThreatType;
import org.junit.jupiter.api.Test;

class ThreatReportTest {

  @Test
  void the_same_content_is_the_same_report_whatever_the_geometry_instance() {
    ThreatReport a = new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, T0, "x");
    ThreatReport b = new ThreatReport(ThreatType.AIR_ATTACK, 3, point(50.4501, 30.5234), T0, "x");

    assertThat(a.sameAs(b)).isTrue();
  }

  @Test
  void the_same_area_drawn_from_another_vertex_is_a_different_report() {
    ThreatReport a =
        new ThreatReport(ThreatType.AIR_ATTACK, 3, polygon(30, 50, 31, 50, 31, 51), T0, "x");
    ThreatReport b =
        new ThreatReport(ThreatType.AIR_ATTACK, 3, polygon(31, 50, 31, 51, 30, 50), T0, "x");

    // Idempotency compares what was sent, exactly; a redrawn area is a new report.
    assertThat(a.sameAs(b)).isFalse();
  }

  @Test
  void any_changed_field_makes_a_different_report() {
    ThreatReport a = new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, T0, "x");

    assertThat(a.sameAs(new ThreatReport(ThreatType.SABOTAGE, 3, KYIV, T0, "x"))).isFalse();
    assertThat(a.sameAs(new ThreatReport(ThreatType.AIR_ATTACK, 4, KYIV, T0, "x"))).isFalse();
    assertThat(a.sameAs(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, T0.plusSeconds(1), "x")))
        .isFalse();
    assertThat(a.sameAs(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, T0, "y"))).isFalse();
  }

  @Test
  void a_missing_description_is_empty() {
    assertThat(new ThreatReport(ThreatType.AIR_ATTACK, 3, KYIV, T0, null).description()).isEmpty();
  }
}
