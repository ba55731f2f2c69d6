package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A territory definition's codes resolved against an atlas into parts, layer by layer, each layer
 * sorted by code. Immutable.
 */
record Resolution(
    List<Part> customExclude,
    List<Part> customInclude,
    List<Part> excluded,
    List<Part> included,
    List<Part> uncovered,
    List<Part> others) {

  /**
   * Resolves the codes.
   *
   * @throws IllegalArgumentException if a code is not in the atlas or a custom area is invalid
   */
  static Resolution of(Atlas atlas, TerritoryDefinition definition) {
    List<GeometryProblem> problems = TerritoryCheck.validate(atlas, definition, "");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid territory definition: " + describe(problems));
    }
    List<Part> customExclude = new ArrayList<>();
    List<Part> customInclude = new ArrayList<>();
    for (CustomArea area : definition.custom()) {
      boolean include = area.mode() == CustomArea.Mode.INCLUDE;
      (include ? customInclude : customExclude)
          .add(
              Part.of(
                  include ? Layer.CUSTOM_INCLUDE : Layer.CUSTOM_EXCLUDE,
                  area.code(),
                  area.name(),
                  area.geometry()));
    }

    Set<String> coveredCountries = new LinkedHashSet<>();
    Set<String> includedCodes = new LinkedHashSet<>();
    List<Part> included = new ArrayList<>();
    for (String code : new LinkedHashSet<>(definition.include())) {
      List<Region> regions = atlas.regionsOf(code);
      if (!regions.isEmpty()) {
        coveredCountries.add(code);
        for (Region r : regions) {
          if (includedCodes.add(r.code())) {
            included.add(Part.of(Layer.INCLUDED, r.code(), r.name(), r.geometry()));
          }
        }
      } else {
        Region r = find(atlas, code);
        coveredCountries.add(r.country());
        if (includedCodes.add(r.code())) {
          included.add(Part.of(Layer.INCLUDED, r.code(), r.name(), r.geometry()));
        }
      }
    }

    Set<String> excludedCodes = new LinkedHashSet<>();
    List<Part> excluded = new ArrayList<>();
    for (String code : new LinkedHashSet<>(definition.exclude())) {
      Region r = find(atlas, code);
      excludedCodes.add(r.code());
      excluded.add(Part.of(Layer.EXCLUDED, r.code(), r.name(), r.geometry()));
    }

    List<Part> uncovered = new ArrayList<>();
    for (String country : coveredCountries) {
      for (Region r : atlas.regionsOf(country)) {
        if (!includedCodes.contains(r.code()) && !excludedCodes.contains(r.code())) {
          uncovered.add(Part.of(Layer.UNCOVERED, r.code(), r.name(), r.geometry()));
        }
      }
    }

    Envelope near = near(definition, customExclude, customInclude, excluded, included, uncovered);
    List<Part> others = new ArrayList<>();
    for (Region c : atlas.countries()) {
      if (!coveredCountries.contains(c.code()) && !includedCodes.contains(c.code())) {
        // Near the territory every state is drawn at the detail of its regions, so that no gap
        // between a fine and a coarse outline passes for sea; far away the coarse one names it.
        Region drawn =
            c.geometry().getEnvelopeInternal().intersects(near)
                ? atlas.detailedOutline(c.code()).orElse(c)
                : c;
        others.add(Part.of(Layer.OTHER_STATE, c.code(), c.name(), drawn.geometry()));
      }
    }
    return new Resolution(
        sorted(customExclude),
        sorted(customInclude),
        sorted(excluded),
        sorted(included),
        sorted(uncovered),
        sorted(others));
  }

  /**
   * Degrees around the territory's parts within which other states are drawn in detail: the point
   * index's frame (1°) plus twice the waters belt, where another coast can be the nearer one.
   */
  @SafeVarargs
  private static Envelope near(TerritoryDefinition definition, List<Part>... layers) {
    Envelope e = new Envelope();
    for (List<Part> layer : layers) {
      layer.forEach(p -> e.expandToInclude(p.geometry().getEnvelopeInternal()));
    }
    if (e.isNull()) {
      return e;
    }
    double margin = 1 + 2 * definition.watersNm() / 60;
    double lat = Math.min(80, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())) + margin);
    e.expandBy(margin / Math.cos(Math.toRadians(lat)), margin);
    return e;
  }

  private static String describe(List<GeometryProblem> problems) {
    StringBuilder sb = new StringBuilder();
    for (GeometryProblem p : problems) {
      sb.append(sb.length() == 0 ? "" : "; ").append(p.path()).append(": ").append(p.message());
    }
    return sb.toString();
  }

  private static Region find(Atlas atlas, String code) {
    return atlas
        .find(code)
        .orElseThrow(() -> new IllegalArgumentException("unknown region or country code " + code));
  }

  private static List<Part> sorted(List<Part> parts) {
    List<Part> copy = new ArrayList<>(parts);
    copy.sort(Part.PRECEDENCE);
    return List.copyOf(copy);
  }

  /** The exclusions that cut covered land: custom EXCLUDE areas, then excluded regions. */
  List<Part> exclusions() {
    List<Part> all = new ArrayList<>(customExclude);
    all.addAll(excluded);
    return all;
  }

  /** Everything that is land but not covered, for the waters' median lines. */
  List<Geometry> barriers() {
    List<Geometry> all = new ArrayList<>();
    for (List<Part> layer : List.of(customExclude, excluded, uncovered, others)) {
      layer.forEach(p -> all.add(p.geometry()));
    }
    return all;
  }
}
