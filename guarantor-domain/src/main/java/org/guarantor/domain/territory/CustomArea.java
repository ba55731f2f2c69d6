package org.guarantor.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A polygon drawn by the treaty itself (e.g. a line of contact that follows no border), added to or
 * cut from the covered territory. Immutable (callers must not mutate the geometry); its geometry
 * must pass {@link GeometryCheck#validateArea}, which {@link CoveredTerritory#build} enforces.
 *
 * @param code stable code, shown in answers like a region's, e.g. {@code LOC-2025}
 * @param name name shown in answers
 * @param mode whether the polygon adds to or cuts from the covered land
 * @param geometry Polygon or MultiPolygon in WGS 84 longitude/latitude
 */
public record CustomArea(String code, String name, Mode mode, Geometry geometry) {
  public CustomArea {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(geometry, "geometry");
  }

  /** Whether the area adds to or removes from the covered territory. */
  public enum Mode {
    INCLUDE,
    EXCLUDE
  }
}
