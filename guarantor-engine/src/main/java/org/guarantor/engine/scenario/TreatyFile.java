package org.guarantor.engine.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.codec.Json;

/**
 * Reads a treaty file (JSON in the shape of {@link Treaty}; see {@code scenarios/ukraine.json}).
 * Errors name the field, e.g. {@code /pledges/3/quantity/unit}.
 */
public final class TreatyFile {
  /** The scenario shipped with Guarantor. */
  public static final String BUNDLED = "/scenarios/ukraine.json";

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
  private static void withDefaults(JsonNode tree) {
    if (tree.get("territory") instanceof ObjectNode territory && !territory.has("watersNm")) {
      territory.put("watersNm", TerritoryDefinition.DEFAULT_WATERS_NM);
    }
  }

  /** The JSON pointer of the failing field, e.g. {@code /pledges/3/quantity/unit}. */
  public static String pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      sb.append('/').append(r.getFieldName() != null ? r.getFieldName() : r.getIndex());
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  private static String cause(JsonMappingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m =
        root instanceof JsonProcessingException j ? j.getOriginalMessage() : root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /** A treaty file that cannot be read; the message names the file, the field and the problem. */
  public static final class InvalidTreatyFile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTreatyFile(String message) {
      super(message);
    }
  }
}
