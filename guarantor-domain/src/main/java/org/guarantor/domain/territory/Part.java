package org.guarantor.domain.territory;

import java.util.Comparator;
import org.locationtech.jts.geom.Geometry;

/**
 * One named area of a resolved territory with its layer, and the answer a point inside it gets.
 * Immutable.
 */
record Part(Layer layer, String code, String name, Geometry geometry, ScopeAnswer answer) {
  /** Precedence: layer first, then code, so ties on a shared border resolve the same every time. */
  static final Comparator<Part> PRECEDENCE =
      Comparator.comparing(Part::layer).thenComparing(Part::code);

  static Part of(Layer layer, String code, String name, Geometry geometry) {
    ScopeAnswer.Cause cause = layer.cause();
    return new Part(
        layer,
        code,
        name,
        geometry,
        new ScopeAnswer(cause.inScope(), cause, code, name, cause.inScope() ? 1 : 0));
  }

  Part withGeometry(Geometry g) {
    return new Part(layer, code, name, g, answer);
  }

  NamedArea named() {
    return new NamedArea(code, name, geometry);
  }
}
