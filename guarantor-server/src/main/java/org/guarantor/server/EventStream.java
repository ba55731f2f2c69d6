package org.guarantor.server;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Published;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;
import org.guarantor.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: server-sent events, one per durable event the caller may see. Each
 * carries a short notice (position, type, incident, tasking, time), never the payload, so a party
 * learns only that something it may see has changed and fetches it through the API.
 *
 * <p>The event id is the log position: a client that reconnects with {@code Last-Event-ID} receives
 * what it missed from the log before live events resume. Fan-out runs on its own thread so a slow
 * client never holds up the engine's writer. Browsers' EventSource cannot send headers, so the
 * token may also come as {@code ?access_token=}.
 */
final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  static final String PATH = "/api/v1/events";

  record Notice(
      long position, String type, String incident, String tasking, String at, boolean exercise) {}

  /** A stream, its party, and the token it was opened with (checked again at every ping). */
  private record Subscriber(Actor actor, String token, SseClient client) {}

  /**
   * How often every stream gets a comment. Besides keeping proxies from closing a quiet stream, it
   * is how a stream whose client went away is found: the first write after the client closed still
   * succeeds, the second fails, so a closed stream gives back its place within two pings.
   */
  static final java.time.Duration PING = java.time.Duration.ofSeconds(5);

  private static final String PLACE = "guarantor.stream.place";
  private static final String ATTACHED = "guarantor.stream.attached";

  private final StreamCap cap;

  private final Api api;
  private final EventLog log;
  private final EventCodec codec = new EventCodec();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean closing;
  private final ScheduledExecutorService fanOut =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "guarantor-sse");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param streamsPerParty how many streams one party may hold open at once; 0 for no cap
   */
  EventStream(Api api, EventLog log, int streamsPerParty) {
    this.api = api;
    this.log = log;
    this.cap = new StreamCap(streamsPerParty);
    api.engine.onPublished(batch -> fanOut.execute(() -> deliver(batch)));
    fanOut.scheduleAtFixedRate(this::ping, PING.toMillis(), PING.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Authenticates and takes a place among the party's streams before the stream opens, so a bad
   * token gets a plain 401 problem and a party at its cap a 429 problem.
   */
  void authenticate(Context ctx) {
    String token = ctx.queryParam("access_token");
    Actor actor;
    if (token != null && ctx.header("Authorization") == null) {
      actor = api.actor(ctx, token, "/query/access_token");
    } else {
      actor = api.actor(ctx);
      String header = ctx.header("Authorization");
      token = header.substring(7).trim();
    }
    ctx.attribute("actor", actor);
    ctx.attribute("token", token);
    // A stream whose client went away is found within two pings: try again after them.
    ctx.attribute(PLACE, cap.take(ctx, actor.party(), 2 * PING.toSeconds()));
  }

  /**
   * An after-handler: gives back the place of a request that opened no stream after all (it did not
   * accept {@code text/event-stream}). A stream that did open gives its place back itself, when it
   * closes.
   */
  void release(Context ctx) {
    StreamCap.Place place = ctx.attribute(PLACE);
    if (place != null && ctx.attribute(ATTACHED) == null) {
      place.release();
    }
  }

  void connect(SseClient client) {
    Actor actor = client.ctx().attribute("actor");
    String token = client.ctx().attribute("token");
    long after = lastEventId(client.ctx());
    StreamCap.Place place = client.ctx().attribute(PLACE);
    client.ctx().attribute(ATTACHED, true);
    client.keepAlive();
    client.onClose(
        () -> {
          subscribers.removeIf(s -> s.client == client);
          if (place != null) {
            place.release();
          }
        });
    if (fanOut.isShutdown()) {
      client.close();
      return;
    }
    fanOut.execute(
        () -> {
          if (after >= 0) {
            // Events are read again from the log only once its chain is vouched for: a start from
            // a snapshot checks the events below it after it serves.
            if (!chainVouchedFor()) {
              client.close();
              return;
            }
            log.readAfter(
                after,
                stored -> {
                  if (stored.position() <= api.engine.lastPosition()) {
                    send(
                        new Subscriber(actor, token, client),
                        stored,
                        codec.decode(stored.type(), stored.payload()));
                  }
                });
          }
          client.sendComment("connected as " + actor.party());
          subscribers.add(new Subscriber(actor, token, client));
        });
  }

  /** Waits (60 s at most) for the engine's check of the whole chain; whether it found it intact. */
  private boolean chainVouchedFor() {
    try {
      api.engine.chainChecked().get(60, java.util.concurrent.TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  private static long lastEventId(Context ctx) {
    String v = ctx.header("Last-Event-ID");
    if (v == null) {
      v = ctx.queryParam("lastEventId");
    }
    try {
      return v == null ? -1 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void deliver(List<Published> batch) {
    for (Published p : batch) {
      for (Subscriber s : subscribers) {
        send(s, p.stored(), p.event());
      }
    }
  }

  private void send(Subscriber s, StoredEvent stored, DispatchEvent event) {
    if (closing || s.client.terminated()) {
      subscribers.remove(s);
      return;
    }
    Optional<Notice> n = notice(s.actor, stored, event);
    if (n.isEmpty()) {
      return;
    }
    try {
      s.client.sendEvent(
          stored.type(), Api.MAPPER.writeValueAsString(n.get()), Long.toString(stored.position()));
    } catch (Exception e) {
      LOG.debug("dropping an SSE client: {}", e.toString());
      subscribers.remove(s);
    }
  }

  /** What this actor may learn of this event, if anything. */
  private Optional<Notice> notice(Actor actor, StoredEvent stored, DispatchEvent event) {
    if (event instanceof DispatchEvent.CommandSigned) {
      // The record of who signed: the event after it says what happened, to those who may know.
      return Optional.empty();
    }
    Treaty treaty = api.treaty();
    String incident = null;
    String tasking = taskingOf(event).map(TaskingId::value).orElse(null);
    if (stored.streamId().startsWith("incident-")) {
      incident = stored.streamId().substring("incident-".length());
      Optional<Incident> i =
          api.engine.state().incident(new org.guarantor.domain.incident.IncidentId(incident));
      if (i.isEmpty() || Access.incident(actor, i.get(), treaty) == Access.View.NONE) {
        return Optional.empty();
      }
      if (tasking != null) {
        boolean visible =
            i.get().taskings().stream()
                .anyMatch(t -> t.id().value().equals(tasking) && Access.tasking(actor, t, treaty));
        if (!visible) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(
        new Notice(
            stored.position(),
            stored.type(),
            incident,
            tasking,
            stored.recordedAt().toString(),
            api.exercise()));
  }

  private static Optional<TaskingId> taskingOf(DispatchEvent e) {
    if (e instanceof DispatchEvent.TaskingIssued x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingAcknowledged x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingDeclined x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingMobilising x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingDelivered x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingOverdue x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingReleased x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingEscalated x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingBreached x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingBackfilled x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingLate x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.ConsequenceApplied x) {
      return Optional.of(x.tasking());
    } else if (e instanceof DispatchEvent.TaskingWithdrawn x) {
      return Optional.of(x.tasking());
    }
    return Optional.empty();
  }

  /**
   * Keeps every stream alive, and ends those whose session ended (it expired, its party signed out,
   * or its key was revoked): a stream tells only as long as its token would.
   */
  private void ping() {
    for (Subscriber s : subscribers) {
      try {
        if (s.client.terminated()) {
          subscribers.remove(s);
        } else if (api.engine.state().treaty().isPresent()
            && api.auth.bearer(s.token, api.treaty()).isEmpty()) {
          subscribers.remove(s);
          s.client.sendEvent("session-ended", "{\"reason\":\"sign in again\"}");
          s.client.close();
        } else {
          s.client.sendComment("ping");
        }
      } catch (Exception e) {
        subscribers.remove(s);
      }
    }
  }

  int subscribers() {
    return subscribers.size();
  }

  @Override
  public void close() {
    closing = true;
    fanOut.shutdownNow();
    // Wait for a delivery in progress to end: touching a client after Jetty has stopped makes
    // Javalin loop on the recycled response.
    try {
      fanOut.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Subscriber s : subscribers) {
      try {
        // A client that already went away must not be closed again: Javalin would loop on the
        // recycled response.
        if (!s.client.terminated()) {
          s.client.close();
        }
      } catch (Exception ignored) {
        // closing anyway
      }
    }
    subscribers.clear();
  }
}
