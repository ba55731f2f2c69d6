package org.guarantor.domain.treaty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.guarantor.domain.incident.Scope;
import org.guarantor.domain.incident.ThreatReport;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Caveats;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.Region;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.territory.TerritoryDefinition;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A small treaty for tests: Ukraine protected; Poland, the United Kingdom and Germany guarantors;
 * the secretariat and an observer; three real hubs; pledges across capabilities; three plans.
 *
 * <p>The territory is hand-made, not real boundary data: a square "Test Oblast" (UA-TEST) around
 * Kyiv is covered, a square "Excluded Oblast" (UA-EXCL) around Donetsk is cut out, and a square
 * "Poland" is another state. Every figure is illustrative.
 */
public final class TestTreaty {
  public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  public static final Instant ADOPTED_AT = Instant.parse("2024-12-20T12:00:00Z");
  public static final Instant EFFECTIVE = Instant.parse("2025-01-01T00:00:00Z");

  /** The time of the call in most scenarios. */
  public static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  public static final PartyCode UKR = PartyCode.of("UKR");
  public static final PartyCode POL = PartyCode.of("POL");
  public static final PartyCode GBR = PartyCode.of("GBR");
  public static final PartyCode DEU = PartyCode.of("DEU");
  public static final PartyCode SEC = PartyCode.of("SEC");
  public static final PartyCode OBS = PartyCode.of("OBS");

  /** A state that claims the guarantor role but is no party to this treaty. */
  public static final PartyCode USA = PartyCode.of("USA");

  public static final Actor UKR_OPS = new Actor(UKR, Role.PROTECTED);
  public static final Actor POL_DESK = new Actor(POL, Role.GUARANTOR);
  public static final Actor GBR_DESK = new Actor(GBR, Role.GUARANTOR);
  public static final Actor DEU_DESK = new Actor(DEU, Role.GUARANTOR);
  public static final Actor USA_DESK = new Actor(USA, Role.GUARANTOR);
  public static final Actor SECRETARIAT = new Actor(SEC, Role.SECRETARIAT);
  public static final Actor OBSERVER = new Actor(OBS, Role.OBSERVER);

  public static final String TERRITORY_VERSION = "test-territory-1";

  public static final Region TEST_OBLAST = square("UA-TEST", "Test Oblast", "UKR", 30, 49, 32, 51);
  public static final Region EXCLUDED_OBLAST =
      square("UA-EXCL", "Excluded Oblast", "UKR", 36, 47, 39, 49);
  public static final Region POLAND = square("POL", "Poland", "POL", 14, 49, 24, 55);

  public static final Point KYIV = point(50.4501, 30.5234);
  public static final Point ZHYTOMYR_WAY = point(50.2, 31.6);
  public static final Point DONETSK = point(48.0159, 37.8028);
  public static final Point WARSAW = point(52.2297, 21.0122);
  public static final Point BLACK_SEA = point(43.0, 34.0);

  public static final Hub RZESZOW = new Hub(new HubId("PL-RZE"), "Rzeszów", POL, 50.0412, 21.9991);
  public static final Hub RAMSTEIN = new Hub(new HubId("DE-RAM"), "Ramstein", DEU, 49.4369, 7.6003);
  public static final Hub BRIZE_NORTON =
      new Hub(new HubId("GB-BZN"), "Brize Norton", GBR, 51.7500, -1.5836);

  /**
   * Two air-defence systems, ready in 6 h, flown from Ramstein: at Kyiv in about 9.4 h, just after
   * the United Kingdom's. The allocator uses the pledge with the least margin first, so for a line
   * due in 12 h Germany's two go first and then two of the United Kingdom's four: the standard call
   * that the dispatch tests start from.
   */
  public static final Pledge DEU_AD =
      pledge("DEU-AD-1", DEU, Capability.AIR_DEFENCE, 2, Unit.SYSTEMS, 6, RAMSTEIN, air(1));

  /** Four air-defence systems, ready in 4 h, flown from Brize Norton: at Kyiv in about 9.1 h. */
  public static final Pledge GBR_AD =
      pledge("GBR-AD-1", GBR, Capability.AIR_DEFENCE, 4, Unit.SYSTEMS, 4, BRIZE_NORTON, air(2));

  /** Ten intelligence feeds, delivered remotely two hours after the call. */
  public static final Pledge GBR_INT =
      pledge(
          "GBR-INT-1",
          GBR,
          Capability.INTELLIGENCE,
          10,
          Unit.FEEDS,
          2,
          BRIZE_NORTON,
          Transport.none());

  /** A thousand troops, ready in 12 h, by road from Rzeszów: at Kyiv in about a day. */
  public static final Pledge POL_AF =
      pledge("POL-AF-1", POL, Capability.ARMED_FORCES, 1000, Unit.PERSONNEL, 12, RZESZOW, road(1));

  /** Eight hundred troops, ready in 24 h, by road from Ramstein: at Kyiv only after two days. */
  public static final Pledge DEU_AF =
      pledge("DEU-AF-1", DEU, Capability.ARMED_FORCES, 800, Unit.PERSONNEL, 24, RAMSTEIN, road(2));

  /** Five thousand rounds, ready in 24 h, by road from Rzeszów. */
  public static final Pledge POL_WPN =
      pledge("POL-WPN-1", POL, Capability.WEAPONS, 5000, Unit.ROUNDS, 24, RZESZOW, road(1));

  /** Air attack, severity 3: four systems in 12 h and two feeds in 6 h; the pledges cover it. */
  public static final ResponsePlan AIR_3 =
      plan(
          ThreatType.AIR_ATTACK,
          3,
          line(1, Capability.AIR_DEFENCE, 4, Unit.SYSTEMS, 12),
          line(2, Capability.INTELLIGENCE, 2, Unit.FEEDS, 6));

  /** Air attack, severity 5: eight systems (six pledged) and two sorties (none pledged). */
  public static final ResponsePlan AIR_5 =
      plan(
          ThreatType.AIR_ATTACK,
          5,
          line(1, Capability.AIR_DEFENCE, 8, Unit.SYSTEMS, 12),
          line(2, Capability.AIR_DEFENCE, 2, Unit.SORTIES, 6));

  /** Ground invasion, severity 4: 1500 troops in 48 h (only Poland's arrive in time), rounds. */
  public static final ResponsePlan GROUND_4 =
      plan(
          ThreatType.GROUND_INVASION,
          4,
          line(1, Capability.ARMED_FORCES, 1500, Unit.PERSONNEL, 48),
          line(2, Capability.WEAPONS, 2000, Unit.ROUNDS, 72));

  /** Sabotage, severity 3: two lines of troops drawing on the same pledges, 48 h and 72 h. */
  public static final ResponsePlan SABOTAGE_3 =
      plan(
          ThreatType.SABOTAGE,
          3,
          line(1, Capability.ARMED_FORCES, 600, Unit.PERSONNEL, 48),
          line(2, Capability.ARMED_FORCES, 600, Unit.PERSONNEL, 72));

  /** A threat type of no bundled vocabulary, declared by {@link #DEMINING_WORDS}. */
  public static final ThreatType HYBRID_ATTACK = ThreatType.of("HYBRID_ATTACK");

  /** A unit that does not count people. */
  public static final Unit TEAMS = Unit.of("TEAMS");

  public static final Capability DEMINING = Capability.of("DEMINING");

  /**
   * A treaty's own words, replacing the bundled ones: hybrid attacks and air attacks; demining
   * counted in teams, air defence in systems; teams and systems, neither counting people.
   */
  public static final Vocabulary DEMINING_WORDS =
      new Vocabulary(
          List.of(
              new Vocabulary.ThreatTypeTerm(HYBRID_ATTACK, "Hybrid attack"),
              new Vocabulary.ThreatTypeTerm(ThreatType.AIR_ATTACK, null)),
          List.of(
              new Vocabulary.UnitTerm(TEAMS, "Teams", false),
              new Vocabulary.UnitTerm(Unit.SYSTEMS, null, null)),
          List.of(
              new Vocabulary.CapabilityTerm(DEMINING, "Demining", List.of(TEAMS)),
              new Vocabulary.CapabilityTerm(Capability.AIR_DEFENCE, null, List.of(Unit.SYSTEMS))));

  /** Six demining teams, ready in 6 h, by road from Rzeszów. */
  public static final Pledge POL_DEM =
      pledge("POL-DEM-1", POL, DEMINING, 6, TEAMS, 6, RZESZOW, road(1));

  /** Hybrid attack, severity 2: four demining teams within 48 hours. */
  public static final ResponsePlan HYBRID_2 =
      plan(HYBRID_ATTACK, 2, line(1, DEMINING, 4, TEAMS, 48));

  private TestTreaty() {}

  /** Version 1 in {@link #DEMINING_WORDS}: Poland's demining teams, Germany's air defence. */
  public static Treaty demining() {
    return builder()
        .vocabulary(DEMINING_WORDS)
        .pledges(POL_DEM, DEU_AD)
        .plans(
            HYBRID_2,
            plan(ThreatType.AIR_ATTACK, 3, line(1, Capability.AIR_DEFENCE, 2, Unit.SYSTEMS, 12)))
        .build();
  }

  /** Version 1 with automatic activation. */
  public static Treaty treaty() {
    return builder().build();
  }

  /** Version 1 activating only after {@code k} guarantors corroborate within {@code within}. */
  public static Treaty corroborating(int k, Duration within) {
    return builder()
        .activation(new ActivationRule(ActivationRule.Kind.CORROBORATION, k, within))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Atlas atlas() {
    return new Atlas(List.of(TEST_OBLAST, EXCLUDED_OBLAST), List.of(POLAND));
  }

  /** Ukraine's regions in the atlas, minus the excluded oblast. */
  public static TerritoryDefinition territory() {
    return new TerritoryDefinition(
        TERRITORY_VERSION, List.of("UKR"), List.of("UA-EXCL"), List.of(), 0);
  }

  public static List<Party> parties() {
    return List.of(
        new Party(UKR, "Ukraine", Role.PROTECTED),
        new Party(POL, "Poland", Role.GUARANTOR),
        new Party(GBR, "United Kingdom", Role.GUARANTOR),
        new Party(DEU, "Germany", Role.GUARANTOR),
        new Party(SEC, "Coordination centre", Role.SECRETARIAT),
        new Party(OBS, "Public observer", Role.OBSERVER));
  }

  /** The scope recorded for a report inside Test Oblast under version 1. */
  public static Scope inTestOblast() {
    return Scope.of(
        new ScopeAnswer(true, ScopeAnswer.Cause.IN_COVERED_TERRITORY, "UA-TEST", "Test Oblast", 1),
        TERRITORY_VERSION,
        1);
  }

  /** The scope recorded for a report inside the excluded oblast under version 1. */
  public static Scope inExcludedOblast() {
    return Scope.of(
        new ScopeAnswer(
            false, ScopeAnswer.Cause.IN_EXCLUDED_REGION, "UA-EXCL", "Excluded Oblast", 0),
        TERRITORY_VERSION,
        1);
  }

  /** A report observed ten minutes before {@link #T0}. */
  public static ThreatReport report(ThreatType type, int severity, Point where) {
    return new ThreatReport(
        type, severity, where, T0.minus(Duration.ofMinutes(10)), "test report " + type);
  }

  public static Point point(double lat, double lon) {
    return GEOMETRY.createPoint(new Coordinate(lon, lat));
  }

  /** A closed ring from (lon, lat) pairs; the last pair may be omitted. */
  public static Polygon polygon(double... lonLat) {
    List<Coordinate> cs = new ArrayList<>();
    for (int i = 0; i < lonLat.length; i += 2) {
      cs.add(new Coordinate(lonLat[i], lonLat[i + 1]));
    }
    if (!cs.get(0).equals2D(cs.get(cs.size() - 1))) {
      cs.add(cs.get(0));
    }
    return GEOMETRY.createPolygon(cs.toArray(new Coordinate[0]));
  }

  public static Region square(
      String code,
      String name,
      String country,
      double west,
      double south,
      double east,
      double north) {
    return new Region(
        code, name, country, polygon(west, south, east, south, east, north, west, north));
  }

  public static Transport air(int handlingHours) {
    return new Transport(Transport.Mode.AIR, 700, Duration.ofHours(handlingHours));
  }

  public static Transport road(int handlingHours) {
    return new Transport(Transport.Mode.ROAD, 60, Duration.ofHours(handlingHours));
  }

  public static Pledge pledge(
      String id,
      PartyCode guarantor,
      Capability capability,
      long amount,
      Unit unit,
      int readinessHours,
      Hub hub,
      Transport transport) {
    return new Pledge(
        new PledgeId(id),
        guarantor,
        capability,
        Quantity.of(amount, unit),
        Duration.ofHours(readinessHours),
        hub.id(),
        transport,
        Caveats.none(),
        null,
        null);
  }

  public static PlanLine line(
      int line, Capability capability, long amount, Unit unit, int deadlineHours) {
    return new PlanLine(
        line, capability, Quantity.of(amount, unit), Duration.ofHours(deadlineHours));
  }

  public static ResponsePlan plan(ThreatType threat, int severity, PlanLine... lines) {
    return new ResponsePlan(threat, severity, List.of(lines));
  }

  public static Caveats caveats(Set<ThreatType> threats, Set<String> regions, int minSeverity) {
    return new Caveats(threats, regions, minSeverity);
  }

  /** Builds variations of the test treaty: start from the valid one, change one thing. */
  public static final class Builder {
    private String id = "test-treaty";
    private int version = 1;
    private Instant effectiveFrom = EFFECTIVE;
    private PartyCode protectedState = UKR;
    private List<Party> parties = TestTreaty.parties();
    private ActivationRule activation = ActivationRule.automatic();
    private Duration acknowledgementDeadline = Duration.ofHours(1);
    private TerritoryDefinition territory = TestTreaty.territory();
    private List<Hub> hubs = List.of(RZESZOW, RAMSTEIN, BRIZE_NORTON);
    private List<Pledge> pledges = List.of(DEU_AD, GBR_AD, GBR_INT, POL_AF, DEU_AF, POL_WPN);
    private List<ResponsePlan> plans = List.of(AIR_3, AIR_5, GROUND_4, SABOTAGE_3);
    private Duration gracePeriod = Duration.ofHours(2);
    private Consequences consequences = Consequences.none();
    private boolean reprioritiseBySeverity;
    private Double burdenWeight;
    private Duration safetyMargin;
    private Governance governance;
    private Vocabulary vocabulary;

    private Builder() {}

    public Builder vocabulary(Vocabulary value) {
      vocabulary = value;
      return this;
    }

    public Builder governance(Governance value) {
      governance = value;
      return this;
    }

    public Builder reprioritiseBySeverity(boolean value) {
      reprioritiseBySeverity = value;
      return this;
    }

    public Builder burdenWeight(Double value) {
      burdenWeight = value;
      return this;
    }

    public Builder safetyMargin(Duration value) {
      safetyMargin = value;
      return this;
    }

    public Builder gracePeriod(Duration value) {
      gracePeriod = value;
      return this;
    }

    public Builder consequences(Consequences value) {
      consequences = value;
      return this;
    }

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder version(int value) {
      version = value;
      return this;
    }

    public Builder effectiveFrom(Instant value) {
      effectiveFrom = value;
      return this;
    }

    public Builder protectedState(PartyCode value) {
      protectedState = value;
      return this;
    }

    public Builder parties(List<Party> value) {
      parties = value;
      return this;
    }

    public Builder activation(ActivationRule value) {
      activation = value;
      return this;
    }

    public Builder acknowledgementDeadline(Duration value) {
      acknowledgementDeadline = value;
      return this;
    }

    public Builder territory(TerritoryDefinition value) {
      territory = value;
      return this;
    }

    public Builder hubs(List<Hub> value) {
      hubs = value;
      return this;
    }

    public Builder pledges(Pledge... value) {
      pledges = List.of(value);
      return this;
    }

    public Builder plans(ResponsePlan... value) {
      plans = List.of(value);
      return this;
    }

    public Treaty build() {
      return new Treaty(
          id,
          version,
          "Test guarantee treaty",
          effectiveFrom,
          protectedState,
          parties,
          activation,
          acknowledgementDeadline,
          Duration.ofHours(24),
          territory,
          hubs,
          pledges,
          plans,
          "Illustrative figures for tests.",
          gracePeriod,
          Duration.ofHours(24),
          consequences,
          reprioritiseBySeverity,
          burdenWeight,
          safetyMargin,
          governance,
          vocabulary);
    }
  }
}
