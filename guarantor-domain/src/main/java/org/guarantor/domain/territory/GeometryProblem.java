package org.guarantor.domain.territory;

import java.util.Objects;

/**
 * One thing wrong with submitted territory input — a geometry, or a territory definition — located
 * by a JSON-pointer-like path into its JSON form, e.g. {@code /location/coordinates/0/5} for the
 * sixth position of the outer ring, or {@code /territory/exclude/2} for a code. Immutable.
 *
 * @param path where the problem is; the geometry's own path when it concerns the whole geometry
 * @param message what is wrong, in words a person can fix
 */
public record GeometryProblem(String path, String message) {
  public GeometryProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }
}
