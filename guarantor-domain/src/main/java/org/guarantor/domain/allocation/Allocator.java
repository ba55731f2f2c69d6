package org.guarantor.domain.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.pledge.Transport;
import org.guarantor.domain.pledge.Unit;
import org.guarantor.domain.treaty.Hub;
import org.guarantor.domain.treaty.HubId;
import org.guarantor.domain.treaty.Treaty;

/**
 * The online allocator: fast, deterministic, greedy.
 *
 * <p>A pledge can serve a need when its capability and unit match, it is valid, its caveats allow
 * the threat, severity and region, it has quantity left, it is not excluded, and readiness plus
 * travel from its hub arrives by the due time. Among those, the earliest arrival (to the minute)
 * goes first (but a suspended guarantor only after every other); ties go to the guarantor with the
 * better delivery record (its {@link Standing#reliability reliability}), then to the guarantor with
 * the smaller share of its pledged quantity already in use, then to the smaller pledge id. What
 * nothing can cover on time is the shortfall. Every pledge of the right capability and unit that is
 * not used is kept as an {@link Alternative} with the rule it lost on (a few of each kind).
 *
 * <p>An instance indexes one treaty's pledges by capability and unit and its hubs by id, so a need
 * looks only at its own kind of pledge and measures each hub's distance once. Immutable and
 * thread-safe; the caller passes the quantities in use and receives them updated.
 */
public final class Allocator {
  /** How many alternatives of each kind (ranked lower / ruled out) an allocation keeps. */
  static final int ALTERNATIVES = 3;

  private final Map<Capability, Map<Unit, List<Entry>>> byKind = new EnumMap<>(Capability.class);

  /** Per unit, each guarantor's pledges in it, by guarantor number. */
  private final Map<Unit, List<List<Pledge>>> byUnitAndGuarantor = new EnumMap<>(Unit.class);

  private final Map<HubId, Hub> hubs = new HashMap<>();
  private final Map<HubId, Integer> hubNumber = new HashMap<>();
  private final Map<PartyCode, Integer> guarantorNumber = new HashMap<>();

  private Allocator(List<Hub> hubList, List<Pledge> pledges) {
    for (Hub h : hubList) {
      if (hubs.putIfAbsent(h.id(), h) == null) {
        hubNumber.put(h.id(), hubNumber.size());
      }
    }
    for (Pledge p : pledges) {
      guarantorNumber.putIfAbsent(p.guarantor(), guarantorNumber.size());
    }
    for (Pledge p : pledges) {
      Unit unit = p.quantity().unit();
      byKind
          .computeIfAbsent(p.capability(), c -> new EnumMap<>(Unit.class))
          .computeIfAbsent(unit, u -> new ArrayList<>())
          .add(
              new Entry(
                  p,
                  hubs.get(p.hub()),
                  hubNumber.getOrDefault(p.hub(), -1),
                  guarantorNumber.get(p.guarantor())));
      List<List<Pledge>> perGuarantor =
          byUnitAndGuarantor.computeIfAbsent(unit, u -> new ArrayList<>());
      while (perGuarantor.size() < guarantorNumber.size()) {
        perGuarantor.add(new ArrayList<>());
      }
      perGuarantor.get(guarantorNumber.get(p.guarantor())).add(p);
    }
  }

  /** An allocator over one treaty version's pledges and hubs. */
  public static Allocator of(Treaty treaty) {
    return new Allocator(treaty.hubs(), treaty.pledges());
  }

  /** An allocator over these hubs and pledges (for planning outside a treaty version). */
  public static Allocator of(List<Hub> hubs, List<Pledge> pledges) {
    return new Allocator(hubs, pledges);
  }

  /**
   * When a pledge would arrive at a need: the call, plus readiness, plus handling and great-circle
   * travel from its hub (none for a pledge that needs no travel, or whose hub is unknown).
   */
  public Instant arrival(Pledge p, Need need) {
    return need.from().plus(p.readiness()).plus(p.transport().travel(distanceKm(p, need)));
  }

  /** Great-circle distance from a pledge's hub to a need; 0 when it needs no travel. */
  public double distanceKm(Pledge p, Need need) {
    Hub hub = hubs.get(p.hub());
    return p.transport().mode() == Transport.Mode.NONE || hub == null
        ? 0
        : GreatCircle.km(hub.lat(), hub.lon(), need.lat(), need.lon());
  }

  /**
   * Allocates a need with every guarantor in good {@link Standing#NEUTRAL standing}.
   *
   * @param held quantity in use per pledge; updated with the assignments made
   */
  public static Allocation allocate(Treaty treaty, Need need, Map<PledgeId, Long> held) {
    return of(treaty).allocate(need, held, Standing.NEUTRAL);
  }

  /**
   * Allocates a need.
   *
   * @param held quantity in use per pledge; updated with the assignments made
   * @param standing each guarantor's delivery record: suspended guarantors go after all others, and
   *     reliability breaks ties between arrivals in the same minute
   */
  public Allocation allocate(Need need, Map<PledgeId, Long> held, Standing standing) {
    List<Entry> kind =
        byKind.getOrDefault(need.capability(), Map.of()).getOrDefault(need.unit(), List.of());
    long fromSec = need.from().getEpochSecond();
    int fromNano = need.from().getNano();
    long dueSec = need.dueAt().getEpochSecond();
    int dueNano = need.dueAt().getNano();
    List<Candidate> onTime = new ArrayList<>();
    RuledOut ruledOut = new RuledOut();
    double[] kmByHub = new double[hubNumber.size()];
    java.util.Arrays.fill(kmByHub, Double.NaN);
    int guarantors = guarantorNumber.size();
    double[] reliability = new double[guarantors];
    java.util.Arrays.fill(reliability, Double.NaN);
    boolean[] suspended = new boolean[guarantors];
    for (Entry e : kind) {
      // Time first: it is plain arithmetic and rules out most pledges of a tight line.
      Pledge p = e.pledge;
      double km = e.remote || e.hub == null ? 0 : distance(e, need, kmByHub);
      long nanos = (long) fromNano + e.fixedNanos;
      long sec =
          fromSec
              + e.fixedSeconds
              + (e.remote ? 0 : Math.round(km / e.speedKmh * 3600))
              + nanos / 1_000_000_000L;
      long nano = nanos % 1_000_000_000L;
      if (sec > dueSec || (sec == dueSec && nano > dueNano)) {
        ruledOut.offer(e, Alternative.Lost.TOO_LATE, sec);
        continue;
      }
      Alternative.Lost lost = ruleOut(p, need);
      if (lost != null) {
        ruledOut.offer(e, lost, Long.MAX_VALUE);
        continue;
      }
      long left = p.quantity().amount() - held.getOrDefault(p.id(), 0L);
      if (left <= 0) {
        ruledOut.offer(e, Alternative.Lost.NO_QUANTITY_LEFT, Long.MAX_VALUE);
        continue;
      }
      onTime.add(
          new Candidate(
              p,
              Instant.ofEpochSecond(sec, nano),
              Math.floorDiv(sec, 60),
              km,
              left,
              e.guarantor,
              standing(e.guarantor, p, standing, reliability, suspended),
              reliability[e.guarantor]));
    }
    // held is read, never written, until the assignments are final.
    List<List<Pledge>> perGuarantor = byUnitAndGuarantor.getOrDefault(need.unit(), List.of());
    while (perGuarantor.size() < guarantors) {
      perGuarantor = new ArrayList<>(perGuarantor);
      perGuarantor.add(List.of());
    }
    Burden burden = new Burden(perGuarantor, held);
    int field = onTime.size();
    long remaining = need.amount();
    List<Assignment> out = new ArrayList<>();
    Candidate last = null;
    while (remaining > 0 && !onTime.isEmpty()) {
      Candidate c = onTime.remove(best(onTime, burden));
      last = c;
      long take = Math.min(c.left, remaining);
      burden.add(c.guarantor, take);
      remaining -= take;
      out.add(new Assignment(c.pledge, take, c.arrival, c.km, out.size() + 1, field));
    }
    for (Assignment a : out) {
      held.merge(a.pledge().id(), a.amount(), Long::sum);
    }
    List<Alternative> alternatives = new ArrayList<>();
    if (last != null) {
      for (int k = 0; k < ALTERNATIVES && !onTime.isEmpty(); k++) {
        alternatives.add(rankedLower(onTime.remove(best(onTime, burden)), last, burden));
      }
    }
    for (int k = 0; k < ruledOut.size; k++) {
      Entry e = ruledOut.kept[k];
      Alternative.Lost lost = ruledOut.lost[k];
      boolean late = lost == Alternative.Lost.TOO_LATE;
      alternatives.add(
          new Alternative(
              e.pledge.id(),
              e.pledge.guarantor(),
              lost,
              late ? arrival(e.pledge, need) : null,
              late ? need.dueAt() : null,
              null,
              null,
              0,
              0));
    }
    String reason =
        remaining == 0
            ? ""
            : out.isEmpty()
                ? "no pledge of "
                    + need.capability()
                    + " in "
                    + need.unit()
                    + " can arrive by the deadline"
                : "pledges that can arrive by the deadline cover only "
                    + (need.amount() - remaining);
    return new Allocation(out, remaining, reason, alternatives);
  }

  /** Whether a pledge may serve this need at all, ignoring quantity and time. */
  public static boolean servable(Pledge p, Need need) {
    return p.capability() == need.capability()
        && p.quantity().unit() == need.unit()
        && ruleOut(p, need) == null;
  }

  /** The first rule that rules a pledge of the right kind out, or null. */
  private static Alternative.Lost ruleOut(Pledge p, Need need) {
    if (need.excluded().contains(p.id())) {
      return Alternative.Lost.DECLINED;
    }
    if (!p.validAt(need.from())) {
      return Alternative.Lost.NOT_VALID;
    }
    if (!p.caveats().allow(need.threat(), need.severity(), need.regionCode())) {
      return Alternative.Lost.CAVEAT;
    }
    return null;
  }

  private static double distance(Entry e, Need need, double[] kmByHub) {
    double km = kmByHub[e.hubNumber];
    if (Double.isNaN(km)) {
      km = GreatCircle.km(e.hub.lat(), e.hub.lon(), need.lat(), need.lon());
      kmByHub[e.hubNumber] = km;
    }
    return km;
  }

  /** Looks a guarantor's standing up once per allocation; returns whether it is suspended. */
  private static boolean standing(
      int g, Pledge p, Standing standing, double[] reliability, boolean[] suspended) {
    if (Double.isNaN(reliability[g])) {
      reliability[g] = standing.reliability(p.guarantor());
      suspended[g] = standing.suspended(p.guarantor());
    }
    return suspended[g];
  }

  /** Why an on-time candidate ranked below the last pledge used. */
  private static Alternative rankedLower(Candidate c, Candidate last, Burden burden) {
    Alternative.Lost lost;
    double mine = 0;
    double theirs = 0;
    if (c.suspended && !last.suspended) {
      lost = Alternative.Lost.SUSPENDED;
    } else if (c.minute != last.minute) {
      lost = Alternative.Lost.LATER_ARRIVAL;
    } else if (c.reliability != last.reliability) {
      lost = Alternative.Lost.LOWER_RELIABILITY;
      mine = c.reliability;
      theirs = last.reliability;
    } else {
      mine = burden.share(c.guarantor);
      theirs = burden.share(last.guarantor);
      lost = mine != theirs ? Alternative.Lost.HIGHER_BURDEN_SHARE : Alternative.Lost.PLEDGE_ORDER;
    }
    return new Alternative(
        c.pledge.id(),
        c.pledge.guarantor(),
        lost,
        c.arrival,
        last.arrival,
        last.pledge.id(),
        last.pledge.guarantor(),
        mine,
        theirs);
  }

  /** The index of the first candidate in the allocator's order. */
  private static int best(List<Candidate> cs, Burden burden) {
    int best = 0;
    for (int i = 1; i < cs.size(); i++) {
      if (before(cs.get(i), cs.get(best), burden)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The order: not suspended first, earlier minute, better reliability, smaller burden share,
   * smaller pledge id.
   */
  private static boolean before(Candidate a, Candidate b, Burden burden) {
    if (a.suspended != b.suspended) {
      return !a.suspended;
    }
    if (a.minute != b.minute) {
      return a.minute < b.minute;
    }
    if (a.reliability != b.reliability) {
      return a.reliability > b.reliability;
    }
    double sa = burden.share(a.guarantor);
    double sb = burden.share(b.guarantor);
    if (sa != sb) {
      return sa < sb;
    }
    return a.pledge.id().compareTo(b.pledge.id()) < 0;
  }

  /**
   * Keeps a few ruled-out pledges, the nearest misses first: too late by the smallest margin, then
   * no quantity left, then caveats, declined and not valid; then by pledge id.
   */
  private static final class RuledOut {
    final Entry[] kept = new Entry[ALTERNATIVES + 1];
    final Alternative.Lost[] lost = new Alternative.Lost[ALTERNATIVES + 1];
    final long[] arrival = new long[ALTERNATIVES + 1];
    int size;

    void offer(Entry e, Alternative.Lost why, long arrivalSec) {
      if (size == ALTERNATIVES && !better(e, why, arrivalSec, size - 1)) {
        return;
      }
      int i = size;
      while (i > 0 && better(e, why, arrivalSec, i - 1)) {
        kept[i] = kept[i - 1];
        lost[i] = lost[i - 1];
        arrival[i] = arrival[i - 1];
        i--;
      }
      kept[i] = e;
      lost[i] = why;
      arrival[i] = arrivalSec;
      size = Math.min(ALTERNATIVES, size + 1);
    }

    private boolean better(Entry e, Alternative.Lost why, long arrivalSec, int other) {
      int r = rankOfRuleOut(why);
      int ro = rankOfRuleOut(lost[other]);
      if (r != ro) {
        return r < ro;
      }
      if (arrivalSec != arrival[other]) {
        return arrivalSec < arrival[other];
      }
      return e.pledge.id().compareTo(kept[other].pledge.id()) < 0;
    }
  }

  private static int rankOfRuleOut(Alternative.Lost lost) {
    switch (lost) {
      case TOO_LATE:
        return 0;
      case NO_QUANTITY_LEFT:
        return 1;
      case CAVEAT:
        return 2;
      case DECLINED:
        return 3;
      default:
        return 4;
    }
  }

  /** A pledge with what its arrival needs, worked out once. */
  private static final class Entry {
    final Pledge pledge;
    final Hub hub;
    final int hubNumber;
    final int guarantor;
    final boolean remote;
    final double speedKmh;
    final long fixedSeconds;
    final long fixedNanos;

    Entry(Pledge pledge, Hub hub, int hubNumber, int guarantor) {
      this.pledge = pledge;
      this.hub = hub;
      this.hubNumber = hubNumber;
      this.guarantor = guarantor;
      Transport t = pledge.transport();
      this.remote = t.mode() == Transport.Mode.NONE;
      this.speedKmh = t.speedKmh();
      Duration fixed = remote ? pledge.readiness() : pledge.readiness().plus(t.handling());
      this.fixedSeconds = fixed.getSeconds();
      this.fixedNanos = fixed.getNano();
    }
  }

  private static final class Candidate {
    final Pledge pledge;
    final Instant arrival;
    final long minute;
    final double km;
    final long left;
    final int guarantor;
    final boolean suspended;
    final double reliability;

    Candidate(
        Pledge pledge,
        Instant arrival,
        long minute,
        double km,
        long left,
        int guarantor,
        boolean suspended,
        double rel) {
      this.guarantor = guarantor;
      this.suspended = suspended;
      this.pledge = pledge;
      this.arrival = arrival;
      this.minute = minute;
      this.km = km;
      this.left = left;
      this.reliability = rel;
    }
  }
}
