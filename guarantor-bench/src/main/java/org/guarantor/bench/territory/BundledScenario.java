package org.guarantor.bench.territory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.NamedArea;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.locationtech.jts.geom.Geometry;

/** The bundled scenario's territory and the inputs the territory benchmarks share. */
final class BundledScenario {
  static final TerritoryDefinition DEFINITION =
      new TerritoryDefinition(
          "bundled",
          List.of("UKR"),
          List.of("UA-43", "UA-40", "UA-14", "UA-09"),
          List.of(),
          TerritoryDefinition.DEFAULT_WATERS_NM);

  private BundledScenario() {}

  static Atlas atlas() {
    return NaturalEarthAtlas.load();
  }

  /**
   * Reproducible random points over Ukraine's bounding box (22.1–40.3° E, 44.3–52.4° N): about half
   * land of Ukraine, the rest neighbours, excluded regions and sea — the mix a map of the region
   * would send.
   */
  static double[][] points(int n) {
    SplittableRandom random = new SplittableRandom(20250301);
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] =
          new double[] {44.3 + 8.1 * random.nextDouble(), 22.1 + 18.2 * random.nextDouble()};
    }
    return points;
  }

  /** An area with its answer, for the naive check. */
  record Area(Geometry geometry, ScopeAnswer.Cause cause, String code) {}

  /**
   * The same precedence rule over whole, unprepared geometries: what a straightforward
   * implementation would do, and the yardstick for the index.
   */
  static List<Area> naiveRule(Atlas atlas, CoveredTerritory territory) {
    List<Area> rule = new ArrayList<>();
    for (NamedArea x : territory.exclusions()) {
      rule.add(new Area(x.geometry(), ScopeAnswer.Cause.IN_EXCLUDED_REGION, x.code()));
    }
    for (Region r : atlas.regionsOf("UKR")) {
      rule.add(new Area(r.geometry(), ScopeAnswer.Cause.IN_COVERED_TERRITORY, r.code()));
    }
    for (NamedArea w : territory.territorialWaters()) {
      rule.add(new Area(w.geometry(), ScopeAnswer.Cause.IN_TERRITORIAL_WATERS, w.code()));
    }
    // Other states as the territory draws them: detailed near it, coarse far away.
    for (NamedArea c : territory.otherStates()) {
      rule.add(new Area(c.geometry(), ScopeAnswer.Cause.IN_OTHER_STATE, c.code()));
    }
    return rule;
  }
}
