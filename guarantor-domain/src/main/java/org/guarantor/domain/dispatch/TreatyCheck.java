package org.guarantor.domain.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.GeometryProblem;
import org.guarantor.domain.territory.TerritoryCheck;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.AmendmentRule;
import org.guarantor.domain.treaty.Governance;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;

/** Consistency rules for a treaty version, each reported with the path of what is wrong. */
final class TreatyCheck {
  private TreatyCheck() {}

  static List<Reason> check(Treaty t, Atlas atlas) {
    List<Reason> r = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < t.parties().size(); i++) {
      Party p = t.parties().get(i);
      if (!codes.add(p.code().value())) {
        r.add(invalid("/parties/" + i + "/code", "party " + p.code() + " is listed twice"));
      }
    }
    boolean protectedListed =
        t.party(t.protectedState()).map(p -> p.role() == Role.PROTECTED).orElse(false);
    if (!protectedListed) {
      r.add(
          invalid(
              "/protectedState",
              "protected state " + t.protectedState() + " must be a party with role PROTECTED"));
    }
    Set<String> hubs = new HashSet<>();
    for (int i = 0; i < t.hubs().size(); i++) {
      Hub h = t.hubs().get(i);
      if (!hubs.add(h.id().value())) {
        r.add(invalid("/hubs/" + i + "/id", "hub " + h.id() + " is listed twice"));
      }
      if (!(h.lat() >= -90 && h.lat() <= 90) || !(h.lon() >= -180 && h.lon() <= 180)) {
        r.add(invalid("/hubs/" + i, "hub " + h.id() + " has coordinates out of range"));
      }
    }
    Vocabulary v = t.vocabulary();
    checkVocabulary(v, r);
    Set<String> pledges = new HashSet<>();
    for (int i = 0; i < t.pledges().size(); i++) {
      Pledge p = t.pledges().get(i);
      String at = "/pledges/" + i;
      if (!pledges.add(p.id().value())) {
        r.add(invalid(at + "/id", "pledge " + p.id() + " is listed twice"));
      }
      if (!t.party(p.guarantor()).map(x -> x.role() == Role.GUARANTOR).orElse(false)) {
        r.add(invalid(at + "/guarantor", p.guarantor() + " is not a guarantor of the treaty"));
      }
      if (t.hub(p.hub()).isEmpty()) {
        r.add(invalid(at + "/hub", "unknown hub " + p.hub()));
      }
      words(v, p.capability(), p.quantity().unit(), at, r);
      int k = 0;
      for (ThreatType type : p.caveats().threatTypes()) {
        if (!v.knows(type)) {
          r.add(
              unknown(at + "/caveats/threatTypes/" + k, type, "threat type", v.threatTypeCodes()));
        }
        k++;
      }
      if (p.readiness().isNegative()) {
        r.add(invalid(at + "/readiness", "readiness must not be negative"));
      }
      if (p.certification() != null
          && !p.certification()
              .validUntil()
              .isAfter(
                  p.certification()
                      .inspectedOn()
                      .atStartOfDay(java.time.ZoneOffset.UTC)
                      .toInstant())) {
        r.add(
            invalid(
                at + "/certification/validUntil",
                "a certification must end after the inspection it rests on"));
      }
    }
    Set<String> plans = new HashSet<>();
    for (int i = 0; i < t.plans().size(); i++) {
      ResponsePlan plan = t.plans().get(i);
      String at = "/plans/" + i;
      if (plan.severity() < 1 || plan.severity() > 5) {
        r.add(invalid(at + "/severity", "severity must be between 1 and 5"));
      }
      if (!v.knows(plan.threat())) {
        r.add(unknown(at + "/threat", plan.threat(), "threat type", v.threatTypeCodes()));
      }
      if (!plans.add(plan.id())) {
        r.add(invalid(at, "plan " + plan.id() + " is listed twice"));
      }
      Set<Integer> lines = new HashSet<>();
      for (int j = 0; j < plan.lines().size(); j++) {
        PlanLine l = plan.lines().get(j);
        if (!lines.add(l.line())) {
          r.add(invalid(at + "/lines/" + j + "/line", "line " + l.line() + " is listed twice"));
        }
        words(v, l.capability(), l.quantity().unit(), at + "/lines/" + j, r);
        if (l.deadline().isNegative() || l.deadline().isZero()) {
          r.add(invalid(at + "/lines/" + j + "/deadline", "deadline must be positive"));
        }
      }
    }
    ActivationRule rule = t.activation();
    if (rule.kind() == ActivationRule.Kind.CORROBORATION) {
      // More corroborations than guarantors, or an empty window, would never activate anything.
      long guarantors = t.parties().stream().filter(p -> p.role() == Role.GUARANTOR).count();
      if (rule.corroborations() < 1 || rule.corroborations() > guarantors) {
        r.add(
            invalid(
                "/activation/corroborations",
                "corroborations must be between 1 and the number of guarantors ("
                    + guarantors
                    + "), was "
                    + rule.corroborations()));
      }
      if (rule.within().isNegative() || rule.within().isZero()) {
        r.add(invalid("/activation/within", "must be positive"));
      }
    }
    if (t.acknowledgementDeadline().isNegative() || t.acknowledgementDeadline().isZero()) {
      r.add(invalid("/acknowledgementDeadline", "must be positive"));
    }
    if (t.gracePeriod().isNegative()) {
      r.add(invalid("/gracePeriod", "must not be negative"));
    }
    if (t.backfillWindow().isNegative() || t.backfillWindow().isZero()) {
      r.add(invalid("/backfillWindow", "must be positive"));
    }
    if (!(t.burdenWeight() >= 0) || t.burdenWeight().isInfinite()) {
      r.add(
          invalid(
              "/burdenWeight",
              "must be a finite number, 0 or more (0 turns burden-sharing off), was "
                  + t.burdenWeight()));
    }
    if (t.safetyMargin().isNegative()) {
      r.add(invalid("/safetyMargin", "must not be negative"));
    }
    checkGovernance(t.governance(), r);
    for (GeometryProblem p : TerritoryCheck.validate(atlas, t.territory(), "/territory")) {
      r.add(invalid(p.path(), p.message()));
    }
    return r;
  }

  /** Codes declared once each, and every capability counted in at least one declared unit. */
  private static void checkVocabulary(Vocabulary v, List<Reason> r) {
    unique(v.threatTypeCodes(), "/vocabulary/threatTypes/", "threat type", r);
    unique(v.unitCodes(), "/vocabulary/units/", "unit", r);
    unique(v.capabilityCodes(), "/vocabulary/capabilities/", "capability", r);
    for (int i = 0; i < v.capabilities().size(); i++) {
      Vocabulary.CapabilityTerm c = v.capabilities().get(i);
      String at = "/vocabulary/capabilities/" + i + "/units";
      if (c.units().isEmpty()) {
        r.add(invalid(at, "capability " + c.code() + " must be counted in at least one unit"));
      }
      Set<Unit> seen = new HashSet<>();
      for (int j = 0; j < c.units().size(); j++) {
        Unit u = c.units().get(j);
        if (!v.knows(u)) {
          r.add(unknown(at + "/" + j, u, "unit", v.unitCodes()));
        } else if (!seen.add(u)) {
          r.add(invalid(at + "/" + j, "unit " + u + " is listed twice"));
        }
      }
    }
  }

  private static <T> void unique(List<T> codes, String at, String what, List<Reason> r) {
    Set<T> seen = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      if (!seen.add(codes.get(i))) {
        r.add(invalid(at + i + "/code", what + " " + codes.get(i) + " is declared twice"));
      }
    }
  }

  /**
   * A pledge's or plan line's capability and unit: each declared, and the one counted in the other.
   */
  private static void words(Vocabulary v, Capability c, Unit u, String at, List<Reason> r) {
    boolean known = true;
    if (!v.knows(c)) {
      r.add(unknown(at + "/capability", c, "capability", v.capabilityCodes()));
      known = false;
    }
    if (!v.knows(u)) {
      r.add(unknown(at + "/quantity/unit", u, "unit", v.unitCodes()));
      known = false;
    }
    if (known && !v.countsIn(c, u)) {
      r.add(invalid(at + "/quantity/unit", c + " is not counted in " + u));
    }
  }

  private static Reason unknown(String path, Object code, String what, List<?> known) {
    return Reason.of(path, ReasonType.UNKNOWN_CODE, code, what, join(known, ", "));
  }

  private static String join(List<?> codes, String separator) {
    return codes.stream().map(String::valueOf).collect(Collectors.joining(separator));
  }

  private static void checkGovernance(Governance g, List<Reason> r) {
    AmendmentRule rule = g.amendment();
    if (rule.kind() == AmendmentRule.Kind.QUALIFIED_MAJORITY
        && !(rule.majority() > 0.5 && rule.majority() <= 1.0)) {
      r.add(
          invalid(
              "/governance/amendment/majority",
              "a qualified majority is a share above 0.5 and at most 1, was " + rule.majority()));
    }
    if (g.withdrawalNotice().isNegative()) {
      r.add(invalid("/governance/withdrawalNotice", "must not be negative"));
    }
    if (g.certificationWarning().isNegative()) {
      r.add(invalid("/governance/certificationWarning", "must not be negative"));
    }
  }

  private static Reason invalid(String path, String message) {
    return Reason.of(path, ReasonType.TREATY_INVALID, message);
  }
}
