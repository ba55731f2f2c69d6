package org.guarantor.optimizer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.guarantor.domain.plan.PlanLine;
import org.guarantor.domain.plan.ResponsePlan;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.ScopeAnswer;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.domain.treaty.Vocabulary;
import org.locationtech.jts.geom.Envelope;

/**
 * Reproducible instances: the same seed and sizes always give the same instance.
 *
 * <p>Guarantors (one per 100 pledges, 3 to 30) stage pledges at hubs across Europe; incidents fall
 * in a box around the protected state and are activated within a few hours of each other; each has
 * two to six plan lines with deadlines of 6 to 72 hours. Line amounts are drawn so that what is
 * required of each kind is about {@code demand} times what is pledged of it (after what other
 * incidents already hold), so pledges are contended and deadlines bind: the regime where the online
 * allocator's greedy choices can cost coverage. Figures are illustrative.
 */
public final class InstanceGenerator {
  /**
   * Generated instances speak the bundled vocabulary, in its order (so a seed gives what it gave).
   */
  private static final List<ThreatType> THREATS = Vocabulary.DEFAULT.threatTypeCodes();

  /** The activation time of the first incident in generated instances. */
  public static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

  private static final Kind[] KINDS = {
    new Kind(Capability.ARMED_FORCES, Unit.PERSONNEL, 50, 1000),
    new Kind(Capability.AIR_DEFENCE, Unit.SYSTEMS, 1, 6),
    new Kind(Capability.AIR_DEFENCE, Unit.SORTIES, 2, 24),
    new Kind(Capability.WEAPONS, Unit.ITEMS, 10, 200),
    new Kind(Capability.WEAPONS, Unit.ROUNDS, 500, 5000),
    new Kind(Capability.INTELLIGENCE, Unit.FEEDS, 1, 10),
    new Kind(Capability.INTELLIGENCE, Unit.ISR_HOURS, 5, 60),
    new Kind(Capability.TRAINING, Unit.SLOTS, 5, 50)
  };

  private record Kind(Capability capability, Unit unit, long min, long max) {}

  private InstanceGenerator() {}

  /** An instance of about {@code lines} plan lines over {@code pledges} pledges; demand 1.0. */
  public static Instance generate(long seed, int lines, int pledges) {
    return generate(seed, lines, pledges, 1.0);
  }

  public static Instance generate(long seed, int lines, int pledges, double demand) {
    Random rnd = new Random(seed);
    int guarantors = Math.max(3, Math.min(30, pledges / 100));
    List<Instance.Guarantor> gs = new ArrayList<>();
    List<Instance.HubSpec> hubs = new ArrayList<>();
    for (int g = 0; g < guarantors; g++) {
      String code = "G" + (char) ('A' + g / 26) + (char) ('A' + g % 26);
      double reliability = rnd.nextDouble() < 0.8 ? 1.0 : 0.7 + 0.05 * rnd.nextInt(6);
      gs.add(new Instance.Guarantor(code, reliability));
      int n = 1 + rnd.nextInt(3);
      for (int h = 0; h < n; h++) {
        hubs.add(
            new Instance.HubSpec(
                code + "-H" + h, code, 38 + rnd.nextDouble() * 22, -9 + rnd.nextDouble() * 36));
      }
    }
    List<Instance.PledgeSpec> ps = new ArrayList<>();
    long[] pledged = new long[KINDS.length];
    for (int i = 0; i < pledges; i++) {
      int k = rnd.nextInt(KINDS.length);
      Kind kind = KINDS[k];
      Instance.Guarantor g = gs.get(rnd.nextInt(gs.size()));
      List<Instance.HubSpec> own = hubs.stream().filter(h -> h.country().equals(g.code())).toList();
      Instance.HubSpec hub = own.get(rnd.nextInt(own.size()));
      long amount = kind.min + (long) (rnd.nextDouble() * (kind.max - kind.min + 1));
      long held = rnd.nextDouble() < 0.2 ? (long) (amount * rnd.nextDouble() * 0.5) : 0;
      pledged[k] += amount - held;
      Transport.Mode mode;
      double speed;
      if (kind.capability.equals(Capability.INTELLIGENCE)) {
        mode = Transport.Mode.NONE;
        speed = 0;
      } else {
        double r = rnd.nextDouble();
        mode =
            r < 0.35
                ? Transport.Mode.AIR
                : r < 0.75
                    ? Transport.Mode.ROAD
                    : r < 0.95 ? Transport.Mode.RAIL : Transport.Mode.SEA;
        speed =
            mode == Transport.Mode.AIR
                ? 700
                : mode == Transport.Mode.ROAD ? 60 : mode == Transport.Mode.RAIL ? 80 : 30;
      }
      Set<ThreatType> threats = Set.of();
      if (rnd.nextDouble() < 0.1) {
        threats =
            new TreeSet<>(
                List.of(
                    THREATS.get(rnd.nextInt(THREATS.size())),
                    THREATS.get(rnd.nextInt(THREATS.size()))));
      }
      Set<String> regions = rnd.nextDouble() < 0.1 ? Set.of("R" + rnd.nextInt(4)) : Set.of();
      int minSeverity = rnd.nextDouble() < 0.05 ? 4 : 1;
      ps.add(
          new Instance.PledgeSpec(
              String.format("P%05d", i),
              g.code(),
              kind.capability,
              kind.unit,
              amount,
              held,
              60 * (1 + rnd.nextInt(36)),
              hub.id(),
              mode,
              speed,
              mode == Transport.Mode.NONE ? 0 : 30 * (1 + rnd.nextInt(6)),
              threats,
              regions,
              minSeverity));
    }
    // Lines: kinds drawn in proportion to what is pledged of them, amounts sized to the demand.
    int[] linesOfKind = new int[KINDS.length];
    List<Integer> lineKinds = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      int k = rnd.nextInt(KINDS.length);
      linesOfKind[k]++;
      lineKinds.add(k);
    }
    List<Instance.IncidentSpec> incidents = new ArrayList<>();
    int made = 0;
    int n = 0;
    while (made < lines) {
      int size = Math.min(lines - made, 2 + rnd.nextInt(5));
      ThreatType threat = THREATS.get(rnd.nextInt(THREATS.size()));
      List<Instance.LineSpec> ls = new ArrayList<>();
      for (int j = 0; j < size; j++) {
        int k = lineKinds.get(made + j);
        double mean = demand * pledged[k] / Math.max(1, linesOfKind[k]);
        long amount = Math.max(1, Math.round(mean * (0.5 + rnd.nextDouble())));
        ls.add(
            new Instance.LineSpec(
                j + 1, KINDS[k].capability, KINDS[k].unit, amount, 60 * (6 + rnd.nextInt(67))));
      }
      n++;
      incidents.add(
          new Instance.IncidentSpec(
              String.format("INC-%04d", n),
              threat,
              1 + rnd.nextInt(5),
              "R" + rnd.nextInt(6),
              45 + rnd.nextDouble() * 7,
              23 + rnd.nextDouble() * 17,
              T0.plus(Duration.ofMinutes(rnd.nextInt(6 * 60))),
              ls));
      made += size;
    }
    incidents.sort(java.util.Comparator.comparing(Instance.IncidentSpec::activatedAt));
    return new Instance(
        "generated-" + seed + "-" + lines + "x" + pledges, seed, 1.0, gs, hubs, ps, incidents);
  }

  /**
   * Concurrent incidents against a real treaty's hubs and pledges: {@code incidents} of its plans,
   * drawn with the seed, at points in the box [south, north] × [west, east].
   */
  public static Instance fromTreaty(
      Treaty treaty, CoveredTerritory territory, long seed, int incidents) {
    Random rnd = new Random(seed);
    Envelope land = territory.coveredLand().getEnvelopeInternal();
    if (land.isNull()) {
      throw new IllegalArgumentException("treaty " + treaty.id() + " covers no land");
    }
    Map<String, Double> reliability = new HashMap<>();
    List<Instance.HubSpec> hubs = new ArrayList<>();
    for (Hub h : treaty.hubs()) {
      hubs.add(new Instance.HubSpec(h.id().value(), h.country().value(), h.lat(), h.lon()));
    }
    List<Instance.PledgeSpec> ps = new ArrayList<>();
    for (Pledge p : treaty.pledges()) {
      reliability.putIfAbsent(p.guarantor().value(), 1.0);
      Transport t = p.transport();
      ps.add(
          new Instance.PledgeSpec(
              p.id().value(),
              p.guarantor().value(),
              p.capability(),
              p.quantity().unit(),
              p.quantity().amount(),
              0,
              (int) p.readiness().toMinutes(),
              p.hub().value(),
              t.mode(),
              t.speedKmh(),
              (int) t.handling().toMinutes(),
              p.caveats().threatTypes(),
              p.caveats().excludedRegions(),
              p.caveats().minSeverity()));
    }
    List<Instance.IncidentSpec> is = new ArrayList<>();
    List<ResponsePlan> plans = treaty.plans();
    for (int i = 0; i < incidents && !plans.isEmpty(); i++) {
      ResponsePlan plan = plans.get(rnd.nextInt(plans.size()));
      List<Instance.LineSpec> ls = new ArrayList<>();
      for (PlanLine l : plan.lines()) {
        ls.add(
            new Instance.LineSpec(
                l.line(),
                l.capability(),
                l.quantity().unit(),
                l.quantity().amount(),
                (int) l.deadline().toMinutes()));
      }
      double[] at = placeOnLand(territory, land, rnd);
      is.add(
          new Instance.IncidentSpec(
              String.format("INC-%04d", i + 1),
              plan.threat(),
              plan.severity(),
              territory.check(at[0], at[1]).code(),
              at[0],
              at[1],
              T0.plus(Duration.ofMinutes(30L * i)),
              ls));
    }
    List<Instance.Guarantor> gs = new ArrayList<>();
    reliability.forEach((code, r) -> gs.add(new Instance.Guarantor(code, r)));
    gs.sort(java.util.Comparator.comparing(Instance.Guarantor::code));
    return new Instance(treaty.id() + "-" + seed, seed, treaty.burdenWeight(), gs, hubs, ps, is);
  }

  /**
   * A point of covered land, uniform over it in degrees: uniform in its envelope, kept when the
   * territory answers "in covered territory". A territory fills a good part of its envelope, so a
   * few draws suffice; the bound only stops a territory of slivers from looping forever.
   */
  private static double[] placeOnLand(CoveredTerritory territory, Envelope land, Random rnd) {
    for (int attempt = 0; attempt < 100_000; attempt++) {
      double lat = land.getMinY() + rnd.nextDouble() * land.getHeight();
      double lon = land.getMinX() + rnd.nextDouble() * land.getWidth();
      if (territory.check(lat, lon).cause() == ScopeAnswer.Cause.IN_COVERED_TERRITORY) {
        return new double[] {lat, lon};
      }
    }
    throw new IllegalArgumentException("no point of covered land found in " + land);
  }
}
