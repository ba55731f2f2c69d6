package org.guarantor.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** Engines over a real SQLite log with the bundled treaty. */
final class Fixture {
  static final Actor UKR = new Actor(PartyCode.of("UKR"), Role.PROTECTED);
  static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
  private static final GeometryFactory GEO = new GeometryFactory();

  private Fixture() {}

  static Engine start(EventLog log, Clock clock) {
    Engine e = Engine.start(log, new DispatchState(NaturalEarthAtlas.load()), clock);
    if (e.state().treaty().isEmpty()) {
      e.execute(at -> new DispatchCommand.AdoptTreaty(Engine.SYSTEM, at, TreatyFile.bundled()));
    }
    return e;
  }

  static EventLog log(Path dir) {
    return JdbcEventLog.sqlite(dir);
  }

  static DispatchCommand report(
      Instant at, String key, ThreatType type, int severity, double lat, double lon) {
    return new DispatchCommand.FileReport(
        UKR,
        at,
        key,
        new ThreatReport(type, severity, GEO.createPoint(new Coordinate(lon, lat)), at, "test"));
  }
}
