package org.guarantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.guarantor.engine.codec.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code guarantor exercise-clock}: an exercise server's virtual clock, read, or moved by the
 * secretariat (a signed command like any other, so curl alone can no longer move it).
 */
@Command(
    name = "exercise-clock",
    mixinStandardHelpOptions = true,
    description =
        "Show an exercise server's virtual clock, or move it (secretariat; --advance or --to):"
            + " answers once every deadline the move passed has fired.")
final class ExerciseClockCommand implements Callable<Integer> {
  @Mixin Client client;

  @ArgGroup(exclusive = true)
  Move move;

  static final class Move {
    @Option(names = "--advance", description = "Move forward by this much, ISO 8601, e.g. PT2H.")
    Duration advance;

    @Option(names = "--to", description = "Move to this time, ISO 8601, e.g. 2026-12-05T12:00:00Z.")
    Instant to;
  }

  @Override
  public Integer call() throws Failure {
    if (move == null) {
      return client.read("/api/v1/exercise/clock", ExerciseClockCommand::render);
    }
    ObjectNode body = Json.mapper().createObjectNode();
    if (move.advance != null) {
      body.put("advance", move.advance.toString());
    } else {
      body.put("to", move.to.toString());
    }
    return client.change(
        "POST", "/api/v1/exercise/clock", body.toString(), ExerciseClockCommand::render);
  }

  private static String render(JsonNode c) {
    if (!c.path("exercise").asBoolean()) {
      return "not an exercise: the server runs on the real clock\n";
    }
    return "exercise clock at "
        + Render.time(c.path("now"))
        + "; "
        + c.path("pendingDeadlines").asLong()
        + " deadlines pending, "
        + c.path("events").asLong()
        + " events\n";
  }
}
