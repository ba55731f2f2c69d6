package org.guarantor.optimizer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** Small hand-made problems: remote air-defence pledges (arrival = readiness) and lines at Kyiv. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
  static final PartyCode POL = PartyCode.of("POL");
  static final PartyCode GBR = PartyCode.of("GBR");
  static final Hub HUB = new Hub(new HubId("H"), "Hub", POL, 50, 22);

  private Fixtures() {}

  static Pledge remote(String id, PartyCode guarantor, long amount, int readinessHours) {
    return new Pledge(
        new PledgeId(id),
        guarantor,
        Capability.AIR_DEFENCE,
        Quantity.of(amount, Unit.SYSTEMS),
        Duration.ofHours(readinessHours),
        HUB.id(),
        Transport.none(),
        Caveats.none(),
        null,
        null);
  }

  /** A remote pledge that may not be deployed in one region. */
  static Pledge remoteExcept(
      String id, PartyCode guarantor, long amount, int readinessHours, String region) {
    Pledge p = remote(id, guarantor, amount, readinessHours);
    return new Pledge(
        p.id(),
        p.guarantor(),
        p.capability(),
        p.quantity(),
        p.readiness(),
        p.hub(),
        p.transport(),
        new Caveats(Set.of(), Set.of(region), 1),
        null,
        null);
  }

  static Problem.Line line(String key, long amount, int dueHours) {
    return line(key, amount, dueHours, "UA-TEST");
  }

  static Problem.Line line(String key, long amount, int dueHours, String region) {
    return new Problem.Line(
        key,
        new Need(
            Capability.AIR_DEFENCE,
            Unit.SYSTEMS,
            amount,
            50.45,
            30.52,
            T0,
            T0.plus(Duration.ofHours(dueHours)),
            ThreatType.AIR_ATTACK,
            3,
            region,
            Set.of()));
  }

  /**
   * A problem the online allocator cannot get right, whatever its order: line 0 can use A or B and
   * takes A, which leaves the smaller margin; line 1, activated after it in another region, could
   * only have used A (B may not go there). The optimum gives B to line 0 and A to line 1.
   */
  static Problem unseenRegion() {
    return problem(
        List.of(remote("A", POL, 4, 5), remoteExcept("B", GBR, 4, 2, "UA-EAST")),
        line("I/1", 4, 10),
        line("J/1", 4, 10, "UA-EAST"));
  }

  static Problem problem(List<Pledge> pledges, Problem.Line... lines) {
    return new Problem(List.of(HUB), pledges, List.of(lines), Map.of(), Map.of(), 1.0);
  }

  static List<String> used(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Plan.Placement x : plan.placements()) {
      out.add(x.line() + ":" + x.pledge() + "=" + x.amount());
    }
    return out;
  }
}
