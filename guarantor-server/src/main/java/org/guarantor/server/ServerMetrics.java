package org.guarantor.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.engine.Engine;
import org.guarantor.engine.EngineMetrics;
import org.guarantor.engine.Published;

/**
 * The service's metrics in a Prometheus registry: the engine's decisions and appends (as {@link
 * EngineMetrics}), its queue, open taskings by state, breaches, the start's replay, and the JVM's
 * memory, collectors and threads. Names and meanings are in docs/operations.md.
 *
 * <p>Counts and durations only: no label carries an incident, a tasking, a place or a party, so
 * whoever may read {@code /metrics} learns how busy the service is, not what it is busy with.
 * Thread-safe.
 */
final class ServerMetrics implements EngineMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> commands = new ConcurrentHashMap<>();
  private final Map<String, Timer> decisions = new ConcurrentHashMap<>();
  private final Timer append;
  private final DistributionSummary batchSize;
  private final Counter breaches;
  private final OpenTaskings open;

  ServerMetrics(Engine engine) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    append =
        Timer.builder("guarantor.log.append")
            .description("Appending one batch of events to the log: one transaction, one fsync")
            .publishPercentileHistogram()
            .register(registry);
    batchSize =
        DistributionSummary.builder("guarantor.log.batch.events")
            .description("Events in one appended batch")
            .register(registry);
    breaches =
        Counter.builder("guarantor.breaches")
            .description("Taskings breached (a missed deadline not remedied) since the start")
            .register(registry);
    Gauge.builder("guarantor.queue.depth", engine, Engine::queued)
        .description("Commands waiting for the writer")
        .register(registry);
    Gauge.builder("guarantor.log.position", engine, Engine::lastPosition)
        .description("Position of the last event in the log")
        .register(registry);
    Gauge.builder("guarantor.engine.halted", engine, e -> e.haltReason().isPresent() ? 1 : 0)
        .description("1 once the engine has halted (it takes no more commands), else 0")
        .register(registry);
    Gauge.builder("guarantor.writer", engine, e -> e.isWriter() ? 1 : 0)
        .description(
            "1 while this server writes the log, 0 while it follows another's as a standby")
        .register(registry);
    Gauge.builder("guarantor.deadlines.pending", engine.state(), DispatchState::pendingTimers)
        .description("Deadlines the engine's timers wait for")
        .register(registry);
    Gauge.builder("guarantor.start.replay", engine, e -> e.startTime().toNanos() / 1e9)
        .description("Seconds the start took to rebuild the state (snapshot load and replay)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("guarantor.start.replayed.events", engine, Engine::replayedAtStart)
        .description("Events the start replayed (after the snapshot it restored, or all)")
        .register(registry);
    Gauge.builder("guarantor.start.snapshot.position", engine, Engine::restoredFrom)
        .description("Position of the snapshot the start restored; 0 for a whole replay")
        .register(registry);
    open = new OpenTaskings(engine.state());
    for (TaskingState s : TaskingState.values()) {
      if (s.open()) {
        Gauge.builder("guarantor.taskings.open", open, o -> o.count(s))
            .description("Open taskings, by state")
            .tag("state", s.name())
            .register(registry);
      }
    }
    engine.onPublished(this::published);
    engine.metrics(this);
  }

  @Override
  public void decided(String kind, CommandOutcome outcome, long nanos) {
    String outcomeName = outcome.name().toLowerCase(java.util.Locale.ROOT);
    commands
        .computeIfAbsent(
            kind + '/' + outcomeName,
            k ->
                Counter.builder("guarantor.commands")
                    .description("Commands decided, by kind and outcome")
                    .tag("kind", kind)
                    .tag("outcome", outcomeName)
                    .register(registry))
        .increment();
    decisions
        .computeIfAbsent(
            kind,
            k ->
                Timer.builder("guarantor.decision")
                    .description(
                        "From the writer taking a command to its events applied to the state")
                    .tag("kind", kind)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(1_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void appended(int events, long nanos) {
    append.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(events);
  }

  private void published(List<Published> batch) {
    for (Published p : batch) {
      if (p.event() instanceof DispatchEvent.TaskingBreached) {
        breaches.increment();
      }
    }
  }

  /** The registry's text exposition (Prometheus text format 0.0.4). */
  String scrape() {
    return registry.scrape();
  }

  /**
   * Open taskings counted by state, counted again only when the state has moved on since the last
   * count: one scrape reads every state's gauge, and the count walks every incident.
   */
  private static final class OpenTaskings {
    private final DispatchState state;
    private long countedAt = -1;
    private Map<TaskingState, Long> counts = new EnumMap<>(TaskingState.class);

    OpenTaskings(DispatchState state) {
      this.state = state;
    }

    synchronized long count(TaskingState s) {
      long now = state.eventCount();
      if (now != countedAt) {
        Map<TaskingState, Long> fresh = new EnumMap<>(TaskingState.class);
        for (Incident i : state.incidents()) {
          for (Tasking t : i.taskings()) {
            if (t.state().open()) {
              fresh.merge(t.state(), 1L, Long::sum);
            }
          }
        }
        counts = fresh;
        countedAt = now;
      }
      return counts.getOrDefault(s, 0L);
    }
  }
}
