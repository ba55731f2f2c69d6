package org.guarantor.domain.territory;

import java.util.List;
import java.util.Objects;

/**
 * A treaty's covered territory as a definition, not a picture: included regions or whole countries
 * (by code), minus excluded regions, plus or minus custom polygons, optionally with a maritime
 * belt. {@link CoveredTerritory#build} resolves it against boundary data. Immutable and thread-safe
 * (callers must not mutate the custom areas' geometries).
 *
 * <p>Meaning: covered land = ((included − excluded) ∪ custom INCLUDE areas) − custom EXCLUDE areas;
 * a custom INCLUDE area can therefore restore part of an excluded region (the side of a line of
 * contact the treaty covers), and a custom EXCLUDE area cuts anything.
 *
 * @param version label of this territory version, recorded on every incident judged by it
 * @param include codes of regions (ISO 3166-2, e.g. {@code UA-63}) or countries (ISO 3166-1
 *     alpha-3, e.g. {@code UKR}: all of its regions in the atlas) covered
 * @param exclude codes of regions (or countries) cut out of the covered territory
 * @param custom polygons added or removed, applied after the exclusions
 * @param watersNm width of the territorial-waters belt in nautical miles, 0 for none, at most
 *     {@value #MAX_WATERS_NM}; {@value #DEFAULT_WATERS_NM} is the UNCLOS territorial sea
 */
public record TerritoryDefinition(
    String version,
    List<String> include,
    List<String> exclude,
    List<CustomArea> custom,
    double watersNm) {

  /** The territorial sea's breadth under UNCLOS article 3. */
  public static final double DEFAULT_WATERS_NM = 12;

  /** Beyond this a belt is no longer "territorial waters" (the EEZ ends at 200 nm). */
  public static final double MAX_WATERS_NM = 200;

  public TerritoryDefinition {
    Objects.requireNonNull(version, "version");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    custom = List.copyOf(custom);
    if (!(watersNm >= 0 && watersNm <= MAX_WATERS_NM)) {
      throw new IllegalArgumentException(
          "watersNm must be within 0.." + MAX_WATERS_NM + ": " + watersNm);
    }
  }
}
