package org.guarantor.bench.allocation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.optimizer.InstanceGenerator;
import org.guarantor.optimizer.OnlinePlanner;
import org.guarantor.optimizer.Problem;

/**
 * Thread CPU time of the online allocator per 100-line plan against 1,000 pledges (target at most 1
 * ms), with the treaty's index built once: the same work as {@link OnlineAllocationBenchmark}'s
 * {@code planWithIndex}, timed in CPU time so that a machine shared with other builds does not
 * inflate it. Plans are run back to back, first to warm up, then to measure. Two ways: the plan's
 * lines in one call ({@code Allocator.allocateInTurn}, as {@code OnlinePlanner} does), and one call
 * per line ({@code Allocator.allocate}, as dispatch does at activation for a plan's few lines).
 *
 * <p>Usage: {@code java -cp guarantor-bench/target/benchmarks.jar
 * org.guarantor.bench.allocation.OnlineAllocationCpu [seeds] [seconds]}
 */
public final class OnlineAllocationCpu {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private OnlineAllocationCpu() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    long sink = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      Problem p = InstanceGenerator.generate(seed, 100, 1000).problem();
      Allocator allocator = Allocator.of(p.hubs(), p.pledges(), p.burdenWeight());
      for (boolean perLine : new boolean[] {false, true}) {
        sink += run(p, allocator, perLine, seconds / 2)[0];
        long[] r = run(p, allocator, perLine, seconds);
        System.out.printf(
            Locale.ROOT,
            "seed %d, %s: %d plans, %.1f us CPU per 100-line plan (%.0f us wall)%n",
            seed,
            perLine ? "one call per line" : "one call per plan",
            r[0],
            r[1] / 1e3 / r[0],
            r[2] / 1e3 / r[0]);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  /** The plan's lines one call each, as dispatch allocates them; returns the quantity covered. */
  private static long lineByLine(Problem p, Allocator allocator) {
    Map<PledgeId, Long> held = new HashMap<>(p.held());
    long covered = 0;
    for (Problem.Line line : p.lines()) {
      covered += allocator.allocate(line.need(), held, p.standing()).covered();
    }
    return covered;
  }

  /** Plans back to back for about this long: {count, cpu nanos, wall nanos}. */
  private static long[] run(Problem p, Allocator allocator, boolean perLine, double seconds) {
    long wall0 = System.nanoTime();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    long n = 0;
    long covered = 0;
    while (System.nanoTime() - wall0 < seconds * 1e9) {
      covered += perLine ? lineByLine(p, allocator) : OnlinePlanner.plan(p, allocator).covered();
      n++;
    }
    long cpu = CPU.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    return new long[] {n + (covered == -1 ? 1 : 0), cpu, wall};
  }
}
