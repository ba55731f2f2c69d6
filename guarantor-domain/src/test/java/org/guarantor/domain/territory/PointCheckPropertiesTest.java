package org.guarantor.domain.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.locationtech.jts.geom.Geometry;

/**
 * The indexed point check agrees with the documented rule evaluated naively (JTS {@code covers} on
 * whole geometries, first match in precedence order), and every answer carries exactly one
 * consistent cause.
 */
class PointCheckPropertiesTest {
  private static final CustomArea RESTORED =
      new CustomArea(
          "LOC-W",
          "West of the line",
          CustomArea.Mode.INCLUDE,
          Toy.polygon(1, 0, 1.4, 0, 1.7, 0.5, 1.3, 1, 1, 1, 1, 0));
  private static final CustomArea CUT =
      new CustomArea(
          "CUT-1",
          "Cut",
          CustomArea.Mode.EXCLUDE,
          Toy.polygon(0.1, 0.1, 0.6, 0.2, 0.3, 0.7, 0.1, 0.1));
  private static final CoveredTerritory TERRITORY =
      Toy.build(List.of("AAA"), List.of("A-2"), List.of(RESTORED, CUT), 12);

  private record Ref(ScopeAnswer.Cause cause, String code, Geometry geometry) {}

  private static final List<Ref> RULE = rule();

  private static List<Ref> rule() {
    List<Ref> rule = new ArrayList<>();
    rule.add(new Ref(ScopeAnswer.Cause.IN_EXCLUDED_REGION, "CUT-1", CUT.geometry()));
    rule.add(new Ref(ScopeAnswer.Cause.IN_COVERED_TERRITORY, "LOC-W", RESTORED.geometry()));
    for (String code : List.of("A-2")) {
      rule.add(new Ref(ScopeAnswer.Cause.IN_EXCLUDED_REGION, code, region(code)));
    }
    for (String code : List.of("A-1", "A-2", "A-3")) {
      rule.add(new Ref(ScopeAnswer.Cause.IN_COVERED_TERRITORY, code, region(code)));
    }
    for (NamedArea w : TERRITORY.territorialWaters()) {
      rule.add(new Ref(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS, w.code(), w.geometry()));
    }
    rule.add(new Ref(ScopeAnswer.Cause.IN_OTHER_STATE, "BBB", region("BBB")));
    return rule;
  }

  private static Geometry region(String code) {
    return Toy.ATLAS.find(code).orElseThrow().geometry();
  }

  private static ScopeAnswer.Cause naive(double x, double y, StringBuilder code) {
    Geometry p = Toy.point(x, y);
    for (Ref r : RULE) {
      if (r.geometry().covers(p)) {
        code.append(r.code());
        return r.cause();
      }
    }
    return ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY;
  }

  @Property(tries = 3000)
  void indexedCheckFollowsTheRule(
      @ForAll @DoubleRange(min = -0.5, max = 3.5) double x,
      @ForAll @DoubleRange(min = -0.5, max = 2.5) double y) {
    StringBuilder code = new StringBuilder();
    ScopeAnswer.Cause expected = naive(x, y, code);
    ScopeAnswer a = TERRITORY.check(y, x);
    assertThat(a.cause()).isEqualTo(expected);
    assertThat(a.code()).isEqualTo(code.toString());
  }

  /** Points on the grid of tenths lie on borders, on tile lines and on the custom areas' edges. */
  @Property(tries = 2000)
  void indexedCheckFollowsTheRuleOnBordersAndTileLines(
      @ForAll @net.jqwik.api.constraints.IntRange(min = -5, max = 35) int tenthX,
      @ForAll @net.jqwik.api.constraints.IntRange(min = -5, max = 25) int tenthY) {
    double x = tenthX / 10.0;
    double y = tenthY / 10.0;
    StringBuilder code = new StringBuilder();
    assertThat(TERRITORY.check(y, x).cause()).isEqualTo(naive(x, y, code));
    assertThat(TERRITORY.check(y, x).code()).isEqualTo(code.toString());
  }

  @Property(tries = 2000)
  void everyAnswerHasExactlyOneConsistentCause(
      @ForAll @DoubleRange(min = -90, max = 90) double lat,
      @ForAll @DoubleRange(min = -180, max = 180) double lon) {
    ScopeAnswer a = TERRITORY.check(lat, lon);
    assertThat(a.inScope()).isEqualTo(a.cause().inScope());
    assertThat(a.coveredShare()).isEqualTo(a.inScope() ? 1.0 : 0.0);
    boolean named = a.cause() != ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY;
    assertThat(a.code().isEmpty()).isEqualTo(!named);
    assertThat(a.name().isEmpty()).isEqualTo(!named);
    assertThat(a.explanation()).doesNotContain("{").contains(a.code()).contains(a.name());
  }

  @Example
  void theRuleCoversEveryKindOfAnswer() {
    assertThat(TERRITORY.check(0.2, 0.25).cause()).isEqualTo(ScopeAnswer.Cause.IN_EXCLUDED_REGION);
    assertThat(TERRITORY.check(-0.1, 0.5).cause())
        .isEqualTo(ScopeAnswer.Cause.IN_TERRITORIAL_WATERS);
  }
}
