package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API's answers as a person at a terminal reads them: an incident with its requirements,
 * taskings and shortfalls; lists as aligned tables; a refusal as its reasons, one per line. The
 * client commands print these unless given {@code --json}, which prints the answer as it came.
 */
final class Render {
  private Render() {}

  /** One incident: what, where, its state, then its lines, taskings and shortfalls. */
  static String incident(JsonNode i) {
    StringBuilder out = new StringBuilder();
    out.append(i.path("id").asText())
        .append("  ")
        .append(i.path("state").asText())
        .append("  ")
        .append(i.path("type").asText())
        .append(", severity ")
        .append(i.path("severity").asInt())
        .append('\n');
    JsonNode scope = i.path("scope");
    out.append("  where:    ").append(where(i.path("point")));
    if (!scope.path("explanation").asText().isEmpty()) {
      out.append(" — ").append(scope.path("explanation").asText());
    }
    out.append('\n');
    out.append("  reported: ")
        .append(time(i.path("reportedAt")))
        .append(" by ")
        .append(i.path("reporter").asText())
        .append(" (idempotency key ")
        .append(i.path("key").asText())
        .append("), observed ")
        .append(time(i.path("observedAt")))
        .append('\n');
    if (!i.path("description").asText().isEmpty()) {
      out.append("  said:     ").append(i.path("description").asText()).append('\n');
    }
    if (!i.path("plan").asText().isEmpty()) {
      out.append("  plan:     ")
          .append(i.path("plan").asText())
          .append(", activated ")
          .append(time(i.path("activatedAt")))
          .append('\n');
    }
    if (!i.path("closedAt").isNull() && !i.path("closedAt").isMissingNode()) {
      out.append("  closed:   ").append(time(i.path("closedAt")));
      if (!i.path("closingNote").asText().isEmpty()) {
        out.append(" — ").append(i.path("closingNote").asText());
      }
      out.append('\n');
    }
    JsonNode lines = i.path("requirements");
    if (lines.size() > 0) {
      out.append("\nRequired\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"LINE", "CAPABILITY", "QUANTITY", "COVERED", "DUE"});
      for (JsonNode r : lines) {
        rows.add(
            new String[] {
              r.path("line").asText(),
              r.path("capability").asText(),
              amount(r.path("quantity"), r.path("unit")),
              r.path("covered").asText(),
              time(r.path("dueAt"))
            });
      }
      out.append(table(rows));
    }
    JsonNode taskings = i.path("taskings");
    if (taskings.size() > 0) {
      out.append("\nTaskings\n").append(taskingTable(taskings, false));
    }
    JsonNode shortfalls = i.path("shortfalls");
    if (shortfalls.size() > 0) {
      out.append("\nShortfalls (nothing could cover these on time)\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"LINE", "CAPABILITY", "MISSING", "WHY"});
      for (JsonNode s : shortfalls) {
        rows.add(
            new String[] {
              s.path("line").asText(),
              s.path("capability").asText(),
              amount(s.path("missing"), s.path("unit")),
              s.path("reason").asText()
            });
      }
      out.append(table(rows));
    }
    return out.toString();
  }

  /** A page of incidents, one row each, and how many there are in all. */
  static String incidents(JsonNode page) {
    JsonNode items = page.path("items");
    if (items.size() == 0) {
      return "no incidents\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATE", "TYPE", "SEV", "WHERE", "REPORTED", "TASKINGS"});
    for (JsonNode i : items) {
      String region = i.path("scope").path("name").asText();
      rows.add(
          new String[] {
            i.path("id").asText(),
            i.path("state").asText(),
            i.path("type").asText(),
            i.path("severity").asText(),
            region.isEmpty() ? where(i.path("point")) : region,
            time(i.path("reportedAt")),
            String.valueOf(i.path("taskings").size())
          });
    }
    String shown = table(rows);
    long total = page.path("total").asLong(items.size());
    long offset = page.path("offset").asLong(0);
    return total > items.size()
        ? shown
            + String.format(
                "(%d to %d of %d; --offset and --limit show others)\n",
                offset + 1, offset + items.size(), total)
        : shown;
  }

  /** The caller's taskings, one row each. */
  static String taskings(JsonNode list) {
    return list.size() == 0 ? "no taskings\n" : taskingTable(list, true);
  }

  /** One tasking after a command on it: its state and what is due next. */
  static String tasking(JsonNode t) {
    StringBuilder out = new StringBuilder();
    out.append(t.path("id").asText())
        .append("  ")
        .append(t.path("state").asText())
        .append("  ")
        .append(t.path("guarantor").asText())
        .append(": ")
        .append(amount(t.path("quantity"), t.path("unit")))
        .append(' ')
        .append(t.path("capability").asText())
        .append(" for ")
        .append(t.path("incident").asText())
        .append('\n');
    out.append("  delivered ")
        .append(t.path("delivered").asLong())
        .append(" of ")
        .append(t.path("quantity").asLong())
        .append("; acknowledge by ")
        .append(time(t.path("acknowledgeBy")))
        .append(", deliver by ")
        .append(time(t.path("deliverBy")))
        .append('\n');
    // Null for a reader who may not read the reason (docs/security.md, "Who reads what").
    String declined = t.path("declineReason").textValue();
    if (declined != null && !declined.isEmpty()) {
      out.append("  declined: ").append(declined).append('\n');
    }
    return out.toString();
  }

  /** A refusal: the status, then each reason with the field it names. */
  static String problem(int status, JsonNode problem) {
    StringBuilder out =
        new StringBuilder("refused (HTTP ")
            .append(status)
            .append(' ')
            .append(problem.path("title").asText())
            .append(")\n");
    JsonNode errors = problem.path("errors");
    if (errors.size() == 0) {
      out.append("  ").append(problem.path("detail").asText()).append('\n');
    }
    for (JsonNode e : errors) {
      String path = e.path("path").asText();
      out.append("  ")
          .append(path.isEmpty() ? "" : path + ": ")
          .append(e.path("message").asText())
          .append('\n');
    }
    return out.toString();
  }

  private static String taskingTable(JsonNode taskings, boolean withIncident) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        withIncident
            ? new String[] {
              "ID", "INCIDENT", "CAPABILITY", "QUANTITY", "STATE", "ACKNOWLEDGE BY", "DELIVER BY"
            }
            : new String[] {
              "ID", "GUARANTOR", "CAPABILITY", "QUANTITY", "STATE", "ACKNOWLEDGE BY", "DELIVER BY"
            });
    for (JsonNode t : taskings) {
      rows.add(
          new String[] {
            t.path("id").asText(),
            withIncident ? t.path("incident").asText() : t.path("guarantor").asText(),
            t.path("capability").asText(),
            amount(t.path("quantity"), t.path("unit")),
            t.path("state").asText(),
            time(t.path("acknowledgeBy")),
            time(t.path("deliverBy"))
          });
    }
    return table(rows);
  }

  /** Columns padded to their widest cell, two spaces apart; the first row is the header. */
  static String table(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        line.append(c == 0 ? "" : "  ").append(r[c]);
        if (c < r.length - 1) {
          line.append(" ".repeat(width[c] - r[c].length()));
        }
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static String amount(JsonNode quantity, JsonNode unit) {
    // ISR_HOURS reads "ISR hours", SORTIES "sorties"
    return quantity.asLong()
        + " "
        + unit.asText().toLowerCase(Locale.ROOT).replace('_', ' ').replace("isr", "ISR");
  }

  private static String where(JsonNode point) {
    if (!point.isObject()) {
      return "an area";
    }
    double lat = point.path("lat").asDouble();
    double lon = point.path("lon").asDouble();
    return String.format(
        Locale.ROOT,
        "%.4f %s, %.4f %s",
        Math.abs(lat),
        lat < 0 ? "S" : "N",
        Math.abs(lon),
        lon < 0 ? "W" : "E");
  }

  /** An instant to the minute, UTC: {@code 2026-11-28 06:00Z}; "—" when there is none. */
  static String time(JsonNode instant) {
    String t = instant.asText();
    if (instant.isNull() || instant.isMissingNode() || t.length() < 16) {
      return "—";
    }
    return t.substring(0, 10) + " " + t.substring(11, 16) + "Z";
  }
}
