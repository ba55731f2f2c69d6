package org.guarantor.bench.allocation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.allocation.Allocator;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.optimizer.InstanceGenerator;
import org.guarantor.optimizer.OnlinePlanner;
import org.guarantor.optimizer.Plan;
import org.guarantor.optimizer.Problem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The online allocator on a seeded plan of 100 lines against 1,000 pledges (target: at most 1 ms
 * per plan): with the treaty's index built once (as the engine can keep it per treaty version), and
 * with the index built for the plan; and with one call per line (as dispatch calls it) instead of
 * one call for the plan's lines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OnlineAllocationBenchmark {
  @Param({"1", "2", "3"})
  long seed;

  private Problem problem;
  private Allocator allocator;

  @Setup
  public void setUp() {
    problem = InstanceGenerator.generate(seed, 100, 1000).problem();
    allocator = Allocator.of(problem.hubs(), problem.pledges(), problem.burdenWeight());
  }

  @Benchmark
  public Plan planWithIndex() {
    return OnlinePlanner.plan(problem, allocator);
  }

  @Benchmark
  public Plan planBuildingIndex() {
    return OnlinePlanner.plan(problem);
  }

  @Benchmark
  public long planOneCallPerLine() {
    Map<PledgeId, Long> held = new HashMap<>(problem.held());
    long covered = 0;
    for (Problem.Line line : problem.lines()) {
      covered += allocator.allocate(line.need(), held, problem.standing()).covered();
    }
    return covered;
  }
}
