package org.guarantor.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A named area of the boundary atlas: an admin-1 region (code ISO 3166-2, e.g. {@code UA-43}) or a
 * whole country (code ISO 3166-1 alpha-3, e.g. {@code MDA}). Immutable.
 *
 * @param code stable code
 * @param name English name, e.g. "Autonomous Republic of Crimea"
 * @param country ISO 3166-1 alpha-3 code of the state the region belongs to (itself for countries)
 * @param geometry polygonal geometry in WGS 84 longitude/latitude
 */
public record Region(String code, String name, String country, Geometry geometry) {
  public Region {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(geometry, "geometry");
  }
}
