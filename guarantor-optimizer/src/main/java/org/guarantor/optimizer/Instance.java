package org.guarantor.optimizer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.plan.ThreatType;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Caveats;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Quantity;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.HubId;

/**
 * A reproducible allocation instance in its file form: guarantors, hubs, pledges (with what other
 * incidents already hold), and concurrent incidents with their plan lines. Plain values only, so
 * that it reads and writes as JSON without custom codecs. Immutable.
 *
 * @param seed the generator seed it came from (0 when written by hand)
 * @param burdenWeight the treaty's burden weight ({@link Problem#burdenWeight()}): 0 turns
 *     burden-sharing off; the online allocator weighs it against margin, the exact optimizer keeps
 *     any positive value as its second objective after coverage
 */
public record Instance(
    String name,
    long seed,
    double burdenWeight,
    List<Guarantor> guarantors,
    List<HubSpec> hubs,
    List<PledgeSpec> pledges,
    List<IncidentSpec> incidents) {

  public Instance {
    name = name == null ? "" : name;
    guarantors = guarantors == null ? List.of() : List.copyOf(guarantors);
    hubs = List.copyOf(hubs);
    pledges = List.copyOf(pledges);
    incidents = List.copyOf(incidents);
  }

  /** A guarantor and its delivery record in [0, 1]. */
  public record Guarantor(String code, double reliability) {}

  public record HubSpec(String id, String country, double lat, double lon) {}

  /**
   * One pledge. {@code mode} is a {@link Transport.Mode} name; {@code held} is the quantity already
   * in use by incidents outside this instance's lines.
   */
  public record PledgeSpec(
      String id,
      String guarantor,
      Capability capability,
      Unit unit,
      long amount,
      long held,
      int readinessMinutes,
      String hub,
      Transport.Mode mode,
      double speedKmh,
      int handlingMinutes,
      Set<ThreatType> threats,
      Set<String> excludedRegions,
      int minSeverity) {
    public PledgeSpec {
      threats = threats == null ? Set.of() : Set.copyOf(threats);
      excludedRegions = excludedRegions == null ? Set.of() : Set.copyOf(excludedRegions);
      minSeverity = Math.max(1, minSeverity);
    }
  }

  /** An activated incident: where, what threat, when activated, and its plan lines. */
  public record IncidentSpec(
      String id,
      ThreatType threat,
      int severity,
      String region,
      double lat,
      double lon,
      Instant activatedAt,
      List<LineSpec> lines) {
    public IncidentSpec {
      lines = List.copyOf(lines);
    }
  }

  /** A plan line: this much of a capability within so many minutes of activation. */
  public record LineSpec(
      int line, Capability capability, Unit unit, long amount, int deadlineMinutes) {}

  public List<Hub> domainHubs() {
    List<Hub> out = new ArrayList<>();
    for (HubSpec h : hubs) {
      out.add(new Hub(new HubId(h.id()), h.id(), PartyCode.of(h.country()), h.lat(), h.lon()));
    }
    return out;
  }

  public List<Pledge> domainPledges() {
    List<Pledge> out = new ArrayList<>();
    for (PledgeSpec p : pledges) {
      Transport t =
          p.mode() == Transport.Mode.NONE
              ? Transport.none()
              : new Transport(p.mode(), p.speedKmh(), Duration.ofMinutes(p.handlingMinutes()));
      out.add(
          new Pledge(
              new PledgeId(p.id()),
              PartyCode.of(p.guarantor()),
              p.capability(),
              Quantity.of(p.amount(), p.unit()),
              Duration.ofMinutes(p.readinessMinutes()),
              new HubId(p.hub()),
              t,
              new Caveats(p.threats(), p.excludedRegions(), p.minSeverity()),
              null,
              null));
    }
    return out;
  }

  /** The problem this instance poses: every line to be planned from scratch. */
  public Problem problem() {
    Map<PledgeId, Long> held = new HashMap<>();
    for (PledgeSpec p : pledges) {
      if (p.held() > 0) {
        held.put(new PledgeId(p.id()), p.held());
      }
    }
    Map<PartyCode, Double> reliability = new HashMap<>();
    for (Guarantor g : guarantors) {
      reliability.put(PartyCode.of(g.code()), g.reliability());
    }
    List<Problem.Line> lines = new ArrayList<>();
    for (IncidentSpec i : incidents) {
      for (LineSpec l : i.lines()) {
        Need need =
            new Need(
                l.capability(),
                l.unit(),
                l.amount(),
                i.lat(),
                i.lon(),
                i.activatedAt(),
                i.activatedAt().plus(Duration.ofMinutes(l.deadlineMinutes())),
                i.threat(),
                i.severity(),
                i.region(),
                Set.of());
        lines.add(new Problem.Line(i.id() + "/" + l.line(), need));
      }
    }
    return new Problem(domainHubs(), domainPledges(), lines, held, reliability, burdenWeight);
  }

  /** How many plan lines, over all incidents. */
  public int lineCount() {
    return incidents.stream().mapToInt(i -> i.lines().size()).sum();
  }
}
