package org.guarantor.atlas;

import java.util.List;
import org.guarantor.domain.territory.GeometryProblem;
import org.locationtech.jts.geom.Geometry;

/**
 * The outcome of reading a GeoJSON geometry: the geometry, or the problems that stopped it, never
 * both. Immutable (callers must not mutate the geometry).
 *
 * @param geometry the geometry (WGS 84 longitude/latitude); {@code null} when there are problems
 * @param problems what is wrong, each with its path; empty when the geometry is usable
 */
public record GeoJsonResult(Geometry geometry, List<GeometryProblem> problems) {
  public GeoJsonResult {
    problems = List.copyOf(problems);
    if ((geometry == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("exactly one of geometry and problems must be given");
    }
  }

  static GeoJsonResult of(Geometry geometry) {
    return new GeoJsonResult(geometry, List.of());
  }

  static GeoJsonResult invalid(List<GeometryProblem> problems) {
    return new GeoJsonResult(null, problems);
  }

  /** Whether a geometry was read without problems. */
  public boolean valid() {
    return geometry != null;
  }

  /**
   * The geometry of a valid result.
   *
   * @throws IllegalArgumentException listing the problems if there are any
   */
  public Geometry orElseThrow() {
    if (geometry == null) {
      throw new IllegalArgumentException("invalid GeoJSON geometry: " + problems);
    }
    return geometry;
  }
}
