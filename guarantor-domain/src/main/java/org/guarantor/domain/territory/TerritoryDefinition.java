package org.guarantor.domain.territory;

import java.util.List;

/**
 * A treaty's covered territory as a definition: included regions or whole countries (by code),
 * minus excluded regions, plus or minus custom polygons, optionally with a maritime belt.
 *
 * @param version label of this territory version, recorded on every incident judged by it
 * @param include codes of regions (ISO 3166-2) or countries (ISO 3166-1 alpha-3) covered
 * @param exclude codes of regions cut out of the covered territory
 * @param custom polygons added or removed
 * @param watersNm width of the territorial-waters belt in nautical miles; 0 for none
 */
public record TerritoryDefinition(
    String version,
    List<String> include,
    List<String> exclude,
    List<CustomArea> custom,
    double watersNm) {
  public TerritoryDefinition {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    custom = List.copyOf(custom);
  }
}
