package org.guarantor.engine.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;

/**
 * Reads a treaty file (JSON in the shape of {@link Treaty}; see {@code scenarios/ukraine.json} and
 * {@code docs/treaty-file.md}), and checks one for every problem at once ({@link #check}). Errors
 * name the field, e.g. {@code /pledges/3/quantity/unit}.
 */
public final class TreatyFile {
  /** The scenario shipped with Guarantor. */
  public static final String BUNDLED = "/scenarios/ukraine.json";

  /** The JSON Schema (draft 2020-12) of a treaty file, a classpath resource. */
  public static final String SCHEMA = SchemaWalk.RESOURCE;

  private static final ObjectReader STRICT =
      Json.mapper()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private TreatyFile() {}

  public static Treaty bundled() {
    try (InputStream in = TreatyFile.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("bundled scenario " + BUNDLED + " is missing from the jar");
      }
      return read(in, BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every problem of a treaty file at once, each with its JSON Pointer and code; empty when the
   * file is a treaty {@link #read} reads and the engine adopts (its region codes resolved against
   * {@code atlas}). Never throws for what the file holds.
   *
   * @throws IOException when the file cannot be read at all
   */
  public static List<TreatyProblem> check(Path file, Atlas atlas) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return check(in, atlas);
    }
  }

  /** {@link #check(Path, Atlas)} of a stream, which is read to its end but not closed. */
  public static List<TreatyProblem> check(InputStream in, Atlas atlas) throws IOException {
    JsonNode tree;
    try {
      tree = STRICT.readTree(in);
    } catch (StreamReadException e) {
      JsonLocation l = e.getLocation();
      String where = l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
      return List.of(
          new TreatyProblem(
              "",
              TreatyProblem.Code.MALFORMED_JSON,
              "not JSON" + where + ": " + e.getOriginalMessage()));
    }
    return check(tree, atlas);
  }

  /** {@link #check(Path, Atlas)} of a document already parsed. */
  public static List<TreatyProblem> check(JsonNode tree, Atlas atlas) {
    if (tree == null || tree.isMissingNode()) {
      return List.of(
          new TreatyProblem(
              "", TreatyProblem.Code.MALFORMED_JSON, "the file is empty: expected a treaty"));
    }
    if (!tree.isObject()) {
      return List.of(
          new TreatyProblem(
              "",
              TreatyProblem.Code.WRONG_TYPE,
              "expected a treaty as a JSON object, found " + SchemaWalk.found(tree)));
    }
    // What a file may leave out is filled in before any rule reads it (on a copy: the caller's
    // tree is theirs).
    tree = withDefaults(tree.deepCopy());
    List<TreatyProblem> problems = new ArrayList<>();
    Json.unstorableText(tree)
        .ifPresent(
            u ->
                problems.add(
                    new TreatyProblem(
                        u.pointer(), TreatyProblem.Code.UNSTORABLE_TEXT, u.problem())));
    List<TreatyProblem> shape = SchemaWalk.check(tree);
    problems.addAll(shape);
    problems.addAll(TreatyRules.check(tree, atlas, shape));
    if (problems.isEmpty()) {
      // Whatever the rules above missed, reading it must not fail.
      try {
        Json.mapper().treeToValue(tree, Treaty.class);
      } catch (JsonMappingException e) {
        problems.add(new TreatyProblem(pointer(e), TreatyProblem.Code.INVALID, cause(e)));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        problems.add(new TreatyProblem("", TreatyProblem.Code.INVALID, cause(e)));
      }
    }
    return List.copyOf(problems);
  }

  /** The treaty file's JSON Schema, as text. */
  public static String schema() {
    try (InputStream in = TreatyFile.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(
            "the treaty file schema " + SCHEMA + " is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Treaty read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new InvalidTreatyFile(file + ": cannot read: " + e.getMessage());
    }
  }

  public static Treaty read(InputStream in, String name) {
    try {
      JsonNode tree = Json.mapper().readTree(in);
      if (tree == null || !tree.isObject()) {
        throw new InvalidTreatyFile(
            name
                + ": expected a treaty as a JSON object, found "
                + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType()));
      }
      Optional<Json.UnstorableText> bad = Json.unstorableText(tree);
      if (bad.isPresent()) {
        throw new InvalidTreatyFile(
            name + ": at " + bad.get().pointer() + ": " + bad.get().problem());
      }
      withDefaults(tree);
      return Json.mapper().treeToValue(tree, Treaty.class);
    } catch (JsonMappingException e) {
      throw new InvalidTreatyFile(name + ": at " + pointer(e) + ": " + cause(e));
    } catch (JsonProcessingException e) {
      throw new InvalidTreatyFile(name + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidTreatyFile(name + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Fills in what a file may leave out, as docs/territory.md documents it: the territory's {@code
   * watersNm} is the 12 nm territorial sea. (The domain record has no default of its own: a treaty
   * adopted through the API states every field.)
   */
  private static JsonNode withDefaults(JsonNode tree) {
    if (tree.get("territory") instanceof ObjectNode territory && !territory.has("watersNm")) {
      territory.put("watersNm", TerritoryDefinition.DEFAULT_WATERS_NM);
    }
    return tree;
  }

  /** The JSON pointer of the failing field, e.g. {@code /pledges/3/quantity/unit}. */
  public static String pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      sb.append('/').append(r.getFieldName() != null ? r.getFieldName() : r.getIndex());
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  /** The deepest cause's message, first line, with no Java class name in it. */
  static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m =
        root instanceof JsonProcessingException j ? j.getOriginalMessage() : root.getMessage();
    String line = m == null ? "not a value the treaty can take" : m.lines().findFirst().orElse(m);
    return line.replaceAll("`?\\b(?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*`?", "value");
  }

  /** A treaty file that cannot be read; the message names the file, the field and the problem. */
  public static final class InvalidTreatyFile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTreatyFile(String message) {
      super(message);
    }
  }
}
