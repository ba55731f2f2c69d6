package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a territory definition against an atlas without building it: codes exist, custom areas
 * are valid polygons with codes of their own. Costs microseconds plus the custom areas' validation,
 * where {@link CoveredTerritory#build} costs about half a second, so a treaty can be checked on the
 * command path. Stateless and thread-safe.
 */
public final class TerritoryCheck {
  private TerritoryCheck() {}

  /**
   * The definition's problems, empty when {@link CoveredTerritory#build} will succeed.
   *
   * @param path the definition's own path, e.g. {@code /territory}; prefixed to every problem's
   *     path, as in {@code /territory/exclude/2: unknown region or country code UA-99}
   */
  public static List<GeometryProblem> validate(
      Atlas atlas, TerritoryDefinition definition, String path) {
    List<GeometryProblem> problems = new ArrayList<>();
    if (definition.version().isBlank()) {
      problems.add(new GeometryProblem(path + "/version", "version must not be blank"));
    }
    boolean customInclude =
        definition.custom().stream().anyMatch(a -> a.mode() == CustomArea.Mode.INCLUDE);
    if (definition.include().isEmpty() && !customInclude) {
      problems.add(
          new GeometryProblem(
              path + "/include", "include at least one region or country, or a custom area"));
    }
    codes(atlas, definition.include(), path + "/include", problems);
    codes(atlas, definition.exclude(), path + "/exclude", problems);
    Set<String> customCodes = new HashSet<>();
    for (int i = 0; i < definition.custom().size(); i++) {
      CustomArea area = definition.custom().get(i);
      String at = path + "/custom/" + i;
      if (area.code().isBlank()) {
        problems.add(new GeometryProblem(at + "/code", "code must not be blank"));
      } else if (!customCodes.add(area.code())) {
        problems.add(new GeometryProblem(at + "/code", "code " + area.code() + " is used twice"));
      } else if (known(atlas, area.code())) {
        // Answers name the deciding area by code; two areas with one code would be ambiguous.
        problems.add(
            new GeometryProblem(
                at + "/code", "code " + area.code() + " is already a region or country code"));
      }
      problems.addAll(GeometryCheck.validateArea(area.geometry(), at + "/geometry"));
    }
    return problems;
  }

  private static void codes(
      Atlas atlas, List<String> codes, String path, List<GeometryProblem> problems) {
    for (int i = 0; i < codes.size(); i++) {
      if (!known(atlas, codes.get(i))) {
        problems.add(
            new GeometryProblem(path + "/" + i, "unknown region or country code " + codes.get(i)));
      }
    }
  }

  private static boolean known(Atlas atlas, String code) {
    return atlas.find(code).isPresent() || !atlas.regionsOf(code).isEmpty();
  }
}
