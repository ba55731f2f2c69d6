package org.guarantor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.ledger.GuarantorRecord;
import org.guarantor.domain.ledger.UnitFigures;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A treaty in its own words ({@code treaties/vocabulary.json}: hybrid attacks answered by demining
 * teams) runs through the engine as the bundled one does: a report of its threat type activates and
 * tasks its capability, the ledger counts its unit, and a start from the snapshot equals a replay.
 */
class OwnWordsTest {
  private static final Path OWN_WORDS = Path.of("src/test/resources/treaties/vocabulary.json");
  private static final ThreatType HYBRID_ATTACK = ThreatType.of("HYBRID_ATTACK");
  private static final Unit TEAMS = Unit.of("TEAMS");

  @TempDir Path dir;

  private final TestClock clock = new TestClock(Fixture.T0);

  private Engine start(EventLog log, SnapshotPolicy policy) {
    Engine e = Engine.start(log, new DispatchState(NaturalEarthAtlas.load()), clock, policy);
    if (e.state().treaty().isEmpty()) {
      e.execute(
          at -> new DispatchCommand.AdoptTreaty(Engine.SYSTEM, at, TreatyFile.read(OWN_WORDS)));
    }
    return e;
  }

  @Test
  void a_hybrid_attack_tasks_demining_teams_the_ledger_counts_teams_and_a_snapshot_restores_it()
      throws Exception {
    Path a = dir.resolve("a");
    try (EventLog log = JdbcEventLog.sqlite(a)) {
      Engine e = start(log, SnapshotPolicy.defaults());
      Outcome filed = e.execute(at -> Fixture.report(at, "h1", HYBRID_ATTACK, 3, 50.45, 30.52));
      assertThat(filed.accepted()).as(filed.decision().toString()).isTrue();
      Tasking t = e.state().incidents().iterator().next().taskings().get(0);
      assertThat(t.capability()).isEqualTo(Capability.of("DEMINING"));
      assertThat(t.quantity().unit()).isEqualTo(TEAMS);
      Actor pol = new Actor(t.guarantor(), Role.GUARANTOR);
      e.execute(at -> new DispatchCommand.Acknowledge(pol, at, t.id()));
      // Delivered four days on, a day after its deadline: late in teams, not in people.
      clock.advance(Duration.ofDays(4));
      e.execute(at -> new DispatchCommand.ReportDelivered(pol, at, t.id(), t.quantity().amount()));

      GuarantorRecord record =
          e.state().ledger().snapshot().guarantors().stream()
              .filter(g -> g.guarantor().equals(t.guarantor()))
              .findFirst()
              .orElseThrow();
      assertThat(record.units()).extracting(UnitFigures::unit).containsExactly(TEAMS);
      assertThat(record.units().get(0).unitHoursLate()).isPositive();
      e.close();
      assertThat(log.verify().intact()).isTrue();
    }
    Files.createDirectories(dir.resolve("b"));
    Files.copy(
        a.resolve(JdbcEventLog.SQLITE_FILE_NAME),
        dir.resolve("b").resolve(JdbcEventLog.SQLITE_FILE_NAME));

    try (EventLog fromSnapshot = JdbcEventLog.sqlite(a);
        EventLog replayed = JdbcEventLog.sqlite(dir.resolve("b"))) {
      Engine s = start(fromSnapshot, new SnapshotPolicy(true, false, 0));
      Engine r = start(replayed, SnapshotPolicy.off());

      assertThat(s.restoredFrom()).isPositive();
      assertThat(s.state().image()).isEqualTo(r.state().image());
      assertThat(s.state().ledger().snapshot()).isEqualTo(r.state().ledger().snapshot());
      s.close();
      r.close();
    }
  }

  @Test
  void a_report_of_a_threat_type_the_treaty_does_not_declare_is_refused_naming_type()
      throws Exception {
    try (EventLog log = JdbcEventLog.sqlite(dir)) {
      Engine e = start(log, SnapshotPolicy.off());

      Outcome o = e.execute(at -> Fixture.report(at, "s1", ThreatType.SABOTAGE, 3, 50.45, 30.52));

      assertThat(o.accepted()).isFalse();
      assertThat(((Decision.Rejected) o.decision()).reasons())
          .containsExactly(
              Reason.of(
                  "/type",
                  ReasonType.UNKNOWN_CODE,
                  "SABOTAGE",
                  "threat type",
                  "HYBRID_ATTACK, AIR_ATTACK"));
      e.close();
    }
  }
}
