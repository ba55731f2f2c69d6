package org.guarantor.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.GeometryProblem;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.TerritoryCheck;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.ActivationRule;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.Vocabulary;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyProblem.Code;

/**
 * The rules of a treaty file that its schema cannot state: codes that must name something (a party,
 * a hub, a region or country of the atlas), ids used once, units that fit their capability,
 * durations that must be positive, and, through {@link PlanCoverage}, a plan for everything that
 * activates and a pledge for every plan line. A part of the file with a problem of shape is left
 * out of these rules (its problem is reported already), and so is any rule whose answer would
 * depend on it: a broken pledge does not make a line unservable. Not thread-safe; one per check.
 */
final class TreatyRules {
  private final JsonNode doc;
  private final Atlas atlas;
  private final List<String> broken;
  private final List<TreatyProblem> out = new ArrayList<>();

  private TreatyRules(JsonNode doc, Atlas atlas, List<TreatyProblem> shape) {
    this.doc = doc;
    this.atlas = atlas;
    this.broken = shape.stream().map(TreatyProblem::pointer).toList();
  }

  /** The problems beyond shape, given the problems of shape already found. */
  static List<TreatyProblem> check(JsonNode doc, Atlas atlas, List<TreatyProblem> shape) {
    TreatyRules r = new TreatyRules(doc, atlas, shape);
    r.run();
    return r.out;
  }

  private void run() {
    Parsed<Party> parties = list("/parties", Party.class);
    Parsed<Hub> hubs = list("/hubs", Hub.class);
    Parsed<Pledge> pledges = list("/pledges", Pledge.class);
    Parsed<ResponsePlan> plans = list("/plans", ResponsePlan.class);
    // Unknown codes are the schema walk's to report; here what needs the vocabulary whole.
    Optional<Vocabulary> words = vocabulary();
    Map<String, Party> byCode = new HashMap<>();
    parties.each((at, p) -> unique(byCode, p.code().value(), p, at + "/code", "party"));
    if (parties.whole() && sound("/protectedState")) {
      String code = doc.get("protectedState").asText();
      role(byCode, code, Role.PROTECTED, "/protectedState", "the protected state");
    }
    Map<String, Hub> byHub = new HashMap<>();
    hubs.each(
        (at, h) -> {
          unique(byHub, h.id().value(), h, at + "/id", "hub");
          if (!isCountry(h.country().value())) {
            add(
                at + "/country",
                Code.UNKNOWN_CODE,
                "unknown country " + h.country() + ": not a country of the atlas");
          }
        });
    Map<String, Pledge> byPledge = new HashMap<>();
    pledges.each(
        (at, p) -> {
          unique(byPledge, p.id().value(), p, at + "/id", "pledge");
          if (parties.whole()) {
            role(byCode, p.guarantor().value(), Role.GUARANTOR, at + "/guarantor", "a pledge's");
          }
          if (hubs.whole() && !byHub.containsKey(p.hub().value())) {
            add(at + "/hub", Code.UNKNOWN_CODE, "unknown hub " + quote(p.hub().value()));
          }
          if (words.isPresent() && !fits(words.get(), p.capability(), p.quantity())) {
            add(
                at + "/quantity/unit",
                Code.WRONG_UNIT,
                unitMessage(words.get(), p.capability(), p.quantity()));
          }
          JsonNode given = doc.at(at + "/caveats/excludedRegions");
          for (int i = 0; i < given.size(); i++) {
            if (!isArea(given.get(i).asText())) {
              add(
                  at + "/caveats/excludedRegions/" + i,
                  Code.UNKNOWN_CODE,
                  "unknown region or country code " + quote(given.get(i).asText()));
            }
          }
          if (!p.validUntil().isAfter(p.validFrom())) {
            add(at + "/validUntil", Code.OUT_OF_RANGE, "must be after validFrom");
          }
        });
    Map<String, ResponsePlan> byPlan = new HashMap<>();
    plans.each(
        (at, plan) -> {
          if (byPlan.putIfAbsent(plan.id(), plan) != null) {
            add(
                at,
                Code.DUPLICATE_ID,
                "a second plan for " + plan.threat() + " severity " + plan.severity());
          }
          Set<Integer> lines = new HashSet<>();
          for (int j = 0; j < plan.lines().size(); j++) {
            PlanLine l = plan.lines().get(j);
            String line = at + "/lines/" + j;
            if (!lines.add(l.line())) {
              add(line + "/line", Code.DUPLICATE_ID, "line " + l.line() + " is listed twice");
            }
            if (words.isPresent() && !fits(words.get(), l.capability(), l.quantity())) {
              add(
                  line + "/quantity/unit",
                  Code.WRONG_UNIT,
                  unitMessage(words.get(), l.capability(), l.quantity()));
            }
            positive(line + "/deadline", l.deadline());
          }
        });
    activation(parties);
    positive("/acknowledgementDeadline", duration("/acknowledgementDeadline"));
    positive("/decisionLimit", duration("/decisionLimit"));
    positive("/backfillWindow", duration("/backfillWindow"));
    Optional<TerritoryDefinition> territory = territory();
    Optional<java.time.Instant> from =
        sound("/effectiveFrom") && doc.has("effectiveFrom")
            ? Optional.of(java.time.Instant.parse(doc.get("effectiveFrom").asText()))
            : Optional.empty();
    out.addAll(
        new PlanCoverage(atlas, territory, byHub, from)
            .check(
                plans,
                pledges,
                pledges.whole() && hubs.whole(),
                words.map(Vocabulary::threatTypeCodes).orElse(List.of())));
  }

  private void activation(Parsed<Party> parties) {
    if (!doc.has("activation") || !sound("/activation")) {
      return;
    }
    ActivationRule rule = read("/activation", ActivationRule.class).orElse(null);
    if (rule == null || rule.kind() != ActivationRule.Kind.CORROBORATION) {
      return;
    }
    positive("/activation/within", rule.within());
    if (!parties.whole()) {
      return;
    }
    long guarantors = parties.items().stream().filter(p -> p.role() == Role.GUARANTOR).count();
    // More corroborations than guarantors, or none, and the rule never (or always) activates.
    if (rule.corroborations() < 1 || rule.corroborations() > guarantors) {
      add(
          "/activation/corroborations",
          Code.OUT_OF_RANGE,
          "must be between 1 and the number of guarantors ("
              + guarantors
              + "), was "
              + rule.corroborations());
    }
  }

  private Optional<TerritoryDefinition> territory() {
    if (!sound("/territory")) {
      return Optional.empty();
    }
    JsonNode t = doc.get("territory");
    boolean customInclude = false;
    Set<String> customCodes = new HashSet<>();
    JsonNode custom = t.get("custom");
    for (int i = 0; i < custom.size(); i++) {
      String code = custom.get(i).get("code").asText();
      String at = "/territory/custom/" + i + "/code";
      customInclude |= custom.get(i).get("mode").asText().equals("INCLUDE");
      if (!customCodes.add(code)) {
        add(at, Code.DUPLICATE_ID, "custom area " + quote(code) + " is listed twice");
      } else if (isArea(code)) {
        // Answers name the deciding area by code; an area with a region's code would be ambiguous.
        add(at, Code.DUPLICATE_ID, quote(code) + " is already a region or country code");
      }
    }
    if (t.get("include").isEmpty() && !customInclude) {
      add(
          "/territory/include",
          Code.EMPTY,
          "include at least one region or country, or a custom area of mode INCLUDE");
    }
    for (String list : List.of("include", "exclude")) {
      for (int i = 0; i < t.get(list).size(); i++) {
        String code = t.get(list).get(i).asText();
        if (!isArea(code)) {
          add(
              "/territory/" + list + "/" + i,
              Code.UNKNOWN_CODE,
              "unknown region or country code " + quote(code) + ": not in the atlas");
        }
      }
    }
    TerritoryDefinition def;
    try {
      def = Json.mapper().treeToValue(t, TerritoryDefinition.class);
    } catch (JsonProcessingException e) {
      String at = "/territory" + pointer(e);
      add(at, at.contains("/geometry") ? Code.BAD_GEOMETRY : Code.INVALID, TreatyFile.cause(e));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      add("/territory", Code.INVALID, TreatyFile.cause(e));
      return Optional.empty();
    }
    // Codes are checked above, with codes of their own; the polygons are the territory code's.
    for (GeometryProblem p : TerritoryCheck.validate(atlas, def, "/territory")) {
      if (p.path().contains("/geometry")) {
        add(p.path(), Code.BAD_GEOMETRY, p.message());
      }
    }
    return Optional.of(def);
  }

  private static String pointer(JsonProcessingException e) {
    return e instanceof JsonMappingException m ? TreatyFile.pointer(m).replaceFirst("^/$", "") : "";
  }

  private boolean isArea(String code) {
    return atlas.find(code).isPresent() || !atlas.regionsOf(code).isEmpty();
  }

  private boolean isCountry(String code) {
    for (Region c : atlas.countries()) {
      if (c.code().equals(code)) {
        return true;
      }
    }
    return false;
  }

  private <T> void unique(Map<String, T> seen, String id, T value, String at, String what) {
    if (seen.putIfAbsent(id, value) != null) {
      add(at, Code.DUPLICATE_ID, what + " " + quote(id) + " is listed twice");
    }
  }

  private void role(Map<String, Party> parties, String code, Role role, String at, String what) {
    Party p = parties.get(code);
    if (p == null) {
      add(at, Code.UNKNOWN_CODE, "unknown party " + code + ": not among the parties");
    } else if (p.role() != role) {
      add(
          at,
          Code.WRONG_ROLE,
          code + " is " + p.role() + ", but " + what + " party must be " + role);
    }
  }

  private void positive(String at, Duration d) {
    if (d != null && (d.isZero() || d.isNegative())) {
      add(at, Code.OUT_OF_RANGE, "must be longer than zero, was " + d);
    }
  }

  private Duration duration(String at) {
    return doc.at(at).isTextual() && sound(at) ? Duration.parse(doc.at(at).asText()) : null;
  }

  /**
   * The file's vocabulary, once its codes are each declared once: the bundled one when it declares
   * none; empty when it is broken, so that no rule judges by words the file did not mean.
   */
  private Optional<Vocabulary> vocabulary() {
    if (!doc.has("vocabulary")) {
      return Optional.of(Vocabulary.DEFAULT);
    }
    if (!sound("/vocabulary")) {
      return Optional.empty();
    }
    Optional<Vocabulary> v = read("/vocabulary", Vocabulary.class);
    if (v.isEmpty()) {
      return v;
    }
    int before = out.size();
    once(v.get().threatTypeCodes(), "/vocabulary/threatTypes/", "threat type");
    once(v.get().unitCodes(), "/vocabulary/units/", "unit");
    once(v.get().capabilityCodes(), "/vocabulary/capabilities/", "capability");
    for (int i = 0; i < v.get().capabilities().size(); i++) {
      List<org.guarantor.domain.pledge.Unit> units = v.get().capabilities().get(i).units();
      once(units, "/vocabulary/capabilities/" + i + "/units/", null);
    }
    return out.size() == before ? v : Optional.empty();
  }

  /** A problem for each code after its first use in the list. */
  private void once(List<?> codes, String at, String what) {
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      if (!seen.add(codes.get(i))) {
        add(
            what == null ? at + i : at + i + "/code",
            Code.DUPLICATE_ID,
            (what == null ? "unit " : what + " ")
                + quote(codes.get(i).toString())
                + " is listed twice");
      }
    }
  }

  private static boolean fits(
      Vocabulary v,
      org.guarantor.domain.pledge.Capability c,
      org.guarantor.domain.pledge.Quantity q) {
    // An undeclared capability or unit is reported as an unknown code, not as a wrong unit.
    return !v.knows(c) || !v.knows(q.unit()) || v.countsIn(c, q.unit());
  }

  private static String unitMessage(
      Vocabulary v,
      org.guarantor.domain.pledge.Capability c,
      org.guarantor.domain.pledge.Quantity q) {
    return c
        + " is not counted in "
        + q.unit()
        + "; it is counted in "
        + v.unitsOf(c).stream()
            .map(org.guarantor.domain.pledge.Unit::code)
            .collect(java.util.stream.Collectors.joining(" or "));
  }

  /** Whether no problem of shape lies at or below the pointer. */
  private boolean sound(String at) {
    for (String b : broken) {
      if (b.equals(at) || b.startsWith(at + "/")) {
        return false;
      }
    }
    return true;
  }

  private <T> Optional<T> read(String at, Class<T> type) {
    try {
      return Optional.of(Json.mapper().treeToValue(doc.at(at), type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String where = e instanceof JsonProcessingException j ? at + pointer(j) : at;
      add(where, Code.INVALID, TreatyFile.cause(e));
      return Optional.empty();
    }
  }

  /** The sound items of a list, each with its pointer; whole when every item was sound. */
  private <T> Parsed<T> list(String at, Class<T> type) {
    List<String> where = new ArrayList<>();
    List<T> items = new ArrayList<>();
    JsonNode list = doc.at(at);
    boolean whole = list.isArray();
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      String item = at + "/" + i;
      Optional<T> v = sound(item) ? read(item, type) : Optional.empty();
      if (v.isPresent()) {
        where.add(item);
        items.add(v.get());
      } else {
        whole = false;
      }
    }
    return new Parsed<>(where, items, whole);
  }

  private void add(String at, Code code, String message) {
    out.add(new TreatyProblem(at, code, message));
  }

  private static String quote(String s) {
    return SchemaWalk.quote(s);
  }

  /** Items read from a list, with their pointers; {@code whole} when none was left out. */
  record Parsed<T>(List<String> pointers, List<T> items, boolean whole) {
    void each(java.util.function.BiConsumer<String, T> f) {
      for (int i = 0; i < items.size(); i++) {
        f.accept(pointers.get(i), items.get(i));
      }
    }
  }
}
