package org.guarantor.bench.territory;

import java.util.concurrent.TimeUnit;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time from a fresh JVM to a territory ready for checks, as at server start: loading the shipped
 * atlas (cold, unwarmed code) and building the bundled territory. One measurement per fork.
 *
 * <pre>
 * java -jar guarantor-bench/target/benchmarks.jar ColdStartBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 5,
    jvmArgsAppend = {"-Xmx1g"})
public class ColdStartBenchmark {
  @Benchmark
  public CoveredTerritory loadAtlasAndBuild() {
    return CoveredTerritory.build(NaturalEarthAtlas.load(), BundledScenario.DEFINITION);
  }
}
