package org.guarantor.domain.territory;

import org.locationtech.jts.geom.Geometry;

/**
 * A polygon drawn by the treaty itself (e.g. a line of contact that follows no border), added to or
 * cut from the covered territory.
 */
public record CustomArea(String code, String name, Mode mode, Geometry geometry) {
  /** Whether the area adds to or removes from the covered territory. */
  public enum Mode {
    INCLUDE,
    EXCLUDE
  }
}
