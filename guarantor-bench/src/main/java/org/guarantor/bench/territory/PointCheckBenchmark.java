package org.guarantor.bench.territory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.territory.CoveredTerritory;
import org.guarantor.domain.territory.ScopeAnswer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point checks per second on one core against the bundled territory at full detail: the indexed
 * check ({@link CoveredTerritory#check(double, double)}) and, on the same points, the same rule
 * evaluated naively with {@code Geometry.covers} over whole geometries, and with one prepared
 * geometry per whole area. Targets: at least 1,000,000 indexed checks per second, and at least 100
 * times the naive rate.
 *
 * <pre>
 * java -jar guarantor-bench/target/benchmarks.jar PointCheckBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PointCheckBenchmark {
  private static final int POINTS = 1 << 16;
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private CoveredTerritory territory;
  private List<BundledScenario.Area> naive;
  private List<PreparedGeometry> prepared;
  private double[][] points;
  private Point[] geometries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Atlas atlas = BundledScenario.atlas();
    territory = CoveredTerritory.build(atlas, BundledScenario.DEFINITION);
    naive = BundledScenario.naiveRule(atlas, territory);
    prepared = naive.stream().map(a -> PreparedGeometryFactory.prepare(a.geometry())).toList();
    points = BundledScenario.points(POINTS);
    geometries = new Point[POINTS];
    for (int i = 0; i < POINTS; i++) {
      geometries[i] = GEOMETRY.createPoint(new Coordinate(points[i][1], points[i][0]));
    }
  }

  @Benchmark
  public ScopeAnswer indexed() {
    double[] p = points[next++ & (POINTS - 1)];
    return territory.check(p[0], p[1]);
  }

  @Benchmark
  public ScopeAnswer.Cause naive() {
    Point p = geometries[next++ & (POINTS - 1)];
    for (BundledScenario.Area area : naive) {
      if (area.geometry().covers(p)) {
        return area.cause();
      }
    }
    return ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY;
  }

  /** The middle road: one prepared geometry per whole area, tried in order (no tiles). */
  @Benchmark
  public ScopeAnswer.Cause preparedWholeAreas() {
    Point p = geometries[next++ & (POINTS - 1)];
    for (int i = 0; i < prepared.size(); i++) {
      if (prepared.get(i).covers(p)) {
        return naive.get(i).cause();
      }
    }
    return ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY;
  }
}
