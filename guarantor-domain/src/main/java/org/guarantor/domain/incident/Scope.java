package org.guarantor.domain.incident;

import org.guarantor.domain.territory.ScopeAnswer;

/**
 * The scope decision recorded on an incident: the answer and the territory version it was judged
 * against.
 */
public record Scope(
    boolean inScope,
    ScopeAnswer.Cause cause,
    String code,
    String name,
    double coveredShare,
    String explanation,
    String territoryVersion,
    int treatyVersion) {
  public static Scope of(ScopeAnswer a, String territoryVersion, int treatyVersion) {
    return new Scope(
        a.inScope(),
        a.cause(),
        a.code(),
        a.name(),
        a.coveredShare(),
        a.explanation(),
        territoryVersion,
        treatyVersion);
  }
}
