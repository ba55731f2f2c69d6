package org.guarantor.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.Vocabulary;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyProblem.Code;

/**
 * Checks a treaty file's shape by interpreting the treaty file's JSON Schema ({@value #RESOURCE}),
 * so that the schema served to others and the check made here cannot drift apart. Only the keywords
 * that schema uses are understood: {@code $ref} to its own {@code $defs}, {@code type}, {@code
 * enum}, {@code pattern}, {@code minLength}, {@code minimum}, {@code maximum}, {@code
 * exclusiveMinimum}, {@code required}, {@code properties}, {@code additionalProperties: false},
 * {@code items}, {@code minItems}, {@code if}/{@code then}; the rest are annotations. On top of the
 * schema, a time or duration that matches its pattern must also be one Java can read (no 30
 * February). Stateless and thread-safe.
 */
final class SchemaWalk {
  /** The schema's classpath resource. */
  static final String RESOURCE = "/schemas/treaty.schema.json";

  private static final String DEFS = "#/$defs/";

  /** The definitions whose values are vocabulary codes. */
  private static final java.util.Set<String> CODES =
      java.util.Set.of("code", "threatType", "unit", "capability");

  private static final JsonNode SCHEMA = load();

  /** The words for what a definition describes, in "a pledge needs ..." and "unknown unit ...". */
  private static final Map<String, String> NOUNS =
      Map.ofEntries(
          Map.entry("party", "party"),
          Map.entry("activation", "activation rule"),
          Map.entry("consequences", "consequences block"),
          Map.entry("territory", "territory"),
          Map.entry("customArea", "custom area"),
          Map.entry("geometry", "geometry"),
          Map.entry("hub", "hub"),
          Map.entry("quantity", "quantity"),
          Map.entry("transport", "transport"),
          Map.entry("caveats", "caveats block"),
          Map.entry("pledge", "pledge"),
          Map.entry("plan", "plan"),
          Map.entry("planLine", "plan line"),
          Map.entry("role", "role"),
          Map.entry("capability", "capability"),
          Map.entry("unit", "unit"),
          Map.entry("threatType", "threat type"),
          Map.entry("transportMode", "transport mode"),
          Map.entry("vocabulary", "vocabulary"),
          Map.entry("threatTypeTerm", "threat type"),
          Map.entry("unitTerm", "unit"),
          Map.entry("capabilityTerm", "capability"),
          Map.entry("code", "code"));

  private final List<TreatyProblem> out = new ArrayList<>();

  /**
   * For the definitions {@code threatType}, {@code unit} and {@code capability}, the codes the
   * file's vocabulary declares (the bundled ones when it declares none); a definition missing here
   * is checked for its shape only (the file's list of it is broken, which is reported already).
   */
  private final Map<String, List<String>> known;

  private SchemaWalk(Map<String, List<String>> known) {
    this.known = known;
  }

  /** The schema as JSON text, as served. */
  static JsonNode schema() {
    return SCHEMA.deepCopy();
  }

  /** Every problem of shape in the document, in document order. */
  static List<TreatyProblem> check(JsonNode document) {
    SchemaWalk w = new SchemaWalk(declared(document));
    w.walk(document, SCHEMA, "", null);
    return w.out;
  }

  /**
   * The problems of the schema alone, without asking whether a threat type, unit or capability is
   * one the file declares (which no schema can know): what any JSON Schema validator finds.
   */
  static List<TreatyProblem> schemaOnly(JsonNode document) {
    SchemaWalk w = new SchemaWalk(Map.of());
    w.walk(document, SCHEMA, "", null);
    return w.out;
  }

  /**
   * Whether the value passes the subschema, without reporting anything (for {@code if}).
   *
   * @param def the {@code $defs} entry the subschema belongs to, or null
   */
  private static boolean passes(JsonNode value, JsonNode schema, String at, String def) {
    SchemaWalk w = new SchemaWalk(Map.of());
    w.walk(value, schema, at, def);
    return w.out.isEmpty();
  }

  /**
   * The codes a treaty file may use, by definition: those its {@code vocabulary} declares, which
   * replace the bundled ones, or the bundled ones when it has none.
   */
  static Map<String, List<String>> declared(JsonNode document) {
    JsonNode words = document.get("vocabulary");
    if (words == null) {
      Vocabulary v = Vocabulary.DEFAULT;
      return Map.of(
          "threatType", v.threatTypeCodes().stream().map(ThreatType::code).toList(),
          "unit", v.unitCodes().stream().map(Unit::code).toList(),
          "capability", v.capabilityCodes().stream().map(Capability::code).toList());
    }
    Map<String, List<String>> out = new HashMap<>();
    codes(words, "threatTypes").ifPresent(c -> out.put("threatType", c));
    codes(words, "units").ifPresent(c -> out.put("unit", c));
    codes(words, "capabilities").ifPresent(c -> out.put("capability", c));
    return out;
  }

  private static java.util.Optional<List<String>> codes(JsonNode words, String list) {
    JsonNode terms = words.get(list);
    if (terms == null || !terms.isArray()) {
      return java.util.Optional.empty();
    }
    List<String> codes = new ArrayList<>();
    for (JsonNode t : terms) {
      if (t.path("code").isTextual()) {
        codes.add(t.get("code").asText());
      }
    }
    return java.util.Optional.of(codes);
  }

  private void walk(JsonNode value, JsonNode schema, String at, String def) {
    JsonNode ref = schema.get("$ref");
    if (ref != null) {
      String name = ref.asText().substring(DEFS.length());
      walk(value, SCHEMA.get("$defs").get(name), at, name);
    }
    JsonNode type = schema.get("type");
    if (type != null && !hasType(value, type.asText())) {
      add(
          at,
          def,
          Code.WRONG_TYPE,
          "expected " + article(type.asText()) + ", found " + found(value));
      return;
    }
    JsonNode options = schema.get("enum");
    if (options != null && !contains(options, value)) {
      add(
          at,
          def,
          Code.UNKNOWN_CODE,
          "unknown " + label(at, def) + " " + value + "; known: " + list(options));
      return;
    }
    if (value.isTextual()) {
      text(value.asText(), schema, at, def);
    }
    if (value.isNumber()) {
      number(value.decimalValue(), schema, at, def);
    }
    if (value.isObject()) {
      object(value, schema, at, def);
    }
    if (value.isArray()) {
      array(value, schema, at, def);
    }
    JsonNode condition = schema.get("if");
    if (condition != null && passes(value, condition, at, def)) {
      walk(value, schema.get("then"), at, def);
    }
  }

  private void text(String s, JsonNode schema, String at, String def) {
    JsonNode min = schema.get("minLength");
    if (min != null && s.codePointCount(0, s.length()) < min.asInt()) {
      add(at, def, Code.EMPTY, "must not be empty");
      return;
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && !Pattern.compile(pattern.asText()).matcher(s).find()) {
      if ("instant".equals(def)) {
        add(at, def, Code.BAD_DATE, quote(s) + " is not a UTC time such as 2022-03-29T00:00:00Z");
      } else if ("duration".equals(def)) {
        add(
            at,
            def,
            Code.BAD_DURATION,
            quote(s) + " is not an ISO 8601 duration such as PT12H, P2D or PT30M");
      } else if (CODES.contains(def)) {
        add(
            at,
            def,
            Code.BAD_FORMAT,
            quote(s)
                + " is not a "
                + (def.equals("code") ? "vocabulary" : label(at, def))
                + " code (a capital letter, then at most 39 capitals, digits or _, e.g."
                + " AIR_DEFENCE)");
      } else {
        add(
            at,
            def,
            Code.BAD_FORMAT,
            quote(s) + " is not a " + label(at, def) + " (three capital letters, e.g. POL)");
      }
      return;
    }
    List<String> codes = def == null ? null : known.get(def);
    if (codes != null && !codes.contains(s)) {
      add(
          at,
          def,
          Code.UNKNOWN_CODE,
          "unknown " + label(at, def) + " " + quote(s) + "; known: " + String.join(", ", codes));
      return;
    }
    // What the pattern lets through but Java cannot read: a day that is not in its month, an
    // hour 24, a duration beyond what a duration holds.
    if ("instant".equals(def) && pattern != null) {
      try {
        Instant.parse(s);
      } catch (DateTimeParseException e) {
        add(at, def, Code.BAD_DATE, quote(s) + " is not a time that exists" + why(s));
      }
    }
    if ("duration".equals(def) && pattern != null) {
      try {
        Duration.parse(s);
      } catch (DateTimeParseException | ArithmeticException e) {
        add(at, def, Code.BAD_DURATION, quote(s) + " is too long for a duration");
      }
    }
  }

  /** Why a time of the right form does not exist, e.g. ": Invalid date 'FEBRUARY 30'". */
  private static String why(String instant) {
    try {
      java.time.LocalDateTime.parse(instant.substring(0, instant.length() - 1));
      return "";
    } catch (DateTimeParseException e) {
      int colon = e.getMessage().lastIndexOf(": ");
      return colon < 0 ? "" : e.getMessage().substring(colon);
    }
  }

  private void number(BigDecimal n, JsonNode schema, String at, String def) {
    JsonNode min = schema.get("minimum");
    JsonNode max = schema.get("maximum");
    JsonNode above = schema.get("exclusiveMinimum");
    boolean low = min != null && n.compareTo(min.decimalValue()) < 0;
    boolean high = max != null && n.compareTo(max.decimalValue()) > 0;
    if (low || high) {
      String range =
          min != null && max != null
              ? "between " + plain(min) + " and " + plain(max)
              : min != null ? plain(min) + " or more" : plain(max) + " or less";
      add(at, def, Code.OUT_OF_RANGE, "must be " + range + ", was " + n.toPlainString());
    } else if (above != null && n.compareTo(above.decimalValue()) <= 0) {
      add(
          at,
          def,
          Code.OUT_OF_RANGE,
          "must be more than " + plain(above) + ", was " + n.toPlainString());
    }
  }

  private void object(JsonNode value, JsonNode schema, String at, String def) {
    JsonNode properties = schema.path("properties");
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) {
        add(
            at + "/" + escape(name.asText()),
            def,
            Code.REQUIRED,
            article(noun(def)) + " needs " + name.asText());
      }
    }
    boolean closed =
        schema.path("additionalProperties").isBoolean()
            && !schema.get("additionalProperties").asBoolean();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String where = at + "/" + escape(field.getKey());
      JsonNode sub = properties.get(field.getKey());
      if (sub != null) {
        walk(field.getValue(), sub, where, def);
      } else if (closed) {
        add(
            where,
            def,
            Code.UNKNOWN_FIELD,
            "unknown field "
                + quote(field.getKey())
                + " in "
                + article(noun(def))
                + "; its fields are "
                + names(properties));
      }
    }
  }

  private void array(JsonNode value, JsonNode schema, String at, String def) {
    JsonNode min = schema.get("minItems");
    if (min != null && value.size() < min.asInt()) {
      add(at, def, Code.EMPTY, "must hold at least " + min.asInt());
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), items, at + "/" + i, def);
      }
    }
  }

  private void add(String at, String def, Code code, String message) {
    // A custom area's geometry is GeoJSON: whatever is wrong with it, it is a bad geometry.
    out.add(new TreatyProblem(at, "geometry".equals(def) ? Code.BAD_GEOMETRY : code, message));
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "number" -> v.isNumber();
      // As JSON Schema counts: 2.0 is an integer, 2.5 is not.
      case "integer" ->
          v.isIntegralNumber()
              || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
      default -> throw new IllegalStateException("schema type " + type + " is not understood");
    };
  }

  private static boolean contains(JsonNode options, JsonNode value) {
    for (JsonNode o : options) {
      if (o.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** What the value is, in words, for "expected a number, found ...". */
  static String found(JsonNode v) {
    if (v.isTextual()) {
      return "text " + v;
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isBoolean()) {
      return v.asText();
    }
    return "the number " + v.asText();
  }

  private static String article(String typeOrNoun) {
    String word =
        switch (typeOrNoun) {
          case "string" -> "text";
          case "array" -> "list";
          default -> typeOrNoun;
        };
    if (word.equals("text")) {
      return word;
    }
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private static String noun(String def) {
    return def == null ? "treaty" : NOUNS.getOrDefault(def, def);
  }

  /** The name of what a value is: its definition's noun, else its field's name. */
  private static String label(String at, String def) {
    if (def != null && NOUNS.containsKey(def) && !isObjectDef(def)) {
      return NOUNS.get(def);
    }
    String last = at.substring(at.lastIndexOf('/') + 1);
    if (last.chars().allMatch(Character::isDigit)) {
      String parent = at.substring(0, at.lastIndexOf('/'));
      last = parent.substring(parent.lastIndexOf('/') + 1);
    }
    return last.equals("guarantor")
            || last.equals("country")
            || last.equals("protectedState")
            || last.equals("code")
        ? "party code"
        : last.equals("currency") ? "currency code" : last;
  }

  private static boolean isObjectDef(String def) {
    return "object".equals(SCHEMA.get("$defs").get(def).path("type").asText());
  }

  private static String list(JsonNode options) {
    List<String> out = new ArrayList<>();
    options.forEach(o -> out.add(o.asText()));
    return String.join(", ", out);
  }

  private static String names(JsonNode properties) {
    List<String> out = new ArrayList<>();
    properties.fieldNames().forEachRemaining(out::add);
    return String.join(", ", out);
  }

  private static String plain(JsonNode n) {
    return n.decimalValue().toPlainString();
  }

  /** The text as a JSON string literal, quotes and escapes included. */
  static String quote(String s) {
    return TextNode.valueOf(s).toString();
  }

  /** A field name as a JSON Pointer token (RFC 6901). */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static JsonNode load() {
    try (InputStream in = SchemaWalk.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the treaty file schema " + RESOURCE + " is missing");
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
