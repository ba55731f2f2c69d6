package org.guarantor.domain.incident;

import org.guarantor.domain.territory.AreaAnswer;
import org.guarantor.domain.territory.ScopeAnswer;
import org.locationtech.jts.geom.Geometry;

/**
 * The scope decision recorded on an incident: the answer and the territory version it was judged
 * against.
 *
 * @param coveredPart for an area report, the part of it in covered land or waters (possibly empty);
 *     null for a point report
 */
public record Scope(
    boolean inScope,
    ScopeAnswer.Cause cause,
    String code,
    String name,
    double coveredShare,
    String explanation,
    String territoryVersion,
    int treatyVersion,
    Geometry coveredPart) {
  /** The decision on a point report. */
  public static Scope of(ScopeAnswer a, String territoryVersion, int treatyVersion) {
    return of(a, territoryVersion, treatyVersion, null);
  }

  /** The decision on an area report, with the covered part of the area. */
  public static Scope of(AreaAnswer a, String territoryVersion, int treatyVersion) {
    return of(a.answer(), territoryVersion, treatyVersion, a.coveredPart());
  }

  private static Scope of(
      ScopeAnswer a, String territoryVersion, int treatyVersion, Geometry coveredPart) {
    return new Scope(
        a.inScope(),
        a.cause(),
        a.code(),
        a.name(),
        a.coveredShare(),
        a.explanation(),
        territoryVersion,
        treatyVersion,
        coveredPart);
  }
}
