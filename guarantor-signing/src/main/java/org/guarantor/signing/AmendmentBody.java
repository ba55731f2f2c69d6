package org.guarantor.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.engine.codec.Json;
import org.guarantor.engine.scenario.TreatyFile;

/**
 * Reads a domain value (an amendment, a certification) from part of a request body in the treaty
 * file's shape, and turns what cannot be read into a 422 at the field's JSON pointer, in words and
 * without the names of Java types.
 */
final class AmendmentBody {
  private AmendmentBody() {}

  static <T> T read(JsonNode node, String at, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw new RequestRefused(
          422,
          List.of(
              Reason.of(
                  at + pointer(e), ReasonType.INVALID_VALUE, lastField(e), "value", problem(e))));
    } catch (JsonProcessingException e) {
      throw CommandReader.notAnObject();
    }
  }

  private static String pointer(JsonMappingException e) {
    String p = TreatyFile.pointer(e);
    return p.equals("/") ? "" : p;
  }

  private static String lastField(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    if (path.isEmpty()) {
      return "value";
    }
    JsonMappingException.Reference r = path.get(path.size() - 1);
    return r.getFieldName() != null ? r.getFieldName() : "item " + r.getIndex();
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field " + u.getPropertyName();
    }
    if (e instanceof InvalidFormatException f) {
      return "cannot read " + f.getValue() + " here" + expected(f.getTargetType());
    }
    if (e instanceof ValueInstantiationException v) {
      Throwable root = v;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String m = root.getMessage();
      // Our own constructors say which field is missing (requireNonNull names it).
      return m == null
          ? "required fields are missing"
          : m.lines().findFirst().orElse(m)
              + (root instanceof NullPointerException ? " is required" : "");
    }
    if (e instanceof MismatchedInputException m) {
      return "the wrong kind of value" + expected(m.getTargetType());
    }
    return "cannot be read";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "";
    }
    if (type.isEnum()) {
      StringBuilder sb = new StringBuilder(": expected one of ");
      Object[] values = type.getEnumConstants();
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(values[i]);
      }
      return sb.toString();
    }
    return switch (type.getSimpleName()) {
      case "Instant" -> ": expected an ISO 8601 UTC time";
      case "LocalDate" -> ": expected an ISO 8601 date";
      case "Duration" -> ": expected an ISO 8601 duration such as PT2H or P90D";
      case "String" -> ": expected a string";
      case "List" -> ": expected an array";
      default ->
          type.isPrimitive() || Number.class.isAssignableFrom(type)
              ? ": expected a number"
              : ": expected an object";
    };
  }
}
