package org.guarantor.server;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.engine.Engine;
import org.guarantor.engine.Outcome;
import org.guarantor.engine.Published;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the exact re-plan beside the engine, never on its writer: a declined tasking, an overdue one
 * (its escalation) or a request starts a re-plan of the incident on a thread of its own, which
 * reads the state, solves within the budget and submits the proposal as an {@link
 * DispatchCommand.AdoptReplan} for the engine to decide like any other command. The online
 * allocator has already answered by then; a re-plan only ever improves on it.
 *
 * <p>One re-plan at a time: triggers that arrive while one runs are collected (one per incident,
 * the latest trigger wins) and make one follow-up run. Thread-safe.
 */
public final class Replanning implements AutoCloseable {
  /** The default time budget of a solve. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(Replanning.class);

  /** Computes a proposal from the live state; called on the re-plan thread only. */
  @FunctionalInterface
  public interface Solver {
    Optional<Replan> propose(
        DispatchState state,
        IncidentId incident,
        Replan.Trigger trigger,
        Duration budget,
        Instant now);
  }

  /**
   * What a request started.
   *
   * @param queued true when a re-plan was running: this one follows it
   */
  public record Started(String incident, String trigger, long budgetMillis, boolean queued) {}

  private final Engine engine;
  private final Solver solver;
  private final Duration budget;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "guarantor-replan");
            t.setDaemon(true);
            return t;
          });
  private final Map<IncidentId, Replan.Trigger> pending = new LinkedHashMap<>();
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong adopted = new AtomicLong();
  private boolean running;
  private volatile boolean closed;

  public Replanning(Engine engine, Solver solver, Duration budget) {
    this.engine = engine;
    this.solver = solver;
    this.budget = budget == null ? DEFAULT_BUDGET : budget;
    engine.onPublished(this::onPublished);
  }

  public Duration budget() {
    return budget;
  }

  /** Asks for a re-plan of an incident; returns at once. */
  public Started request(IncidentId incident, Replan.Trigger trigger) {
    boolean queued;
    synchronized (this) {
      pending.put(incident, trigger);
      queued = running;
      if (!running && !closed) {
        running = true;
        thread.execute(this::drain);
      }
    }
    return new Started(incident.value(), trigger.name(), budget.toMillis(), queued);
  }

  /** Called on the writer thread with each durable batch: only notes the triggers. */
  private void onPublished(List<Published> batch) {
    if (!engine.isWriter()) {
      // A standby follows; the writer re-plans, and so will this server once it takes over.
      return;
    }
    for (Published p : batch) {
      DispatchEvent e = p.event();
      if (e instanceof DispatchEvent.TaskingDeclined d) {
        request(d.incident(), Replan.Trigger.DECLINED);
      } else if (e instanceof DispatchEvent.TaskingEscalated x) {
        request(x.incident(), Replan.Trigger.OVERDUE);
      }
    }
  }

  private void drain() {
    while (true) {
      Map<IncidentId, Replan.Trigger> now;
      synchronized (this) {
        if (pending.isEmpty() || closed) {
          running = false;
          notifyAll();
          return;
        }
        now = new LinkedHashMap<>(pending);
        pending.clear();
      }
      runs.incrementAndGet();
      for (Map.Entry<IncidentId, Replan.Trigger> e : now.entrySet()) {
        run(e.getKey(), e.getValue());
      }
    }
  }

  private void run(IncidentId incident, Replan.Trigger trigger) {
    try (org.slf4j.MDC.MDCCloseable ignored =
        org.slf4j.MDC.putCloseable("incident", incident.value())) {
      runFor(incident, trigger);
    }
  }

  private void runFor(IncidentId incident, Replan.Trigger trigger) {
    long start = System.nanoTime();
    Optional<Replan> proposal;
    try {
      proposal =
          solver.propose(engine.state(), incident, trigger, budget, engine.clock().instant());
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("re-plan of {} failed: {}", incident, e.toString());
      return;
    }
    if (proposal.isEmpty()) {
      LOG.debug("re-plan of {} after {}: nothing to change", incident, trigger);
      return;
    }
    Replan r = proposal.get();
    try {
      Outcome o =
          engine
              .submit(at -> new DispatchCommand.AdoptReplan(Engine.SYSTEM, at, r))
              .get(30, TimeUnit.SECONDS);
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      if (o.decision() instanceof Decision.Rejected x) {
        // Stale proposals are normal: the state moved on while the solver ran.
        LOG.debug("re-plan of {} not adopted: {}", incident, x.reasons().get(0).message());
      } else {
        adopted.incrementAndGet();
        LOG.info(
            "re-plan of {} after {} adopted in {} ms: {} withdrawn, {} issued",
            incident,
            r.trigger(),
            ms,
            r.withdraw().size(),
            r.issue().size());
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("re-plan of {} could not be submitted: {}", incident, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs started so far (a run may re-plan several incidents). */
  public long runs() {
    return runs.get();
  }

  /** Proposals the engine adopted so far. */
  public long adopted() {
    return adopted.get();
  }

  /** Waits until no re-plan runs or waits to run; false if that took longer than {@code max}. */
  public synchronized boolean awaitIdle(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (running) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      pending.clear();
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
