package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.tasking.TaskingState;
import org.guarantor.domain.treaty.Vocabulary;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;
import org.guarantor.store.NewEvent;
import org.guarantor.store.SnapshotInfo;
import org.guarantor.store.StoredEvent;
import org.guarantor.store.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer: durability before answers, batching, replay, timers, halting. */
class EngineTest {
  @TempDir Path dir;

  /** Counts append calls and can be told to fail. */
  static final class Spy implements EventLog {
    final EventLog inner;
    final AtomicInteger appends = new AtomicInteger();
    volatile boolean fail;

    Spy(EventLog inner) {
      this.inner = inner;
    }

    @Override
    public List<StoredEvent> append(List<NewEvent> batch) {
      if (fail) {
        throw new IllegalStateException("disk full");
      }
      appends.incrementAndGet();
      return inner.append(batch);
    }

    @Override
    public org.guarantor.store.WriterClaim claimWriter(String writer) {
      return inner.claimWriter(writer);
    }

    @Override
    public void readAfter(long afterPosition, Consumer<StoredEvent> sink) {
      inner.readAfter(afterPosition, sink);
    }

    @Override
    public void readStream(String streamId, Consumer<StoredEvent> sink) {
      inner.readStream(streamId, sink);
    }

    @Override
    public long lastPosition() {
      return inner.lastPosition();
    }

    @Override
    public java.util.Optional<String> hashAt(long position) {
      return inner.hashAt(position);
    }

    @Override
    public Verification verify() {
      return inner.verify();
    }

    @Override
    public Verification verifyFrom(long position) {
      return inner.verifyFrom(position);
    }

    @Override
    public SnapshotInfo saveSnapshot(
        long position, String format, byte[] data, java.time.Instant createdAt) {
      return inner.saveSnapshot(position, format, data, createdAt);
    }

    @Override
    public List<SnapshotInfo> snapshots() {
      return inner.snapshots();
    }

    @Override
    public java.util.Optional<byte[]> snapshotData(long position) {
      return inner.snapshotData(position);
    }

    @Override
    public java.util.Optional<String> snapshotMismatch(SnapshotInfo snapshot) {
      return inner.snapshotMismatch(snapshot);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void an_answer_comes_only_after_its_events_are_in_the_log() {
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, new TestClock(Fixture.T0));
      Outcome o =
          engine.execute(at -> Fixture.report(at, "k", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      assertThat(o.accepted()).isTrue();
      assertThat(o.stored()).isNotEmpty();
      assertThat(log.lastPosition()).isEqualTo(o.stored().get(o.stored().size() - 1).position());
      engine.close();
    }
  }

  @Test
  void metrics_hear_each_decision_by_kind_and_outcome_and_each_append() {
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, new TestClock(Fixture.T0));
      List<String> decided = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.atomic.AtomicInteger appendedEvents =
          new java.util.concurrent.atomic.AtomicInteger();
      engine.metrics(
          new EngineMetrics() {
            @Override
            public void decided(String kind, CommandOutcome outcome, long nanos) {
              assertThat(nanos).isNotNegative();
              decided.add(kind + " " + outcome);
            }

            @Override
            public void appended(int events, long nanos) {
              appendedEvents.addAndGet(events);
            }
          });
      Outcome first =
          engine.execute(at -> Fixture.report(at, "m", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      engine.execute(at -> Fixture.report(at, "m", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      engine.awaitIdle();

      assertThat(decided).containsExactly("FileReport ACCEPTED", "FileReport REPEATED");
      assertThat(appendedEvents.get()).isEqualTo(first.stored().size());
      engine.close();
    }
  }

  @Test
  void a_metrics_listener_that_throws_is_dropped_and_the_engine_goes_on() {
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, new TestClock(Fixture.T0));
      engine.metrics(
          new EngineMetrics() {
            @Override
            public void decided(String kind, CommandOutcome outcome, long nanos) {
              throw new IllegalStateException("a broken registry");
            }
          });
      assertThat(
              engine
                  .execute(at -> Fixture.report(at, "a", ThreatType.AIR_ATTACK, 3, 50.45, 30.52))
                  .accepted())
          .isTrue();
      assertThat(
              engine
                  .execute(at -> Fixture.report(at, "b", ThreatType.AIR_ATTACK, 3, 50.45, 30.52))
                  .accepted())
          .isTrue();
      assertThat(engine.haltReason()).isEmpty();
      engine.close();
    }
  }

  @Test
  void concurrent_commands_are_written_in_fewer_batches_than_commands() throws Exception {
    try (Spy log = new Spy(Fixture.log(dir))) {
      Engine engine = Fixture.start(log, new TestClock(Fixture.T0));
      int before = log.appends.get();
      List<CompletableFuture<Outcome>> all = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int n = i;
        all.add(
            engine.submit(at -> Fixture.report(at, "k" + n, ThreatType.SABOTAGE, 1, 50.45, 30.52)));
      }
      for (CompletableFuture<Outcome> f : all) {
        assertThat(f.get(30, TimeUnit.SECONDS).accepted()).isTrue();
      }
      assertThat(log.appends.get() - before).isLessThan(300);
      assertThat(engine.state().incidents()).hasSize(300);
      engine.close();
    }
  }

  @Test
  void a_restart_rebuilds_exactly_the_state_it_had() {
    TestClock clock = new TestClock(Fixture.T0);
    List<Incident> live;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      for (int i = 0; i < 5; i++) {
        int n = i;
        engine.execute(
            at ->
                Fixture.report(
                    at,
                    "r" + n,
                    Vocabulary.DEFAULT.threatTypeCodes().get(n),
                    1 + n,
                    49.9 + n * 0.1,
                    30.5 + n));
      }
      Tasking t = engine.state().incidents().iterator().next().taskings().get(0);
      engine.execute(
          at ->
              new DispatchCommand.Acknowledge(
                  new org.guarantor.domain.party.Actor(
                      t.guarantor(), org.guarantor.domain.party.Role.GUARANTOR),
                  at,
                  t.id()));
      clock.advance(Duration.ofHours(2));
      engine.execute(at -> new DispatchCommand.Tick(Engine.SYSTEM, at));
      engine.execute(
          at ->
              new DispatchCommand.Resolve(Engine.SYSTEM, at, new IncidentId("INC-000002"), "done"));
      live = new ArrayList<>(engine.state().incidents());
      engine.close();
    }
    try (EventLog log = Fixture.log(dir)) {
      Engine again = Fixture.start(log, clock);
      assertThat(new ArrayList<>(again.state().incidents())).isEqualTo(live);
      again.close();
    }
  }

  @Test
  void a_replay_of_many_chunks_applies_them_in_log_order_and_names_an_unreadable_event()
      throws Exception {
    TestClock clock = new TestClock(Fixture.T0);
    List<Incident> live;
    long events;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      List<CompletableFuture<Outcome>> answers = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        int n = i;
        answers.add(
            engine.submit(
                at ->
                    Fixture.report(
                        at,
                        "m" + n,
                        Vocabulary.DEFAULT.threatTypeCodes().get(n % 5),
                        1 + n % 5,
                        49.9,
                        30.5 + n * 0.01)));
      }
      answers.forEach(CompletableFuture::join);
      live = new ArrayList<>(engine.state().incidents());
      events = engine.lastPosition();
      engine.close();
    }
    assertThat(events).as("several chunks of 256 events").isGreaterThan(3 * 256);
    try (EventLog log = Fixture.log(dir)) {
      Engine again =
          Engine.start(
              log,
              new org.guarantor.domain.dispatch.DispatchState(
                  org.guarantor.atlas.NaturalEarthAtlas.load()),
              clock,
              SnapshotPolicy.off());
      assertThat(again.lastPosition()).isEqualTo(events);
      assertThat(new ArrayList<>(again.state().incidents())).isEqualTo(live);
      again.close();
    }
    String url = "jdbc:sqlite:" + dir.resolve(org.guarantor.store.JdbcEventLog.SQLITE_FILE_NAME);
    try (var c = java.sql.DriverManager.getConnection(url);
        var st = c.createStatement()) {
      st.executeUpdate("UPDATE events SET payload = '{\"incident\":' WHERE position = 600");
    }
    try (EventLog log = Fixture.log(dir)) {
      // The replay by itself names the event it cannot read...
      assertThatThrownBy(
              () ->
                  Engine.start(
                      log,
                      new org.guarantor.domain.dispatch.DispatchState(
                          org.guarantor.atlas.NaturalEarthAtlas.load()),
                      clock,
                      SnapshotPolicy.off(),
                      StartCheck.NONE))
          .hasMessageContaining("event at position 600 cannot be read");
      // ...and a checked start says why: the chain is broken there.
      assertThatThrownBy(
              () ->
                  Engine.start(
                      log,
                      new org.guarantor.domain.dispatch.DispatchState(
                          org.guarantor.atlas.NaturalEarthAtlas.load()),
                      clock,
                      SnapshotPolicy.off()))
          .isInstanceOfSatisfying(
              BrokenLog.class,
              b -> {
                assertThat(b.position()).isEqualTo(600);
                assertThat(b.getSuppressed()[0])
                    .hasMessageContaining("event at position 600 cannot be read");
              });
    }
  }

  @Test
  void why_is_answered_from_the_log_before_and_after_a_restart() {
    TestClock clock = new TestClock(Fixture.T0);
    Tasking second;
    org.guarantor.domain.allocation.Explanation recorded;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      Outcome o =
          engine.execute(at -> Fixture.report(at, "w", ThreatType.AIR_ATTACK, 4, 50.45, 30.52));
      DispatchEvent.TaskingIssued issued =
          o.stored().stream()
              .filter(e -> e.type().equals("TaskingIssued"))
              .map(
                  e -> (DispatchEvent.TaskingIssued) new EventCodec().decode(e.type(), e.payload()))
              .skip(1)
              .findFirst()
              .orElseThrow();
      second = engine.state().tasking(issued.tasking()).orElseThrow();
      recorded = issued.why();
      assertThat(recorded.rank()).isPositive();
      assertThat(engine.explanation(second.id())).contains(recorded);
      engine.close();
    }
    try (EventLog log = Fixture.log(dir)) {
      Engine again = Fixture.start(log, clock);
      assertThat(again.explanation(second.id())).contains(recorded);
      assertThat(again.explanation(new org.guarantor.domain.tasking.TaskingId("TSK-999999")))
          .isEmpty();
      again.close();
    }
  }

  @Test
  void a_deadline_that_passed_while_down_fires_once_at_start() throws Exception {
    TestClock clock = new TestClock(Fixture.T0);
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      engine.execute(at -> Fixture.report(at, "late", ThreatType.AIR_ATTACK, 2, 50.45, 30.52));
      engine.close();
    }
    clock.advance(Duration.ofMinutes(61));
    long overdue;
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      // The state changes before its batch is durable: wait for the log, not for the state.
      waitUntil(
          () ->
              engine.state().incidents().iterator().next().taskings().stream()
                      .allMatch(t -> t.state() == TaskingState.OVERDUE)
                  && countType(log, "TaskingOverdue")
                      >= engine.state().incidents().iterator().next().taskings().size());
      overdue = countType(log, "TaskingOverdue");
      assertThat(overdue).isEqualTo(engine.state().incidents().iterator().next().taskings().size());
      engine.close();
    }
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, clock);
      Thread.sleep(600);
      assertThat(countType(log, "TaskingOverdue")).isEqualTo(overdue);
      engine.close();
    }
  }

  @Test
  void a_batch_that_cannot_be_made_durable_halts_the_engine_and_says_why() {
    try (Spy log = new Spy(Fixture.log(dir))) {
      Engine engine = Fixture.start(log, new TestClock(Fixture.T0));
      log.fail = true;
      assertThatThrownBy(
              () ->
                  engine.execute(
                      at -> Fixture.report(at, "x", ThreatType.SABOTAGE, 1, 50.45, 30.52)))
          .isInstanceOf(EngineHalted.class)
          .hasMessageContaining("disk full");
      assertThat(engine.haltReason()).get().asString().contains("disk full");
      log.fail = false;
      assertThatThrownBy(
              () ->
                  engine.execute(
                      at -> Fixture.report(at, "y", ThreatType.SABOTAGE, 1, 50.45, 30.52)))
          .isInstanceOf(EngineHalted.class);
      engine.close();
    }
    try (EventLog log = Fixture.log(dir)) {
      Engine recovered = Fixture.start(log, new TestClock(Fixture.T0));
      assertThat(recovered.haltReason()).isEmpty();
      assertThat(recovered.state().incidents()).isEmpty();
      Outcome o =
          recovered.execute(at -> Fixture.report(at, "x", ThreatType.SABOTAGE, 1, 50.45, 30.52));
      assertThat(o.decision()).isInstanceOf(Decision.Accepted.class);
      recovered.close();
    }
  }

  @Test
  void a_command_the_writer_does_not_reach_in_time_is_withdrawn_and_never_decided()
      throws Exception {
    try (EventLog log = Fixture.log(dir)) {
      Engine engine = Fixture.start(log, new TestClock(Fixture.T0));
      java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      CompletableFuture<Outcome> first =
          engine.submit(
              at -> {
                stalled.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return Fixture.report(at, "first", ThreatType.SABOTAGE, 1, 50.45, 30.52);
              });
      assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
      long before = log.lastPosition();

      assertThatThrownBy(
              () ->
                  engine.execute(
                      at -> Fixture.report(at, "late", ThreatType.SABOTAGE, 1, 50.45, 30.52),
                      Duration.ofMillis(200)))
          .isInstanceOf(EngineBusy.class)
          .hasMessageContaining("withdrawn");

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).decision()).isInstanceOf(Decision.Accepted.class);
      engine.awaitIdle();
      assertThat(engine.haltReason()).isEmpty();
      assertThat(engine.state().incidents()).hasSize(1);
      assertThat(log.lastPosition()).isGreaterThan(before);
      // The engine is sound: the same command, sent again, is decided.
      Outcome again =
          engine.execute(
              at -> Fixture.report(at, "late", ThreatType.SABOTAGE, 1, 50.45, 30.52),
              Duration.ofSeconds(5));
      assertThat(again.decision()).isInstanceOf(Decision.Accepted.class);
      assertThat(engine.state().incidents()).hasSize(2);
      engine.close();
    }
  }

  private static long countType(EventLog log, String type) {
    long[] n = {0};
    log.readAfter(0, e -> n[0] += e.type().equals(type) ? 1 : 0);
    return n[0];
  }

  private static void waitUntil(java.util.function.BooleanSupplier cond)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met in 10 s");
      }
      Thread.sleep(20);
    }
  }
}
