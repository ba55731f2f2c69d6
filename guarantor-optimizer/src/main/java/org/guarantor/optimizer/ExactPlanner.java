package org.guarantor.optimizer;

import com.google.ortools.Loader;
import com.google.ortools.graph.MaxFlow;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.allocation.Need;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.Unit;

/**
 * The exact optimizer: the allocation problem as a network, solved with OR-Tools' min-cost flow.
 *
 * <p>source → (guarantor, unit) → pledge → line → sink. A pledge-to-line arc exists only where the
 * pledge may serve the line and arrives by its deadline (so every unit of flow is covered on time),
 * with capacity min(quantity left, amount). {@code solveMaxFlowWithMinCost} first maximises the
 * flow, which is coverage, exactly; then minimises cost among maximum flows. The objective is
 * lexicographic:
 *
 * <ol>
 *   <li>coverage: maximum flow;
 *   <li>burden-share deviation: with coverage known, each guarantor's target in a unit is {@code
 *       s_g·U − held_g}; the identity {@code |t − a| = (a − t) + 2·max(0, t − a)}, whose first term
 *       is constant once the total is, turns the deviation into arcs that cost nothing up to the
 *       target and {@code 2W} per unit beyond it (a fractional target gets one arc priced by its
 *       fraction);
 *   <li>lateness and travel: minutes from activation to arrival per unit (arrival includes travel),
 *       plus up to 60 minutes for a guarantor whose reliability is below 1.
 * </ol>
 *
 * {@code W} is one more than the largest possible stage-3 cost, so no saving in arrival can pay for
 * a unit of deviation: the weights make the objective exactly lexicographic, not approximately.
 * Network matrices are totally unimodular, so the flow is integral and the solver's status OPTIMAL
 * is a proof: its bound equals the value found (gap 0). Not thread-safe per call; calls are
 * independent.
 */
public final class ExactPlanner {
  /** Minutes of arrival that a reliability of 0 costs (scaled linearly). */
  static final long RELIABILITY_MINUTES = 60;

  private ExactPlanner() {}

  /** What the solver found and what it proved. */
  public record Result(
      Plan plan,
      String status,
      long coverageBound,
      boolean lexicographic,
      Duration elapsed,
      boolean withinBudget) {}

  private static final class Native {
    static {
      Loader.loadNativeLibraries();
    }

    static void load() {}
  }

  /** Loads the native library once; the first call takes a few hundred milliseconds. */
  public static void warmUp() {
    Native.load();
  }

  public static Result plan(Problem problem, Duration budget) {
    Native.load();
    long start = System.nanoTime();
    Network net = Network.of(problem);
    Map<Unit, Long> coveredByUnit = null;
    long maxFlow;
    boolean lexicographic = true;
    long w = 0;
    if (problem.burdenSharing()) {
      // Stage 1 alone: the maximum flow fixes each unit's coverage, which the targets need.
      MaxFlow first = new MaxFlow();
      net.arcs(problem, null, 0, (t, h, cap, cost) -> first.addArcWithCapacity(t, h, cap));
      MaxFlow.Status s1 = first.solve(0, 1);
      if (s1 != MaxFlow.Status.OPTIMAL) {
        first.delete();
        throw new IllegalStateException("max flow failed: " + s1);
      }
      maxFlow = first.getOptimalFlow();
      coveredByUnit = net.coveredByUnit(problem, first::getFlow);
      first.delete();
      w = 1 + net.maxStage3Cost(maxFlow);
      long limit = Long.MAX_VALUE / 8 / Math.max(1, Math.max(net.nodes, problem.required()));
      if (2 * w > limit) {
        w = limit / 2;
        lexicographic = false;
      }
    } else {
      maxFlow = -1;
    }
    MinCostFlow f = new MinCostFlow();
    net.arcs(problem, coveredByUnit, w, f::addArcWithCapacityAndUnitCost);
    // Max-flow-with-min-cost sends as much of this supply as the arcs allow.
    f.setNodeSupply(0, problem.required());
    f.setNodeSupply(1, -problem.required());
    MinCostFlowBase.Status s = f.solveMaxFlowWithMinCost();
    if (s != MinCostFlowBase.Status.OPTIMAL) {
      f.delete();
      throw new IllegalStateException("min-cost flow failed: " + s);
    }
    if (maxFlow >= 0 && f.getMaximumFlow() != maxFlow) {
      f.delete();
      throw new IllegalStateException(
          "stages disagree on coverage: " + maxFlow + " and " + f.getMaximumFlow());
    }
    maxFlow = f.getMaximumFlow();
    Plan plan = net.plan(f::getFlow);
    f.delete();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Result(
        plan, s.name(), maxFlow, lexicographic, elapsed, elapsed.compareTo(budget) <= 0);
  }

  /** Adds an arc to one of OR-Tools' flow solvers and returns its index. */
  @FunctionalInterface
  interface ArcSink {
    int add(int tail, int head, long capacity, long unitCost);
  }

  /** The arcs that do not depend on the stage: which pledge can serve which line, at what cost. */
  private static final class Network {
    final List<Pledge> pledges = new ArrayList<>();
    final List<Long> left = new ArrayList<>();
    final Map<String, Integer> guarantorUnit = new HashMap<>();
    final List<PartyCode> guGuarantor = new ArrayList<>();
    final List<Unit> guUnit = new ArrayList<>();
    final List<int[]> pairs = new ArrayList<>(); // {line, pledgeIndex}
    final List<Long> pairCost = new ArrayList<>();
    final List<Instant> pairArrival = new ArrayList<>();
    final List<Long> pairCap = new ArrayList<>();
    int nodes;
    private int[] pairArcs;

    static Network of(Problem problem) {
      Network n = new Network();
      Allocator model = Allocator.of(problem.hubs(), problem.pledges());
      Map<org.guarantor.domain.treaty.HubId, Double> km = new HashMap<>();
      Map<String, List<Integer>> byKind = new HashMap<>();
      for (Pledge p : problem.pledges()) {
        long l = p.quantity().amount() - problem.held().getOrDefault(p.id(), 0L);
        if (l <= 0) {
          continue;
        }
        byKind.computeIfAbsent(kind(p), k -> new ArrayList<>()).add(n.pledges.size());
        n.pledges.add(p);
        n.left.add(l);
      }
      for (int li = 0; li < problem.lines().size(); li++) {
        Need need = problem.lines().get(li).need();
        if (need.amount() <= 0) {
          continue;
        }
        km.clear();
        for (int pi : byKind.getOrDefault(need.capability() + "/" + need.unit(), List.of())) {
          Pledge p = n.pledges.get(pi);
          if (!Allocator.servable(p, need)) {
            continue;
          }
          double d = km.computeIfAbsent(p.hub(), h -> model.distanceKm(p, need));
          Instant arrival = need.from().plus(p.readiness()).plus(p.transport().travel(d));
          if (arrival.isAfter(need.dueAt())) {
            continue;
          }
          long minutes = Duration.between(need.from(), arrival).toMinutes();
          double r = Math.max(0, Math.min(1, problem.reliability(p.guarantor())));
          n.pairs.add(new int[] {li, pi});
          n.pairCost.add(minutes + Math.round(RELIABILITY_MINUTES * (1 - r)));
          n.pairArrival.add(arrival);
          n.pairCap.add(Long.MAX_VALUE);
        }
      }
      n.keep(problem);
      return n;
    }

    /**
     * A second arc for each tasking a re-plan may keep, at its arrival as issued; it shares the
     * pledge's node, so keeping and issuing anew never use more than the pledge has.
     */
    private void keep(Problem problem) {
      if (problem.kept().isEmpty()) {
        return;
      }
      Map<org.guarantor.domain.pledge.PledgeId, Integer> index = new HashMap<>();
      for (int i = 0; i < pledges.size(); i++) {
        index.put(pledges.get(i).id(), i);
      }
      for (Problem.Kept k : problem.kept()) {
        Integer pi = index.get(k.pledge());
        Need need = problem.lines().get(k.line()).need();
        if (pi == null || k.amount() <= 0 || k.arrival().isAfter(need.dueAt())) {
          continue;
        }
        long minutes = Math.max(0, Duration.between(need.from(), k.arrival()).toMinutes());
        double r = Math.max(0, Math.min(1, problem.reliability(pledges.get(pi).guarantor())));
        pairs.add(new int[] {k.line(), pi});
        pairCost.add(minutes + Math.round(RELIABILITY_MINUTES * (1 - r)));
        pairArrival.add(k.arrival());
        pairCap.add(k.amount());
      }
    }

    private static String kind(Pledge p) {
      return p.capability() + "/" + p.quantity().unit();
    }

    /** The largest total stage-3 cost a plan of this flow can have. */
    long maxStage3Cost(long flow) {
      long max = 0;
      for (long c : pairCost) {
        max = Math.max(max, c);
      }
      return Math.max(1, max) * Math.max(1, flow);
    }

    /** Each unit's coverage in a solved flow. */
    Map<Unit, Long> coveredByUnit(Problem problem, IntToLongFunction flow) {
      Map<Unit, Long> out = new HashMap<>();
      for (int k = 0; k < pairs.size(); k++) {
        long x = flow.applyAsLong(pairArcs[k]);
        if (x > 0) {
          out.merge(problem.lines().get(pairs.get(k)[0]).need().unit(), x, Long::sum);
        }
      }
      return out;
    }

    /**
     * A solver with every arc. With {@code coveredByUnit} null the guarantor arcs are free; else
     * they price burden-share deviation at {@code w} per unit against the targets.
     */
    void arcs(Problem problem, Map<Unit, Long> coveredByUnit, long w, ArcSink f) {
      int source = 0;
      int sink = 1;
      int next = 2;
      Map<Integer, Integer> pledgeNode = new HashMap<>();
      Map<Integer, Integer> lineNode = new HashMap<>();
      Map<Integer, Long> pledgeUse = new HashMap<>();
      for (int[] pair : pairs) {
        pledgeNode.putIfAbsent(pair[1], 0);
        lineNode.putIfAbsent(pair[0], 0);
      }
      guarantorUnit.clear();
      guGuarantor.clear();
      guUnit.clear();
      Map<Integer, Long> guCapacity = new HashMap<>();
      for (Integer pi : new ArrayList<>(pledgeNode.keySet())) {
        pledgeNode.put(pi, next++);
        Pledge p = pledges.get(pi);
        String key = p.guarantor() + "/" + p.quantity().unit();
        Integer gu = guarantorUnit.get(key);
        if (gu == null) {
          gu = guGuarantor.size();
          guarantorUnit.put(key, gu);
          guGuarantor.add(p.guarantor());
          guUnit.add(p.quantity().unit());
        }
        guCapacity.merge(gu, left.get(pi), Long::sum);
        pledgeUse.put(pi, (long) gu);
      }
      int guBase = next;
      next += guGuarantor.size();
      for (Integer li : new ArrayList<>(lineNode.keySet())) {
        lineNode.put(li, next++);
      }
      nodes = next;
      Map<Integer, Double> targets =
          coveredByUnit == null ? Map.of() : targets(problem, coveredByUnit);
      for (int gu = 0; gu < guGuarantor.size(); gu++) {
        long cap = guCapacity.getOrDefault(gu, 0L);
        if (coveredByUnit == null) {
          f.add(source, guBase + gu, cap, 0);
          continue;
        }
        double a = targets.getOrDefault(gu, 0.0);
        long free = a <= 0 ? 0 : Math.min(cap, (long) Math.floor(a));
        if (free > 0) {
          f.add(source, guBase + gu, free, 0);
        }
        long rest = cap - free;
        double frac = a - Math.floor(a);
        if (a > 0 && frac > 0 && rest > 0) {
          f.add(source, guBase + gu, 1, Math.round(2 * w * (1 - frac)));
          rest--;
        }
        if (rest > 0) {
          f.add(source, guBase + gu, rest, 2 * w);
        }
      }
      for (Map.Entry<Integer, Integer> e : pledgeNode.entrySet()) {
        int gu = pledgeUse.get(e.getKey()).intValue();
        f.add(guBase + gu, e.getValue(), left.get(e.getKey()), 0);
      }
      pairArcs = new int[pairs.size()];
      for (int k = 0; k < pairs.size(); k++) {
        int[] pair = pairs.get(k);
        long cap =
            Math.min(
                Math.min(left.get(pair[1]), pairCap.get(k)),
                problem.lines().get(pair[0]).need().amount());
        pairArcs[k] = f.add(pledgeNode.get(pair[1]), lineNode.get(pair[0]), cap, pairCost.get(k));
      }
      for (Map.Entry<Integer, Integer> e : lineNode.entrySet()) {
        f.add(e.getValue(), sink, problem.lines().get(e.getKey()).need().amount(), 0);
      }
    }

    /** Each (guarantor, unit)'s target for new quantity: s_g·(held + covered) − held_g. */
    private Map<Integer, Double> targets(Problem problem, Map<Unit, Long> coveredByUnit) {
      Map<String, long[]> heldAndPledged = new HashMap<>();
      Map<Unit, long[]> unitTotals = new HashMap<>();
      for (Pledge p : problem.pledges()) {
        long h = Math.min(p.quantity().amount(), problem.held().getOrDefault(p.id(), 0L));
        long[] hp =
            heldAndPledged.computeIfAbsent(
                p.guarantor() + "/" + p.quantity().unit(), k -> new long[2]);
        hp[0] += h;
        hp[1] += p.quantity().amount();
        long[] ut = unitTotals.computeIfAbsent(p.quantity().unit(), u -> new long[2]);
        ut[0] += h;
        ut[1] += p.quantity().amount();
      }
      Map<Integer, Double> out = new HashMap<>();
      for (Map.Entry<String, Integer> e : guarantorUnit.entrySet()) {
        int gu = e.getValue();
        long[] hp = heldAndPledged.get(e.getKey());
        long[] ut = unitTotals.get(guUnit.get(gu));
        double inUse = ut[0] + coveredByUnit.getOrDefault(guUnit.get(gu), 0L);
        out.put(gu, (double) hp[1] / ut[1] * inUse - hp[0]);
      }
      return out;
    }

    Plan plan(IntToLongFunction flowOfArc) {
      List<Plan.Placement> out = new ArrayList<>();
      for (int k = 0; k < pairs.size(); k++) {
        long flow = flowOfArc.applyAsLong(pairArcs[k]);
        if (flow > 0) {
          Pledge p = pledges.get(pairs.get(k)[1]);
          out.add(
              new Plan.Placement(pairs.get(k)[0], p.id(), p.guarantor(), flow, pairArrival.get(k)));
        }
      }
      out.sort(
          java.util.Comparator.comparingInt(Plan.Placement::line)
              .thenComparing(Plan.Placement::arrival)
              .thenComparing(Plan.Placement::pledge));
      return new Plan(out);
    }
  }
}
