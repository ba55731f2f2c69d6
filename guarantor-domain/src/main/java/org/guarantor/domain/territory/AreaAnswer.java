package org.guarantor.domain.territory;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * The answer for an area report together with the part of the area that lies in covered territory
 * (land or territorial waters). Immutable (callers must not mutate the geometry).
 *
 * @param answer in or out, the one cause, and the covered share
 * @param coveredPart the covered part in WGS 84 longitude/latitude; empty when out of scope
 */
public record AreaAnswer(ScopeAnswer answer, Geometry coveredPart) {
  public AreaAnswer {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(coveredPart, "coveredPart");
  }
}
