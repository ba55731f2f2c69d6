package org.guarantor.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A part of a covered territory's picture with its code and name: an exclusion, a region's
 * territorial waters. Geometry in WGS 84 longitude/latitude. Immutable (callers must not mutate the
 * geometry).
 *
 * @param code region, country or custom-area code, e.g. {@code UA-43}
 * @param name English name, e.g. "Autonomous Republic of Crimea"
 * @param geometry polygonal geometry
 */
public record NamedArea(String code, String name, Geometry geometry) {
  public NamedArea {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(geometry, "geometry");
  }
}
