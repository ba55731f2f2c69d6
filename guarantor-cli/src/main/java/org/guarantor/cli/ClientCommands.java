package org.guarantor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.guarantor.engine.codec.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Client commands against a running server. A command that changes state is signed with the acting
 * party's key ({@code --key}); a read signs in with it, or takes a token. Each prints a summary of
 * the server's answer, or the answer's JSON as it came with {@code --json} (for scripts).
 */
final class ClientCommands {
  private ClientCommands() {}

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "File a threat report (as the protected state).")
  static final class Report implements Callable<Integer> {
    @Mixin Client client;

    @Option(
        names = "--type",
        required = true,
        description =
            "A threat type of the treaty in force, e.g. AIR_ATTACK (GET /api/v1/treaty lists"
                + " them under vocabulary).")
    String type;

    @Option(names = "--severity", required = true, description = "1 to 5.")
    int severity;

    @Option(names = "--lat", description = "Latitude of the threat (with --lon).")
    Double lat;

    @Option(names = "--lon", description = "Longitude of the threat (with --lat).")
    Double lon;

    @Option(
        names = "--geojson",
        description = "The location as a GeoJSON geometry instead of --lat/--lon.")
    String geojson;

    @Option(
        names = "--observed-at",
        description = "When the threat was observed, ISO 8601 (default now).")
    String observedAt;

    @Option(names = "--description", defaultValue = "", description = "What was seen.")
    String description;

    @Option(
        names = "--idempotency-key",
        description =
            "The report's own key (default a random one; not the signing --key). A retry with the"
                + " same idempotency key and the same report returns the first incident; so it"
                + " needs --observed-at, which otherwise defaults to now and would differ.")
    String idempotencyKey;

    @Override
    public Integer call() throws Failure {
      if (idempotencyKey != null && observedAt == null) {
        throw Failure.input(
            "--idempotency-key needs --observed-at: a retry must send the same report, and the"
                + " default time (now) would differ from one try to the next");
      }
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("key", idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
      body.put("type", type);
      body.put("severity", severity);
      if (geojson != null) {
        try {
          body.set("location", Json.mapper().readTree(geojson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw Failure.input("--geojson is not JSON: " + e.getOriginalMessage());
        }
      } else if (lat != null && lon != null) {
        body.putObject("location").put("lat", lat).put("lon", lon);
      } else {
        throw Failure.input("give the location: --lat and --lon, or --geojson");
      }
      body.put("observedAt", observedAt != null ? observedAt : Instant.now().toString());
      body.put("description", description);
      return client.change("POST", "/api/v1/reports", body.toString(), Render::incident);
    }
  }

  @Command(
      name = "incidents",
      mixinStandardHelpOptions = true,
      description = "List incidents the caller may see.")
  static final class Incidents implements Callable<Integer> {
    @Mixin Client client;

    @Option(names = "--state", description = "Only this state, e.g. ACTIVATED.")
    String state;

    @Option(names = "--type", description = "Only this threat type, e.g. AIR_ATTACK.")
    String type;

    @Option(
        names = "--limit",
        description = "At most this many, newest first (server default 100).")
    Integer limit;

    @Option(names = "--offset", description = "Skip this many of the newest first.")
    Integer offset;

    @Override
    public Integer call() throws Failure {
      StringBuilder query = new StringBuilder();
      param(query, "state", state);
      param(query, "type", type);
      param(query, "limit", limit);
      param(query, "offset", offset);
      return client.read("/api/v1/incidents" + query, Render::incidents);
    }

    private static void param(StringBuilder query, String name, Object value) {
      if (value != null) {
        query
            .append(query.length() == 0 ? '?' : '&')
            .append(name)
            .append('=')
            .append(
                java.net.URLEncoder.encode(
                    value.toString(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @Command(name = "incident", mixinStandardHelpOptions = true, description = "Show one incident.")
  static final class Incident implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Failure {
      return client.read("/api/v1/incidents/" + id, Render::incident);
    }
  }

  @Command(
      name = "taskings",
      mixinStandardHelpOptions = true,
      description = "List the caller's taskings.")
  static final class Taskings implements Callable<Integer> {
    @Mixin Client client;

    @Option(names = "--open", description = "Only taskings still open.")
    boolean open;

    @Override
    public Integer call() throws Failure {
      return client.read("/api/v1/taskings" + (open ? "?open=true" : ""), Render::taskings);
    }
  }

  @Command(
      name = "acknowledge",
      mixinStandardHelpOptions = true,
      description = "Acknowledge a tasking (as its guarantor).")
  static final class Acknowledge implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "TASKING")
    String id;

    @Override
    public Integer call() throws Failure {
      return client.change(
          "POST", "/api/v1/taskings/" + id + "/acknowledge", "{}", Render::tasking);
    }
  }

  @Command(
      name = "decline",
      mixinStandardHelpOptions = true,
      description = "Decline a tasking with a reason; its quantity is re-allocated at once.")
  static final class Decline implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "TASKING")
    String id;

    @Option(names = "--reason", required = true)
    String reason;

    @Override
    public Integer call() throws Failure {
      ObjectNode body = Json.mapper().createObjectNode().put("reason", reason);
      return client.change(
          "POST", "/api/v1/taskings/" + id + "/decline", body.toString(), Render::tasking);
    }
  }

  @Command(
      name = "mobilising",
      mixinStandardHelpOptions = true,
      description = "Report a tasking mobilising.")
  static final class Mobilising implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "TASKING")
    String id;

    @Override
    public Integer call() throws Failure {
      return client.change("POST", "/api/v1/taskings/" + id + "/mobilising", "{}", Render::tasking);
    }
  }

  @Command(
      name = "delivered",
      mixinStandardHelpOptions = true,
      description = "Report delivery (all outstanding, or --quantity for a partial delivery).")
  static final class Delivered implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "TASKING")
    String id;

    @Option(names = "--quantity", description = "Amount delivered now (default: all outstanding).")
    Long quantity;

    @Override
    public Integer call() throws Failure {
      String body = quantity == null ? "{}" : "{\"quantity\":" + quantity + "}";
      return client.change("POST", "/api/v1/taskings/" + id + "/delivered", body, Render::tasking);
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = "Resolve an incident (protected state or secretariat).")
  static final class Resolve implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "INCIDENT")
    String id;

    @Option(names = "--note", defaultValue = "")
    String note;

    @Override
    public Integer call() throws Failure {
      return client.change(
          "POST",
          "/api/v1/incidents/" + id + "/resolve",
          Json.mapper().createObjectNode().put("note", note).toString(),
          Render::incident);
    }
  }

  @Command(
      name = "replan",
      mixinStandardHelpOptions = true,
      description =
          "Ask for an exact re-plan of an incident's taskings not yet acknowledged (secretariat)."
              + " Answers at once with what was started; the outcome follows as events.")
  static final class Replan implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "INCIDENT")
    String id;

    @Override
    public Integer call() throws Failure {
      return client.change(
          "POST",
          "/api/v1/incidents/" + id + "/replan",
          "",
          a ->
              "re-plan of "
                  + a.path("incident").asText()
                  + (a.path("queued").asBoolean() ? " queued" : " started")
                  + " (search budget "
                  + a.path("budgetMillis").asLong()
                  + " ms); its outcome follows as events\n");
    }
  }

  @Command(
      name = "stand-down",
      mixinStandardHelpOptions = true,
      description = "Stand an incident down (protected state or secretariat).")
  static final class StandDown implements Callable<Integer> {
    @Mixin Client client;

    @Parameters(paramLabel = "INCIDENT")
    String id;

    @Option(names = "--note", defaultValue = "")
    String note;

    @Override
    public Integer call() throws Failure {
      return client.change(
          "POST",
          "/api/v1/incidents/" + id + "/stand-down",
          Json.mapper().createObjectNode().put("note", note).toString(),
          Render::incident);
    }
  }
}
