package org.guarantor.engine.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.guarantor.atlas.GeoJson;
import org.guarantor.atlas.GeoJsonResult;
import org.guarantor.domain.dispatch.FreeText;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.territory.GeometryProblem;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;

/**
 * The one JSON configuration for domain values: typed ids as plain strings, times and durations in
 * ISO 8601, geometries as GeoJSON, properties sorted so that output is canonical (the same value
 * always gives the same bytes, which the hash chain relies on). Thread-safe.
 */
public final class Json {
  /**
   * How many distinct party codes, pledges and hubs each are decoded to one shared instance. A
   * treaty has a few dozen of each; the rest of the range is room for new versions of a treaty.
   */
  static final int INTERNED = 4_096;

  private static final Interner<PartyCode> PARTIES = new Interner<>(PartyCode::new, INTERNED);
  private static final Interner<PledgeId> PLEDGES = new Interner<>(PledgeId::new, INTERNED);
  private static final Interner<HubId> HUBS = new Interner<>(HubId::new, INTERNED);
  private static final Interner<ThreatType> THREATS = new Interner<>(ThreatType::new, INTERNED);
  private static final Interner<Capability> CAPABILITIES =
      new Interner<>(Capability::new, INTERNED);
  private static final Interner<Unit> UNITS = new Interner<>(Unit::new, INTERNED);

  // After the interners, which it uses.
  private static final ObjectMapper MAPPER = build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper build() {
    SimpleModule domain = typedIds();
    domain.addSerializer(Instant.class, new InstantText.Writer());
    domain.addDeserializer(Instant.class, new InstantText.Reader());
    domain.addSerializer(Geometry.class, new GeometrySerializer());
    domain.addDeserializer(Geometry.class, new GeometryDeserializer());
    return configure(JsonMapper.builder()).addModule(domain).build();
  }

  /**
   * The settings every mapper of domain values shares, whatever its format: sorted properties,
   * strict reading, java.time support. The caller adds the codecs of ids, times and geometries.
   */
  static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        // Record accessors through generated lambdas instead of reflection: the same output, and
        // the writer's encoding of tasking events about a quarter faster.
        .addModule(new BlackbirdModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  /**
   * Typed ids as plain strings. Party codes, pledges and hubs come from the treaty's small sets and
   * are decoded to shared instances (see {@link Interner}); incident and tasking ids are each new.
   */
  static SimpleModule typedIds() {
    SimpleModule domain = new SimpleModule("guarantor-domain");
    stringValue(domain, PartyCode.class, PartyCode::value, PARTIES);
    stringValue(domain, PledgeId.class, PledgeId::value, PLEDGES);
    stringValue(domain, HubId.class, HubId::value, HUBS);
    // A treaty's words, as their codes: the same JSON the enums they replace gave.
    stringValue(domain, ThreatType.class, ThreatType::code, THREATS);
    stringValue(domain, Capability.class, Capability::code, CAPABILITIES);
    stringValue(domain, Unit.class, Unit::code, UNITS);
    codeKey(domain, ThreatType.class, ThreatType::code, THREATS);
    codeKey(domain, Capability.class, Capability::code, CAPABILITIES);
    codeKey(domain, Unit.class, Unit::code, UNITS);
    // Stored events and snapshots of a treaty in the bundled words, or of an amendment that adds
    // none, stay byte for byte what they were before treaties declared their own words.
    domain.setMixInAnnotation(Treaty.class, TreatyWords.class);
    domain.setMixInAnnotation(Amendment.class, AmendmentWords.class);
    stringValue(domain, IncidentId.class, IncidentId::value, IncidentId::new);
    stringValue(domain, TaskingId.class, TaskingId::value, TaskingId::new);
    stringValue(
        domain,
        org.guarantor.domain.treaty.ProposalId.class,
        org.guarantor.domain.treaty.ProposalId::value,
        org.guarantor.domain.treaty.ProposalId::new);
    stringValue(
        domain,
        org.guarantor.domain.keys.KeyId.class,
        org.guarantor.domain.keys.KeyId::value,
        org.guarantor.domain.keys.KeyId::new);
    stringValue(
        domain,
        org.guarantor.domain.keys.PublicKey.class,
        org.guarantor.domain.keys.PublicKey::x,
        org.guarantor.domain.keys.PublicKey::new);
    return domain;
  }

  /** Leaves a treaty's vocabulary out of its JSON when it is the bundled one. */
  abstract static class TreatyWords {
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = BundledWords.class)
    abstract Vocabulary vocabulary();
  }

  /** Leaves an amendment's vocabulary out of its JSON when it adds none. */
  abstract static class AmendmentWords {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract Vocabulary vocabulary();
  }

  /** A value filter: true (leave out) for no vocabulary or the bundled one. */
  public static final class BundledWords {
    @Override
    public boolean equals(Object value) {
      return value == null || Vocabulary.DEFAULT.equals(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  private static <T> void codeKey(
      SimpleModule m, Class<T> type, Function<T, String> out, Function<String, T> in) {
    m.addKeySerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeFieldName(out.apply(value));
          }
        });
    m.addKeyDeserializer(
        type,
        new KeyDeserializer() {
          @Override
          public Object deserializeKey(String key, DeserializationContext ctx) throws IOException {
            try {
              return in.apply(key);
            } catch (IllegalArgumentException e) {
              return ctx.handleWeirdKey(type, key, e.getMessage());
            }
          }
        });
  }

  private static <T> void stringValue(
      SimpleModule m, Class<T> type, Function<T, String> out, Function<String, T> in) {
    m.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(out.apply(value));
          }
        });
    m.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String s = p.getValueAsString();
            if (s == null) {
              return ctx.reportInputMismatch(type, "expected a string");
            }
            try {
              return in.apply(s);
            } catch (IllegalArgumentException e) {
              return ctx.reportInputMismatch(type, e.getMessage());
            }
          }
        });
  }

  /**
   * Text in a JSON document that cannot be stored: at {@code pointer} (a JSON Pointer), character
   * {@code index} is the unpaired UTF-16 surrogate {@code character} (U+D800 to U+DFFF), as JSON's
   * escape of a lone surrogate can make in a string value (Jackson's parser itself refuses one in a
   * field name).
   */
  public record UnstorableText(String pointer, int index, char character) {
    /** The reason to give, in words. */
    public String problem() {
      return FreeText.unstorable(index, character);
    }
  }

  /**
   * The first string value in {@code node} that no encoding can store, so that input can be refused
   * whole before any of it becomes a command. Empty when there is none.
   */
  public static Optional<UnstorableText> unstorableText(JsonNode node) {
    return unstorable(node, "");
  }

  private static Optional<UnstorableText> unstorable(JsonNode node, String pointer) {
    if (node.isTextual()) {
      return at(pointer, node.textValue());
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<UnstorableText> bad = unstorable(node.get(i), pointer + "/" + i);
        if (bad.isPresent()) {
          return bad;
        }
      }
    } else if (node.isObject()) {
      for (var fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> f = fields.next();
        Optional<UnstorableText> bad =
            unstorable(
                f.getValue(), pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"));
        if (bad.isPresent()) {
          return bad;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<UnstorableText> at(String pointer, String text) {
    int i = FreeText.unpairedSurrogate(text);
    return i < 0 ? Optional.empty() : Optional.of(new UnstorableText(pointer, i, text.charAt(i)));
  }

  /** Parses GeoJSON geometry text; the message of the exception names what is wrong. */
  public static Geometry geometry(String geoJson) throws ParseException {
    GeoJsonResult r = GeoJson.read(geoJson);
    if (!r.valid()) {
      GeometryProblem first = r.problems().get(0);
      throw new ParseException(
          (first.path().isEmpty() ? "" : first.path() + ": ") + first.message());
    }
    return r.geometry();
  }

  /** GeoJSON text of a geometry, at full precision. */
  public static String geoJson(Geometry g) {
    try {
      return MAPPER.writeValueAsString(g);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class GeometrySerializer extends JsonSerializer<Geometry> {
    @Override
    public void serialize(Geometry value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      gen.writeTree(GeoJson.toNode(value));
    }
  }

  private static final class GeometryDeserializer extends JsonDeserializer<Geometry> {
    @Override
    public Geometry deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = p.readValueAsTree();
      GeoJsonResult r = GeoJson.read(node, "");
      if (!r.valid()) {
        return ctx.reportInputMismatch(
            Geometry.class, "invalid GeoJSON geometry: " + r.problems().get(0).message());
      }
      return r.geometry();
    }
  }
}
