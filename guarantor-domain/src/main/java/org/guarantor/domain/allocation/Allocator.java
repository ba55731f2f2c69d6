package org.guarantor.domain.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Capability;
import org.guarantor.domain.pledge.Caveats;
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
 * travel from its hub arrives by the due time. Among those, the pledge with the least margin to the
 * deadline goes first, so that faster pledges stay free for lines with tighter deadlines; the
 * guarantor's burden share (weighted by the treaty) and its delivery record count as minutes of
 * margin ({@link Preference}); a suspended guarantor goes only after every other; equal scores go
 * to the smaller pledge id. What nothing can cover on time is the shortfall. Every pledge of the
 * right capability and unit that is not used is kept as an {@link Alternative} with the rule it
 * lost on (a few of each kind).
 *
 * <p>Earlier versions sent the earliest arrival first. Under contention that spent fast pledges on
 * lines with loose deadlines which slower pledges could have served, and later lines with tight
 * deadlines then found nothing that arrived in time (see {@code docs/benchmarks.md}).
 *
 * <p>An instance indexes one treaty's pledges by capability and unit and its hubs by id, so a need
 * looks only at its own kind of pledge and measures each hub's distance once. Immutable and
 * thread-safe; the caller passes the quantities in use and receives them updated.
 */
public final class Allocator {
  /** How many alternatives of each kind (ranked lower / ruled out) an allocation keeps. */
  static final int ALTERNATIVES = 3;

  private final Map<Capability, Map<Unit, List<Entry>>> byKind = new HashMap<>();

  /** Per unit, its pledges of every capability, for the burden shares. */
  private final Map<Unit, UnitPledges> byUnit = new HashMap<>();

  private final Map<HubId, Hub> hubs = new HashMap<>();
  private final Map<HubId, Integer> hubNumber = new HashMap<>();
  private final Map<PartyCode, Integer> guarantorNumber = new HashMap<>();
  private final Map<PledgeId, Pledge> pledgesById = new HashMap<>();
  private final Preference preference;

  /** Whether a pledge counts only while a certification is in force (the treaty's governance). */
  private final boolean certifiedOnly;

  private Allocator(
      List<Hub> hubList,
      List<Pledge> pledges,
      double burdenWeight,
      long safetyMinutes,
      boolean certifiedOnly) {
    this.preference = new Preference(burdenWeight, safetyMinutes);
    this.certifiedOnly = certifiedOnly;
    for (Hub h : hubList) {
      if (hubs.putIfAbsent(h.id(), h) == null) {
        hubNumber.put(h.id(), hubNumber.size());
      }
    }
    for (Pledge p : pledges) {
      guarantorNumber.putIfAbsent(p.guarantor(), guarantorNumber.size());
      pledgesById.putIfAbsent(p.id(), p);
    }
    Map<Unit, List<Pledge>> unitLists = new HashMap<>();
    for (Pledge p : pledges) {
      Unit unit = p.quantity().unit();
      List<Pledge> inUnit = unitLists.computeIfAbsent(unit, u -> new ArrayList<>());
      byKind
          .computeIfAbsent(p.capability(), c -> new HashMap<>())
          .computeIfAbsent(unit, u -> new ArrayList<>())
          .add(
              new Entry(
                  p,
                  hubs.get(p.hub()),
                  hubNumber.getOrDefault(p.hub(), -1),
                  guarantorNumber.get(p.guarantor()),
                  inUnit.size()));
      inUnit.add(p);
    }
    unitLists.forEach((unit, list) -> byUnit.put(unit, new UnitPledges(list, guarantorNumber)));
    // Readiness (and handling) first, so a need can stop at the first pledge that cannot make its
    // deadline even without travel. The order of the result does not depend on this one.
    for (Map<Unit, List<Entry>> units : byKind.values()) {
      for (List<Entry> entries : units.values()) {
        entries.sort(
            Comparator.<Entry>comparingLong(e -> e.fixedSeconds)
                .thenComparingLong(e -> e.fixedNanos));
      }
    }
  }

  /**
   * An allocator over one treaty version's pledges and hubs, with its burden weight and safety
   * margin.
   */
  public static Allocator of(Treaty treaty) {
    return new Allocator(
        treaty.hubs(),
        treaty.pledges(),
        treaty.burdenWeight(),
        Math.max(0, treaty.safetyMargin().toMinutes()),
        treaty.governance().certificationRequired());
  }

  /**
   * An allocator over these hubs and pledges (for planning outside a treaty version), with the
   * default burden weight {@link Treaty#DEFAULT_BURDEN_WEIGHT}.
   */
  public static Allocator of(List<Hub> hubs, List<Pledge> pledges) {
    return new Allocator(hubs, pledges, Treaty.DEFAULT_BURDEN_WEIGHT, 0, false);
  }

  /**
   * An allocator over these hubs and pledges with a burden weight.
   *
   * @param burdenWeight how much a guarantor's burden share counts against margin; 0 turns it off
   * @throws IllegalArgumentException when the weight is negative or not finite
   */
  public static Allocator of(List<Hub> hubs, List<Pledge> pledges, double burdenWeight) {
    return new Allocator(hubs, pledges, burdenWeight, 0, false);
  }

  /** The pledge of this id (the first, should a list name one twice), found without a search. */
  public Optional<Pledge> pledge(PledgeId id) {
    return Optional.ofNullable(pledgesById.get(id));
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
   *     reliability counts as minutes of margin
   */
  public Allocation allocate(Need need, Map<PledgeId, Long> held, Standing standing) {
    return allocate(need, held, standing, new Usage(held, !preference.weighsBurden()));
  }

  /**
   * Allocates needs in turn, each with what the ones before it took held: the same allocations as
   * {@link #allocate(Need, Map, Standing)} called for each in order, but what each pledge holds is
   * read once per unit for all of them rather than once per need.
   *
   * @param held quantity in use per pledge; updated with the assignments made, and not changed by
   *     anything else during the call
   */
  public List<Allocation> allocateInTurn(
      List<Need> needs, Map<PledgeId, Long> held, Standing standing) {
    Usage usage = new Usage(held, false);
    List<Allocation> out = new ArrayList<>(needs.size());
    for (Need need : needs) {
      out.add(allocate(need, held, standing, usage));
    }
    return out;
  }

  private Allocation allocate(Need need, Map<PledgeId, Long> held, Standing standing, Usage usage) {
    List<Entry> kind =
        byKind.getOrDefault(need.capability(), Map.of()).getOrDefault(need.unit(), List.of());
    UnitPledges unit = byUnit.get(need.unit());
    long[] heldOf = usage.heldOf(need.unit());
    // held is read, never written, until the assignments are final.
    Burden burden =
        heldOf == null || !preference.weighsBurden()
            ? null
            : new Burden(unit.guarantor, heldOf, unit.pledged);
    long fromSec = need.from().getEpochSecond();
    int fromNano = need.from().getNano();
    long dueSec = need.dueAt().getEpochSecond();
    int dueNano = need.dueAt().getNano();
    int guarantors = guarantorNumber.size();
    OnTime onTime = new OnTime(preference, burden, guarantors);
    NearMisses ruledOut = new NearMisses(ALTERNATIVES);
    int uncounted = 0;
    double[] kmByHub = usage.kmByHub(need);
    // Most pledges have no caveats and most needs exclude nothing: then only validity can rule out.
    boolean plain = need.excluded().isEmpty() && need.severity() >= 1;
    double[] reliability = new double[guarantors];
    Arrays.fill(reliability, Double.NaN);
    boolean[] suspended = new boolean[guarantors];
    for (Entry e : kind) {
      if (fromSec + e.fixedSeconds > dueSec + 1
          && ruledOut.fullOfMissesBefore(fromSec + e.fixedSeconds)) {
        // This pledge and every one after it miss the deadline before any travel, and arrive
        // after the near misses already kept.
        break;
      }
      // Time first: it is plain arithmetic and rules out most pledges of a tight line.
      Pledge p = e.pledge;
      double km = e.remote || e.hub == null ? 0 : distance(e, need, kmByHub);
      long nanos = (long) fromNano + e.fixedNanos;
      long sec =
          fromSec
              + e.fixedSeconds
              + (e.remote ? 0 : Math.round(km / e.speedKmh * 3600))
              + nanos / 1_000_000_000L;
      int nano = (int) (nanos % 1_000_000_000L);
      if (sec > dueSec || (sec == dueSec && nano > dueNano)) {
        ruledOut.offer(p, Alternative.Lost.TOO_LATE, sec, nano);
        continue;
      }
      Alternative.Lost lost =
          plain && e.unrestricted
              ? (p.validAt(need.from()) ? null : Alternative.Lost.NOT_VALID)
              : ruleOut(p, need);
      if (lost == null && certifiedOnly) {
        lost = uncertified(p, need.from());
        if (lost != null) {
          uncounted++;
        }
      }
      if (lost != null) {
        ruledOut.offer(p, lost, Long.MAX_VALUE, 0);
        continue;
      }
      long left =
          p.quantity().amount()
              - (heldOf != null ? heldOf[e.unitIndex] : held.getOrDefault(p.id(), 0L));
      if (left <= 0) {
        ruledOut.offer(p, Alternative.Lost.NO_QUANTITY_LEFT, Long.MAX_VALUE, 0);
        continue;
      }
      // Whole minutes to spare; the arrival is at or before the deadline, so this is >= 0.
      long margin = Math.floorDiv(dueSec - sec - (nano > dueNano ? 1 : 0), 60);
      int g = e.guarantor;
      if (Double.isNaN(reliability[g])) {
        reliability[g] = standing.reliability(p.guarantor());
        suspended[g] = standing.suspended(p.guarantor());
      }
      onTime.add(
          new Candidate(
              p, g, e.unitIndex, sec, nano, margin, km, left, suspended[g], reliability[g]));
    }
    int field = onTime.size();
    long remaining = need.amount();
    List<Assignment> out = new ArrayList<>();
    Candidate last = null;
    double lastShare = 0;
    while (remaining > 0 && !onTime.isEmpty()) {
      Candidate c = onTime.next();
      last = c;
      lastShare = onTime.share(c.guarantor());
      long take = Math.min(c.left(), remaining);
      onTime.tasked(c.guarantor(), take);
      usage.took(need.unit(), c.unitIndex(), take);
      remaining -= take;
      out.add(new Assignment(c.pledge(), take, c.arrival(), c.km(), out.size() + 1, field));
    }
    for (Assignment a : out) {
      held.merge(a.pledge().id(), a.amount(), Long::sum);
    }
    List<Alternative> alternatives = new ArrayList<>();
    if (last != null) {
      for (int k = 0; k < ALTERNATIVES && !onTime.isEmpty(); k++) {
        Candidate c = onTime.next();
        // As things stood when the last pledge was chosen: only its own guarantor's share moved.
        double share = c.guarantor() == last.guarantor() ? lastShare : onTime.share(c.guarantor());
        alternatives.add(rankedLower(c, share, last, lastShare));
      }
    }
    for (int k = 0; k < ruledOut.size; k++) {
      Pledge missed = ruledOut.kept[k];
      Alternative.Lost lost = ruledOut.lost[k];
      boolean late = lost == Alternative.Lost.TOO_LATE;
      alternatives.add(
          new Alternative(
              missed.id(),
              missed.guarantor(),
              lost,
              late ? Instant.ofEpochSecond(ruledOut.arrival[k], ruledOut.nano[k]) : null,
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
    if (remaining > 0 && uncounted > 0) {
      reason +=
          "; "
              + uncounted
              + (uncounted == 1 ? " pledge that would" : " pledges that would")
              + " arrive in time do not count: not certified, or certification expired";
    }
    return new Allocation(out, remaining, reason, alternatives);
  }

  /**
   * Whether a pledge may serve this need at all under this allocator's treaty, ignoring quantity
   * and time: {@link #servable} and, where the treaty requires it, certified at the time of need.
   */
  public boolean mayServe(Pledge p, Need need) {
    return servable(p, need) && (!certifiedOnly || uncertified(p, need.from()) == null);
  }

  /** Why a pledge does not count for want of a certification in force, or null if it does. */
  private static Alternative.Lost uncertified(Pledge p, Instant at) {
    if (p.certification() == null) {
      return Alternative.Lost.NOT_CERTIFIED;
    }
    return p.certifiedAt(at) ? null : Alternative.Lost.CERTIFICATION_EXPIRED;
  }

  /** Whether a pledge may serve this need at all, ignoring quantity, time and certification. */
  public static boolean servable(Pledge p, Need need) {
    return p.capability().equals(need.capability())
        && p.quantity().unit().equals(need.unit())
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

  /**
   * Why an on-time candidate ranked below the last pledge used, with both guarantors' burden shares
   * as they were when that pledge was chosen.
   */
  private Alternative rankedLower(Candidate c, double share, Candidate last, double lastShare) {
    Alternative.Lost lost =
        c.suspended() && !last.suspended()
            ? Alternative.Lost.SUSPENDED
            : preference.lostOn(
                c.margin(), share, c.reliability(), last.margin(), lastShare, last.reliability());
    double mine = 0;
    double theirs = 0;
    if (lost == Alternative.Lost.LOWER_RELIABILITY) {
      mine = c.reliability();
      theirs = last.reliability();
    } else if (lost == Alternative.Lost.HIGHER_BURDEN_SHARE) {
      mine = share;
      theirs = lastShare;
    }
    Pledge p = c.pledge();
    Pledge winner = last.pledge();
    return new Alternative(
        p.id(),
        p.guarantor(),
        lost,
        c.arrival(),
        last.arrival(),
        winner.id(),
        winner.guarantor(),
        mine,
        theirs);
  }

  /**
   * What one call keeps from need to need. What each pledge holds, as the allocator reads it: one
   * pledge at a time from the map, or (when every pledge of a unit is needed for burden shares, or
   * several needs are allocated in turn) a copy per unit, read once and kept up to date with the
   * assignments made. And each hub's distance to the last place of need, worked out when first
   * asked: the lines of one incident share their place.
   */
  private final class Usage {
    private final Map<PledgeId, Long> held;
    private final boolean direct;
    private final Map<Unit, long[]> copies = new HashMap<>();
    private final double[] kmByHub = new double[hubNumber.size()];
    private double lat = Double.NaN;
    private double lon = Double.NaN;

    Usage(Map<PledgeId, Long> held, boolean direct) {
      this.held = held;
      this.direct = direct;
    }

    /** What each of the unit's pledges holds, in its index's order; null when read one by one. */
    long[] heldOf(Unit unit) {
      UnitPledges pledges = byUnit.get(unit);
      return direct || pledges == null
          ? null
          : copies.computeIfAbsent(unit, u -> pledges.held(held));
    }

    /** Each hub's distance to the need, NaN until worked out. */
    double[] kmByHub(Need need) {
      if (Double.compare(need.lat(), lat) != 0 || Double.compare(need.lon(), lon) != 0) {
        Arrays.fill(kmByHub, Double.NaN);
        lat = need.lat();
        lon = need.lon();
      }
      return kmByHub;
    }

    void took(Unit unit, int unitIndex, long amount) {
      long[] copy = copies.get(unit);
      if (copy != null) {
        copy[unitIndex] += amount;
      }
    }
  }

  /** A pledge with what its arrival needs, worked out once. */
  private static final class Entry {
    final Pledge pledge;
    final Hub hub;
    final int hubNumber;
    final int guarantor;
    final int unitIndex;
    final boolean unrestricted;
    final boolean remote;
    final double speedKmh;
    final long fixedSeconds;
    final long fixedNanos;

    Entry(Pledge pledge, Hub hub, int hubNumber, int guarantor, int unitIndex) {
      this.pledge = pledge;
      this.hub = hub;
      this.hubNumber = hubNumber;
      this.guarantor = guarantor;
      this.unitIndex = unitIndex;
      Caveats c = pledge.caveats();
      this.unrestricted =
          c.threatTypes().isEmpty() && c.excludedRegions().isEmpty() && c.minSeverity() <= 1;
      Transport t = pledge.transport();
      this.remote = t.mode() == Transport.Mode.NONE;
      this.speedKmh = t.speedKmh();
      Duration fixed = remote ? pledge.readiness() : pledge.readiness().plus(t.handling());
      this.fixedSeconds = fixed.getSeconds();
      this.fixedNanos = fixed.getNano();
    }
  }
}
