package org.guarantor.domain.incident;

import java.time.Instant;
import java.util.Objects;
import org.guarantor.domain.plan.ThreatType;
import org.locationtech.jts.geom.Geometry;

/**
 * What the protected state reports: the "call". Immutable.
 *
 * @param location a point or an area, WGS 84 longitude/latitude
 */
public record ThreatReport(
    ThreatType type, int severity, Geometry location, Instant observedAt, String description) {
  public ThreatReport {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(observedAt, "observedAt");
    description = description == null ? "" : description;
  }

  /** Same content, comparing geometry exactly (Geometry's equals is not value equality). */
  public boolean sameAs(ThreatReport o) {
    return type.equals(o.type)
        && severity == o.severity
        && location.equalsExact(o.location)
        && observedAt.equals(o.observedAt)
        && description.equals(o.description);
  }
}
