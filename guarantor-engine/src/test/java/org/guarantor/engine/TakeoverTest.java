package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.WriterFenced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby follows the log another engine writes, then takes over: it sees every event the writer
 * made durable, the old writer can append nothing more, and the new one goes on where it stopped.
 */
class TakeoverTest {
  @TempDir Path dir;

  @Test
  void a_standby_follows_the_writer_and_takes_no_command() throws Exception {
    TestClock clock = new TestClock(Fixture.T0);
    try (EventLog writerLog = Fixture.log(dir);
        EventLog standbyLog = Fixture.log(dir)) {
      Engine writer = Fixture.start(writerLog, clock);
      Engine standby = follow(standbyLog, clock);
      List<Published> told = new CopyOnWriteArrayList<>();
      standby.onPublished(told::addAll);

      for (int i = 0; i < 5; i++) {
        int n = i;
        writer.execute(at -> Fixture.report(at, "f" + n, ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      }
      await(() -> standby.lastPosition() == writer.lastPosition());

      assertThat(standby.isWriter()).isFalse();
      assertThat(standby.state().incidents()).hasSize(5);
      assertThat(incidentIds(standby)).isEqualTo(incidentIds(writer));
      assertThat(told).isNotEmpty();
      assertThat(told.get(told.size() - 1).stored().position()).isEqualTo(writer.lastPosition());
      assertThatThrownBy(
              () ->
                  standby.execute(
                      at -> Fixture.report(at, "x", ThreatType.SABOTAGE, 1, 50.45, 30.52),
                      java.time.Duration.ofSeconds(1)))
          .isInstanceOf(EngineStandby.class);
      assertThatThrownBy(
              () ->
                  standby
                      .submit(at -> Fixture.report(at, "x", ThreatType.SABOTAGE, 1, 50.45, 30.52))
                      .get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(EngineStandby.class);
      writer.close();
      standby.close();
    }
  }

  @Test
  void after_a_claim_the_new_writer_goes_on_and_the_old_one_is_fenced() throws Exception {
    TestClock clock = new TestClock(Fixture.T0);
    try (EventLog writerLog = Fixture.log(dir);
        EventLog standbyLog = Fixture.log(dir)) {
      Engine old = Fixture.start(writerLog, clock);
      Engine standby = follow(standbyLog, clock);
      old.execute(at -> Fixture.report(at, "a", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      long beforeClaim = old.lastPosition();

      standbyLog.claimWriter("hub-b");
      standby.promote();

      assertThat(standby.isWriter()).isTrue();
      assertThat(standby.lastPosition()).isEqualTo(beforeClaim);
      // The old writer decides the command but cannot make it durable: it halts, fenced.
      assertThatThrownBy(
              () -> old.execute(at -> Fixture.report(at, "b", ThreatType.SABOTAGE, 1, 50.0, 30.0)))
          .isInstanceOf(EngineHalted.class);
      assertThat(old.haltCause()).containsInstanceOf(WriterFenced.class);

      Outcome repeated =
          standby.execute(at -> Fixture.report(at, "a", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      Outcome next =
          standby.execute(at -> Fixture.report(at, "b", ThreatType.SABOTAGE, 1, 50.0, 30.0));

      assertThat(repeated.decision())
          .isInstanceOfSatisfying(
              org.guarantor.domain.dispatch.Decision.Accepted.class,
              a -> assertThat(a.repeated()).isTrue());
      assertThat(next.stored().get(0).position()).isEqualTo(beforeClaim + 1);
      assertThat(standby.state().incidents()).hasSize(2);
      assertThat(standbyLog.verify().intact()).isTrue();
      old.close();
      standby.close();
    }
  }

  @Test
  void a_standby_that_finds_the_chain_broken_halts_before_it_applies_it() throws Exception {
    TestClock clock = new TestClock(Fixture.T0);
    try (EventLog writerLog = Fixture.log(dir);
        EventLog standbyLog = Fixture.log(dir)) {
      Engine writer = Fixture.start(writerLog, clock);
      Engine standby = follow(standbyLog, clock);
      writer.execute(at -> Fixture.report(at, "a", ThreatType.AIR_ATTACK, 3, 50.45, 30.52));
      await(() -> standby.lastPosition() == writer.lastPosition());
      long followed = standby.lastPosition();

      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + dir.resolve(JdbcEventLog.SQLITE_FILE_NAME));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET payload = payload || ' ' WHERE position = " + followed);
      }
      writer.execute(at -> Fixture.report(at, "b", ThreatType.SABOTAGE, 1, 50.0, 30.0));
      await(() -> standby.haltReason().isPresent());

      assertThat(standby.haltReason().get()).contains("position " + followed);
      assertThat(standby.lastPosition()).isEqualTo(followed);
      assertThatThrownBy(standby::promote).isInstanceOf(EngineHalted.class);
      writer.close();
      standby.close();
    }
  }

  private static Engine follow(EventLog log, TestClock clock) {
    return Engine.follow(
        log, new DispatchState(NaturalEarthAtlas.load()), clock, SnapshotPolicy.defaults());
  }

  private static List<String> incidentIds(Engine e) {
    return e.state().incidents().stream().map(Incident::id).map(Object::toString).sorted().toList();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached within 20 s");
      }
      Thread.sleep(20);
    }
  }
}
