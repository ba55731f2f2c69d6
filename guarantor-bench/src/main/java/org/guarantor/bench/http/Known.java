package org.guarantor.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the server has given out during the fuzz: incidents, taskings with their guarantor, session
 * tokens with their party, so that most requests aim at things that exist. Thread-safe.
 */
final class Known {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tasking and the party it is for. */
  record Tasking(String id, String guarantor) {}

  /** A session token and the party it stands for. */
  record Session(String token, String party) {}

  private final List<String> incidents = new CopyOnWriteArrayList<>();
  private final List<Tasking> taskings = new CopyOnWriteArrayList<>();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();

  /** Keeps what a successful answer gave out. */
  void learn(String route, Exchange.Outcome o) {
    if (o.status() != 201) {
      return;
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(o.body());
    } catch (IOException notJson) {
      return;
    }
    if (route.equals("POST /api/v1/reports")) {
      incidents.add(answer.path("id").asText());
      for (JsonNode t : answer.path("taskings")) {
        taskings.add(new Tasking(t.path("id").asText(), t.path("guarantor").asText()));
      }
    } else if (route.equals("POST /api/v1/session")) {
      sessions.add(new Session(answer.path("token").asText(), answer.path("party").asText()));
    }
  }

  Optional<String> incident(SplittableRandom r) {
    return pick(r, incidents);
  }

  Optional<Tasking> tasking(SplittableRandom r) {
    return pick(r, taskings);
  }

  Optional<Session> session(SplittableRandom r) {
    return pick(r, sessions);
  }

  int incidents() {
    return incidents.size();
  }

  int taskings() {
    return taskings.size();
  }

  int sessions() {
    return sessions.size();
  }

  private static <T> Optional<T> pick(SplittableRandom r, List<T> from) {
    int n = from.size();
    // Recent ones more often: they are the ones still open.
    return n == 0
        ? Optional.empty()
        : Optional.of(from.get(n - 1 - Math.min(n - 1, r.nextInt(Math.min(n, 200)))));
  }
}
