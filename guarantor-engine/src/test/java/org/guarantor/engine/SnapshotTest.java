package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.StateImage;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.domain.treaty.Vocabulary;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.NewEvent;
import org.guarantor.store.SnapshotInfo;
import org.guarantor.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Starting from a snapshot gives the state a full replay gives; a snapshot of another format or
 * with unreadable bytes is refused for a full replay; a snapshot that no longer matches the log
 * (rewritten, altered) is a witness of tampering, and the start refuses the log.
 */
class SnapshotTest {
  @TempDir Path dir;

  private final TestClock clock = new TestClock(Fixture.T0);

  /** A crisis with every kind of change: taskings in every state, breaches, a ledger history. */
  private void crisis(Engine engine) {
    for (int i = 0; i < 12; i++) {
      int n = i;
      engine.execute(
          at ->
              Fixture.report(
                  at,
                  "c" + n,
                  Vocabulary.DEFAULT.threatTypeCodes().get(n % 5),
                  1 + n % 5,
                  49.6 + n * 0.05,
                  30.6 + n * 0.2));
    }
    GeometryFactory geo = new GeometryFactory();
    engine.execute(
        at ->
            new DispatchCommand.FileReport(
                Fixture.UKR,
                at,
                "area",
                new ThreatReport(
                    ThreatType.AIR_ATTACK,
                    3,
                    geo.createPolygon(
                        new Coordinate[] {
                          new Coordinate(30.0, 50.0),
                          new Coordinate(30.6, 50.0),
                          new Coordinate(30.6, 50.4),
                          new Coordinate(30.0, 50.4),
                          new Coordinate(30.0, 50.0)
                        }),
                    at,
                    "an area")));
    List<Tasking> taskings = new ArrayList<>();
    engine.state().incidents().forEach(i -> taskings.addAll(i.taskings()));
    for (int k = 0; k < taskings.size(); k++) {
      Tasking t = taskings.get(k);
      Actor desk = new Actor(t.guarantor(), Role.GUARANTOR);
      switch (k % 5) {
        case 0 -> engine.execute(at -> new DispatchCommand.Acknowledge(desk, at, t.id()));
        case 1 -> engine.execute(at -> new DispatchCommand.Decline(desk, at, t.id(), "no lift"));
        case 2 ->
            engine.execute(
                at -> new DispatchCommand.ReportDelivered(desk, at, t.id(), t.quantity().amount()));
        case 3 -> engine.execute(at -> new DispatchCommand.ReportDelivered(desk, at, t.id(), 1));
        default -> {} // silent: the clock decides
      }
    }
    clock.advance(Duration.ofHours(4));
    engine.awaitIdle();
    engine.execute(
        at -> new DispatchCommand.Resolve(Engine.SYSTEM, at, new IncidentId("INC-000003"), "ok"));
  }

  private Engine start(EventLog log, SnapshotPolicy policy) {
    Engine e = Engine.start(log, new DispatchState(NaturalEarthAtlas.load()), clock, policy);
    if (e.state().treaty().isEmpty()) {
      e.execute(
          at ->
              new DispatchCommand.AdoptTreaty(
                  Engine.SYSTEM, at, org.guarantor.engine.scenario.TreatyFile.bundled()));
    }
    return e;
  }

  /** What a start rebuilt, and what the next command on an old incident writes. */
  private record Rebuilt(StateImage image, Object ledger, List<StoredEvent> next) {}

  private Rebuilt startAndProbe(Path data, SnapshotPolicy policy) {
    try (EventLog log = JdbcEventLog.sqlite(data)) {
      Engine e = start(log, policy);
      StateImage image = e.state().image();
      Object ledger = e.state().ledger().snapshot();
      // The stream versions: a command on an existing incident continues its stream.
      List<StoredEvent> next =
          e.execute(
                  at ->
                      new DispatchCommand.StandDown(
                          Engine.SYSTEM, at, new IncidentId("INC-000001"), "probe"))
              .stored();
      e.close();
      return new Rebuilt(image, ledger, next);
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    Files.copy(
        from.resolve(JdbcEventLog.SQLITE_FILE_NAME), to.resolve(JdbcEventLog.SQLITE_FILE_NAME));
  }

  private static void sql(Path data, String statement) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + data.resolve(JdbcEventLog.SQLITE_FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void a_restart_from_the_snapshot_written_on_close_equals_a_full_replay() throws Exception {
    Path a = dir.resolve("a");
    long last;
    try (EventLog log = JdbcEventLog.sqlite(a)) {
      Engine e = start(log, SnapshotPolicy.defaults());
      crisis(e);
      e.close();
      last = log.lastPosition();
      assertThat(log.snapshots()).extracting(SnapshotInfo::position).containsExactly(last);
    }
    copy(a, dir.resolve("b"));

    Rebuilt fromSnapshot = startAndProbe(a, new SnapshotPolicy(true, false, 0));
    Rebuilt replayed = startAndProbe(dir.resolve("b"), SnapshotPolicy.off());

    assertThat(fromSnapshot.image().eventCount()).isEqualTo(last);
    assertThat(fromSnapshot.image()).isEqualTo(replayed.image());
    assertThat(fromSnapshot.ledger()).isEqualTo(replayed.ledger());
    assertThat(fromSnapshot.image().ledger().history()).isNotEmpty();
    // Same stream versions, positions and hashes: the two logs stay identical.
    assertThat(fromSnapshot.next()).isNotEmpty().isEqualTo(replayed.next());
  }

  @Test
  void a_start_after_a_crash_restores_the_periodic_snapshot_and_replays_the_tail()
      throws Exception {
    Path a = dir.resolve("a");
    try (EventLog log = JdbcEventLog.sqlite(a)) {
      Engine e = start(log, SnapshotPolicy.defaults().every(20));
      crisis(e);
      long periodic = awaitSnapshot(log);
      e.close();
      assertThat(periodic).isLessThan(log.lastPosition());
    }
    // As if the process had died before its close: only the periodic snapshot is left.
    sql(a, "DELETE FROM snapshots WHERE position = (SELECT MAX(position) FROM snapshots)");
    copy(a, dir.resolve("b"));

    Rebuilt fromSnapshot = startAndProbe(a, new SnapshotPolicy(true, false, 0));
    Rebuilt replayed = startAndProbe(dir.resolve("b"), SnapshotPolicy.off());

    assertThat(fromSnapshot.image()).isEqualTo(replayed.image());
    assertThat(fromSnapshot.ledger()).isEqualTo(replayed.ledger());
    assertThat(fromSnapshot.next()).isEqualTo(replayed.next());
  }

  @Test
  void a_periodic_snapshot_waits_the_minimum_interval_after_the_previous_one() throws Exception {
    try (EventLog log = JdbcEventLog.sqlite(dir.resolve("a"))) {
      Engine e = start(log, SnapshotPolicy.defaults().every(5).atMostEvery(Duration.ofHours(1)));
      reports(e, "a", 6);
      awaitSnapshot(log);
      reports(e, "b", 6);
      Thread.sleep(300); // room for a second snapshot, which must not come
      assertThat(log.snapshots()).as("periodic snapshots within the hour").hasSize(1);
      e.close();
    }
    try (EventLog log = JdbcEventLog.sqlite(dir.resolve("b"))) {
      Engine e = start(log, SnapshotPolicy.defaults().every(5).atMostEvery(Duration.ZERO));
      reports(e, "a", 6);
      long first = awaitSnapshot(log);
      reports(e, "b", 6);
      for (int i = 0; i < 500 && log.snapshots().size() < 2; i++) {
        Thread.sleep(20);
      }
      assertThat(log.snapshots()).as("with no interval, the next comes after 5 events").hasSize(2);
      assertThat(log.snapshots().get(0).position()).isGreaterThan(first);
      e.close();
    }
    assertThatThrownBy(() -> SnapshotPolicy.defaults().atMostEvery(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minInterval");
  }

  private static void reports(Engine e, String keyPrefix, int count) {
    for (int i = 0; i < count; i++) {
      int n = i;
      e.execute(
          at -> Fixture.report(at, keyPrefix + n, ThreatType.AIR_ATTACK, 3, 49.6 + n * 0.01, 30.6));
    }
  }

  private static long awaitSnapshot(EventLog log) throws InterruptedException {
    for (int i = 0; i < 500 && log.snapshots().isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(log.snapshots()).as("a periodic snapshot").isNotEmpty();
    return log.snapshots().get(0).position();
  }

  /** Runs a crisis into {@code a}, closes (one snapshot), and returns the snapshot. */
  private SnapshotInfo crisisWithSnapshot(Path a) {
    try (EventLog log = JdbcEventLog.sqlite(a)) {
      Engine e = start(log, SnapshotPolicy.defaults());
      crisis(e);
      e.close();
      return log.snapshots().get(0);
    }
  }

  private static String descriptionOf(Engine e, String key) {
    return e.state().incidents().stream()
        .filter(i -> i.key().equals(key))
        .map(Incident::report)
        .map(ThreatReport::description)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_log_rewritten_below_the_snapshot_with_a_valid_chain_is_refused_not_papered_over()
      throws Exception {
    Path a = dir.resolve("a");
    crisisWithSnapshot(a);
    // A forger writes the same events into a new log, one report changed, so every hash from
    // there on is recomputed and the chain verifies; the old snapshot is carried over.
    Path b = dir.resolve("b");
    try (EventLog original = JdbcEventLog.sqlite(a);
        EventLog forged = JdbcEventLog.sqlite(b)) {
      List<NewEvent> events = new ArrayList<>();
      original.readAfter(
          0,
          s ->
              events.add(
                  new NewEvent(
                      s.streamId(),
                      s.streamVersion(),
                      s.type(),
                      s.payload().replace("\"description\":\"test\"", "\"description\":\"forged\""),
                      s.recordedAt())));
      forged.append(events);
    }
    sql(
        b,
        "ATTACH DATABASE '"
            + a.resolve(JdbcEventLog.SQLITE_FILE_NAME)
            + "' AS original; INSERT INTO snapshots SELECT * FROM original.snapshots");

    try (EventLog log = JdbcEventLog.sqlite(b)) {
      assertThat(log.verify().intact()).isTrue();
      SnapshotInfo carried = log.snapshots().get(0);
      assertThat(log.snapshotMismatch(carried))
          .hasValueSatisfying(p -> assertThat(p).contains("rewritten"));
      // The snapshot is the witness: the start refuses, naming it.
      assertThatThrownBy(() -> start(log, new SnapshotPolicy(true, false, 0)))
          .isInstanceOfSatisfying(
              BrokenLog.class,
              refused -> {
                assertThat(refused.position()).isEqualTo(carried.position());
                assertThat(refused.findings())
                    .singleElement()
                    .asString()
                    .contains("DOES NOT MATCH the log")
                    .contains("rewritten");
              });
      assertThat(log.lastPosition()).as("nothing appended").isEqualTo(carried.position());
      // Unchecked, the replay would neither trust the snapshot nor see the forgery.
      Engine e =
          Engine.start(
              log,
              new DispatchState(NaturalEarthAtlas.load()),
              clock,
              new SnapshotPolicy(true, false, 0),
              StartCheck.NONE);
      assertThat(descriptionOf(e, "c0")).isEqualTo("forged");
      e.close();
    }
  }

  @Test
  void an_edit_below_a_matching_snapshot_with_the_hashes_left_alone_halts_before_the_first_write()
      throws Exception {
    Path a = dir.resolve("a");
    SnapshotInfo s = crisisWithSnapshot(a);
    // The first report, far below the snapshot: the snapshot's own event and hash are untouched,
    // so only re-hashing the edited event finds it. The start serves the state the snapshot
    // vouches for at once, and checks the events below before it takes any command.
    sql(
        a,
        "UPDATE events SET payload = replace(payload, '\"description\":\"test\"',"
            + " '\"description\":\"edited\"') WHERE position = (SELECT min(position) FROM"
            + " events WHERE type = 'IncidentReported')");
    try (EventLog log = JdbcEventLog.sqlite(a)) {
      assertThat(log.snapshotMismatch(s)).isEmpty();
      long bad = log.verify().firstBadPosition();
      assertThat(bad).isPositive().isLessThan(s.position());
      Engine e =
          Engine.start(
              log,
              new DispatchState(NaturalEarthAtlas.load()),
              clock,
              new SnapshotPolicy(true, true, 0));
      try {
        assertThat(e.lastPosition()).isEqualTo(s.position());
        assertThatThrownBy(() -> e.chainChecked().get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(BrokenLog.class)
            .cause()
            .satisfies(
                x -> {
                  BrokenLog b = (BrokenLog) x;
                  assertThat(b.position()).isEqualTo(bad);
                  assertThat(b.findings()).containsExactly(BrokenLog.chainFinding(log.verify()));
                });
        assertThat(e.haltReason())
            .hasValueSatisfying(r -> assertThat(r).contains("position " + bad));
        assertThatThrownBy(
                () ->
                    e.execute(
                        at -> Fixture.report(at, "after", ThreatType.AIR_ATTACK, 3, 49.6, 30.6)))
            .isInstanceOf(EngineHalted.class)
            .hasMessageContaining("position " + bad);
      } finally {
        e.close();
      }
      assertThat(log.lastPosition()).isEqualTo(s.position());
      assertThat(log.snapshots()).extracting(SnapshotInfo::position).containsExactly(s.position());
    }
  }

  @Test
  void a_start_from_a_snapshot_serves_before_the_chain_below_is_checked_and_writes_only_after()
      throws Exception {
    Path a = dir.resolve("a");
    SnapshotInfo s = crisisWithSnapshot(a);
    CountDownLatch belowMayBeChecked = new CountDownLatch(1);
    List<Long> checkedFrom = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (EventLog real = JdbcEventLog.sqlite(a)) {
      // The log as the engine sees it; the check of the whole chain waits for the test.
      EventLog log =
          (EventLog)
              java.lang.reflect.Proxy.newProxyInstance(
                  EventLog.class.getClassLoader(),
                  new Class<?>[] {EventLog.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("verify")) {
                      checkedFrom.add(1L);
                      belowMayBeChecked.await();
                    } else if (method.getName().equals("verifyFrom")) {
                      checkedFrom.add((Long) args[0]);
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException x) {
                      throw x.getCause();
                    }
                  });
      Engine e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () ->
                  Engine.start(
                      log,
                      new DispatchState(NaturalEarthAtlas.load()),
                      clock,
                      new SnapshotPolicy(true, true, 0)));
      try {
        // Started, serving the snapshot's state, with the chain below it not yet checked.
        assertThat(e.lastPosition()).isEqualTo(s.position());
        assertThat(checkedFrom).startsWith(s.position());
        assertThat(e.chainChecked()).isNotDone();
        CompletableFuture<Outcome> report =
            e.submit(at -> Fixture.report(at, "waits", ThreatType.AIR_ATTACK, 3, 49.6, 30.6));
        Thread.sleep(300);
        assertThat(report).as("no write before the chain below is checked").isNotDone();
        assertThat(real.lastPosition()).isEqualTo(s.position());

        belowMayBeChecked.countDown();
        assertThat(report.get(60, TimeUnit.SECONDS)).isNotNull();
        assertThat(e.chainChecked()).isCompleted();
        assertThat(real.lastPosition()).isGreaterThan(s.position());
      } finally {
        belowMayBeChecked.countDown();
        e.close();
      }
    }
  }

  @Test
  void an_edit_of_the_event_at_the_snapshot_position_is_refused_and_verify_reports_it()
      throws Exception {
    Path a = dir.resolve("a");
    SnapshotInfo s = crisisWithSnapshot(a);
    sql(
        a,
        "UPDATE events SET payload = replace(payload, '\"note\":\"ok\"', '\"note\":\"edited\"')"
            + " WHERE position = "
            + s.position());

    try (EventLog log = JdbcEventLog.sqlite(a)) {
      assertThat(log.verify().firstBadPosition()).isEqualTo(s.position());
      assertThat(log.snapshotMismatch(s)).isPresent();
      assertThatThrownBy(() -> start(log, new SnapshotPolicy(true, false, 0)))
          .isInstanceOfSatisfying(
              BrokenLog.class,
              b -> {
                assertThat(b.position()).isEqualTo(s.position());
                assertThat(b.findings().get(0)).isEqualTo(BrokenLog.chainFinding(log.verify()));
                assertThat(b.findings().get(1)).contains("no longer matches its stored hash");
              });
      // Unchecked, a replay would apply the edit.
      Engine e =
          Engine.start(
              log,
              new DispatchState(NaturalEarthAtlas.load()),
              clock,
              new SnapshotPolicy(true, false, 0),
              StartCheck.NONE);
      assertThat(e.state().incident(new IncidentId("INC-000003")).orElseThrow().closingNote())
          .isEqualTo("edited");
      e.close();
    }
  }

  @Test
  void a_snapshot_of_another_format_or_unreadable_bytes_is_refused_for_a_full_replay()
      throws Exception {
    Path a = dir.resolve("a");
    crisisWithSnapshot(a);
    copy(a, dir.resolve("b"));
    sql(a, "UPDATE snapshots SET format = 'guarantor-state/0;000000000000'");
    sql(dir.resolve("b"), "UPDATE snapshots SET data = X'47534e5000'");

    for (Path data : List.of(a, dir.resolve("b"))) {
      try (EventLog log = JdbcEventLog.sqlite(data)) {
        Engine e = start(log, new SnapshotPolicy(true, false, 0));
        assertThat(e.lastPosition()).isEqualTo(log.lastPosition());
        assertThat(e.state().eventCount()).isEqualTo(log.lastPosition());
        assertThat(e.state().incidents()).hasSize(13);
        e.close();
      }
    }
  }
}
