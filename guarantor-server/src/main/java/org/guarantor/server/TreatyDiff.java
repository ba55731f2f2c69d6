package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two treaty versions, as the JSON a reader sees them: one entry per field
 * added, removed or changed, at its JSON pointer. Lists of things with an identity (parties by
 * code, hubs and pledges by id, plans by threat and severity) are compared by it, so that a pledge
 * added in the middle is one change, not a shift of every pledge after it. The version number and
 * effective time, which every amendment changes, are left out.
 */
final class TreatyDiff {
  /** One change: {@code before} is null for an addition, {@code after} for a removal. */
  record Change(String path, String kind, JsonNode before, JsonNode after) {}

  private static final Set<String> IGNORED = Set.of("/version", "/effectiveFrom");

  private TreatyDiff() {}

  static List<Change> between(JsonNode a, JsonNode b) {
    List<Change> out = new ArrayList<>();
    compare("", a, b, out);
    return out;
  }

  private static void compare(String path, JsonNode a, JsonNode b, List<Change> out) {
    if (IGNORED.contains(path) || a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String p = path + "/" + n.replace("~", "~0").replace("/", "~1");
        JsonNode x = a.get(n);
        JsonNode y = b.get(n);
        if (x == null || x.isNull()) {
          if (y != null && !y.isNull()) {
            out.add(new Change(p, "added", null, y));
          }
        } else if (y == null || y.isNull()) {
          out.add(new Change(p, "removed", x, null));
        } else {
          compare(p, x, y, out);
        }
      }
      return;
    }
    if (a.isArray() && b.isArray() && keyed(a) && keyed(b)) {
      Map<String, JsonNode> before = byKey(a);
      Map<String, JsonNode> after = byKey(b);
      for (Map.Entry<String, JsonNode> e : before.entrySet()) {
        String p = path + "/" + e.getKey();
        JsonNode y = after.get(e.getKey());
        if (y == null) {
          out.add(new Change(p, "removed", e.getValue(), null));
        } else {
          compare(p, e.getValue(), y, out);
        }
      }
      for (Map.Entry<String, JsonNode> e : after.entrySet()) {
        if (!before.containsKey(e.getKey())) {
          out.add(new Change(path + "/" + e.getKey(), "added", null, e.getValue()));
        }
      }
      return;
    }
    out.add(new Change(path, "changed", a, b));
  }

  private static boolean keyed(JsonNode array) {
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      if (key(it.next()) == null) {
        return false;
      }
    }
    return true;
  }

  /** The identity of a list element: its id, its code, or its threat and severity. */
  private static String key(JsonNode n) {
    if (!n.isObject()) {
      return null;
    }
    if (n.hasNonNull("id") && n.get("id").isTextual()) {
      return n.get("id").asText();
    }
    if (n.hasNonNull("code") && n.get("code").isTextual()) {
      return n.get("code").asText();
    }
    if (n.hasNonNull("threat") && n.hasNonNull("severity")) {
      return n.get("threat").asText() + "-" + n.get("severity").asText();
    }
    return null;
  }

  private static Map<String, JsonNode> byKey(JsonNode array) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    array.elements().forEachRemaining(n -> m.put(key(n), n));
    return m;
  }
}
