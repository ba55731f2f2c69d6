package org.guarantor.bench.territory;

import java.util.concurrent.TimeUnit;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state time to build the bundled territory (waters belt, point index, area index) from an
 * already loaded atlas, as when a new territory version is adopted. {@link ColdStartBenchmark}
 * measures a fresh JVM.
 *
 * <pre>
 * java -jar guarantor-bench/target/benchmarks.jar TerritoryBuildBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class TerritoryBuildBenchmark {
  private Atlas atlas;

  @Setup(Level.Trial)
  public void setUp() {
    atlas = NaturalEarthAtlas.load();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 5)
  @Measurement(iterations = 5, time = 5)
  public CoveredTerritory build() {
    return CoveredTerritory.build(atlas, BundledScenario.DEFINITION);
  }
}
