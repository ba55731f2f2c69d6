package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * A territory definition resolved against an atlas, ready to answer point and area checks and to
 * draw itself. Immutable and thread-safe: everything checks need is computed in {@link #build};
 * checks only read. A point check costs well under a microsecond and allocates nothing but, near
 * borders, one coordinate.
 *
 * <h2>What a point is judged against, in order</h2>
 *
 * <ol>
 *   <li>custom EXCLUDE areas — "outside: in excluded region …";
 *   <li>custom INCLUDE areas — "in covered territory (…)";
 *   <li>excluded regions — "outside: in excluded region Autonomous Republic of Crimea (UA-43)";
 *   <li>included regions — "in covered territory (Kharkiv Oblast, UA-63)";
 *   <li>territorial waters, split among the covered coastal regions by nearest coast — "in scope:
 *       territorial waters off Odesa Oblast (UA-51)";
 *   <li>regions of the protected state that are neither included nor excluded — "outside: … is not
 *       part of the covered territory";
 *   <li>other states — "outside: not in the protected state (Moldova, MDA)";
 *   <li>nothing — "outside: not in any covered territory or its waters".
 * </ol>
 *
 * <h2>Border rule</h2>
 *
 * Every area is closed: a point exactly on an area's boundary lies in that area. The first area in
 * the order above that contains the point decides; between two areas of the same kind, the one with
 * the smaller code. Hence a point on the border between an included and an excluded region is
 * <em>excluded</em> (the treaty's exclusion is read as written, up to and including its line); a
 * point on the protected state's border with a neighbour is <em>covered</em>; a point on the border
 * between Kyiv city (UA-30) and Kyiv Oblast (UA-32) is answered as Kyiv city.
 *
 * <h2>Areas</h2>
 *
 * An area report (Polygon or MultiPolygon) is in scope when a part of positive area lies in covered
 * land or waters; the answer names the covered region (or region's waters) holding the largest part
 * and the covered share of the report's area. An area with no covered part is answered like its
 * interior point (JTS {@code getInteriorPoint}), with share 0.
 *
 * <h2>Territorial waters</h2>
 *
 * With {@code watersNm > 0}, a belt of that width around the covered coast, minus every other land,
 * cut at the median line with any coast that is not covered (excluded regions and other states), so
 * it never covers waters off Crimea or off Russia's coast. See {@link TerritorialWaters}.
 */
public final class CoveredTerritory {
  /**
   * Pieces of covered land smaller than this, in square degrees (about 1.2 ha at the equator, 0.8
   * ha at 50° N), are dropped. They are what an exclusion drawn along a coast or a border leaves of
   * the region it cuts, where its line misses the data's by a hair; each would otherwise count as
   * covered land and grow a territorial-waters belt of its own. No real region is that small at the
   * atlas's 1:10m detail.
   */
  public static final double SLIVER_SQUARE_DEGREES = 1e-6;

  private static final double FRAME_MARGIN_DEGREES = 1;
  private static final double LOCAL_CELL_DEGREES = 0.1;
  private static final ScopeAnswer OUTSIDE =
      new ScopeAnswer(false, ScopeAnswer.Cause.OUTSIDE_ANY_TERRITORY, "", "", 0);

  private final TerritoryDefinition definition;
  private final TileIndex local;
  private final ScopeAnswer[] localAnswers;
  private final WorldIndex world;
  private final ScopeAnswer[] worldAnswers;
  private final AreaIndex areas;
  private final List<NamedArea> coveredAreas;
  private final List<NamedArea> waters;
  private final List<NamedArea> exclusions;
  private final List<NamedArea> otherStates;
  private final Geometry land;
  private final List<Geometry> inScope;

  /**
   * Land ∪ waters, for display only, so computed on first use (a tenth of a second) rather than at
   * every build. Racy single-check: two threads may both compute it, with equal results.
   */
  private volatile Geometry covered;

  private CoveredTerritory(TerritoryDefinition definition, Resolution r) {
    this.definition = definition;
    List<Part> coveredLand = effectiveCoveredLand(r);
    this.land = Polygons.union(geometries(coveredLand));
    List<Part> waterParts = waters(r, coveredLand, land, definition.watersNm());

    List<Part> ordered = new ArrayList<>();
    ordered.addAll(r.customExclude());
    ordered.addAll(r.customInclude());
    ordered.addAll(r.excluded());
    ordered.addAll(r.included());
    ordered.addAll(waterParts);
    ordered.addAll(r.uncovered());
    Envelope frame = new Envelope();
    ordered.forEach(p -> frame.expandToInclude(p.geometry().getEnvelopeInternal()));
    if (frame.isNull()) {
      frame.init(0, 0, 0, 0);
    }
    frame.expandBy(FRAME_MARGIN_DEGREES);
    this.local =
        new TileIndex(geometries(ordered), geometries(r.others()), frame, LOCAL_CELL_DEGREES);
    ordered.addAll(r.others());
    this.localAnswers = ordered.stream().map(Part::answer).toArray(ScopeAnswer[]::new);
    this.world = new WorldIndex(geometries(r.others()));
    this.worldAnswers = r.others().stream().map(Part::answer).toArray(ScopeAnswer[]::new);

    List<Part> inScopeParts = new ArrayList<>(coveredLand);
    inScopeParts.addAll(waterParts);
    this.areas = new AreaIndex(inScopeParts);
    this.coveredAreas = coveredLand.stream().map(Part::named).toList();
    this.waters = waterParts.stream().map(Part::named).toList();
    this.exclusions = r.exclusions().stream().map(Part::named).toList();
    this.otherStates = r.others().stream().map(Part::named).toList();
    this.inScope = geometries(inScopeParts);
  }

  /**
   * Resolves a definition against an atlas and precomputes everything checks need: the waters belt,
   * the point index and the area index. Takes about half a second of CPU for the bundled scenario
   * (one to two seconds in a cold JVM); build once per territory version and share. To validate a
   * definition cheaply, use {@link TerritoryCheck#validate} instead.
   *
   * @throws IllegalArgumentException listing every problem {@link TerritoryCheck#validate} finds
   *     (unknown codes, invalid custom areas)
   */
  public static CoveredTerritory build(Atlas atlas, TerritoryDefinition definition) {
    return new CoveredTerritory(definition, Resolution.of(atlas, definition));
  }

  public TerritoryDefinition definition() {
    return definition;
  }

  /**
   * Checks a point given in degrees (WGS 84).
   *
   * @throws IllegalArgumentException if latitude is outside −90..90 or longitude outside −180..180
   *     (validate input with {@link GeometryCheck} first)
   */
  public ScopeAnswer check(double lat, double lon) {
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("not a position in degrees: lat " + lat + ", lon " + lon);
    }
    int i = local.locate(lon, lat);
    if (i >= 0) {
      return localAnswers[i];
    }
    if (local.inFrame(lon, lat)) {
      return OUTSIDE;
    }
    int j = world.locate(lon, lat);
    return j >= 0 ? worldAnswers[j] : OUTSIDE;
  }

  /**
   * Checks a point or an area (Polygon or MultiPolygon); see the class comment for areas.
   *
   * @throws IllegalArgumentException for other geometry types or positions out of range (validate
   *     input with {@link GeometryCheck} first)
   */
  public ScopeAnswer check(Geometry location) {
    if (location instanceof Point p) {
      return check(p.getY(), p.getX());
    }
    return checkArea(location).answer();
  }

  /**
   * Checks an area report and returns the covered part with the answer.
   *
   * @throws IllegalArgumentException if the location is not a Polygon or MultiPolygon
   */
  public AreaAnswer checkArea(Geometry location) {
    if (!(location instanceof Polygon || location instanceof MultiPolygon)) {
      throw new IllegalArgumentException(
          "an area must be a Polygon or MultiPolygon, not " + location.getGeometryType());
    }
    if (location.isEmpty()) {
      throw new IllegalArgumentException("an area must not be empty");
    }
    AreaIndex.Result result = areas.intersect(location);
    if (result.largest() != null) {
      return new AreaAnswer(
          result.largest().answer().withShare(result.share()), result.coveredPart());
    }
    Point inside = location.getInteriorPoint();
    ScopeAnswer byPoint = check(inside.getY(), inside.getX());
    // A point on a covered border can be "in", yet the area has no covered part of positive size.
    return new AreaAnswer(byPoint.inScope() ? OUTSIDE : byPoint, result.coveredPart());
  }

  /** The part of an area report that lies in covered land or waters (empty if none). */
  public Geometry coveredPart(Geometry location) {
    return checkArea(location).coveredPart();
  }

  /** Covered land and territorial waters as one geometry, at full detail (WGS 84 lon/lat). */
  public Geometry coveredGeometry() {
    Geometry g = covered;
    if (g == null) {
      g = inScope.size() == coveredAreas.size() ? land : Polygons.union(inScope);
      covered = g;
    }
    return g;
  }

  /**
   * Covered land and waters simplified for display: no vertex moves more than the tolerance and no
   * ring collapses or crosses another (JTS TopologyPreservingSimplifier). 0.01° (about 1 km) makes
   * the bundled territory about 26 kB of GeoJSON (1,600 vertices instead of 4,400).
   */
  public Geometry coveredGeometry(double toleranceDegrees) {
    return simplify(coveredGeometry(), toleranceDegrees);
  }

  /** Covered land only (included regions and custom areas after exclusions), full detail. */
  public Geometry coveredLand() {
    return land;
  }

  /** Each covered region or custom area after exclusions, by code, full detail. */
  public List<NamedArea> coveredAreas() {
    return coveredAreas;
  }

  /** Territorial waters of each covered coastal area, by that area's code; empty without a belt. */
  public List<NamedArea> territorialWaters() {
    return waters;
  }

  /** Custom EXCLUDE areas, then excluded regions, each as drawn in the atlas, full detail. */
  public List<NamedArea> exclusions() {
    return exclusions;
  }

  /**
   * Every other state as this territory draws it, sorted by code: at the detail of its admin-1
   * regions near the territory (where the atlas has it), coarse far away.
   */
  public List<NamedArea> otherStates() {
    return otherStates;
  }

  /** {@link #exclusions()} simplified for display, like {@link #coveredGeometry(double)}. */
  public List<NamedArea> exclusions(double toleranceDegrees) {
    return exclusions.stream()
        .map(a -> new NamedArea(a.code(), a.name(), simplify(a.geometry(), toleranceDegrees)))
        .toList();
  }

  private static Geometry simplify(Geometry g, double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0: " + tolerance);
    }
    return tolerance == 0 ? g : TopologyPreservingSimplifier.simplify(g, tolerance);
  }

  /** Included regions and custom INCLUDE areas, each minus the exclusions that apply to it. */
  private static List<Part> effectiveCoveredLand(Resolution r) {
    List<Part> out = new ArrayList<>();
    for (Part p : r.customInclude()) {
      addCut(out, p, r.customExclude());
    }
    for (Part p : r.included()) {
      addCut(out, p, r.exclusions());
    }
    return out;
  }

  private static void addCut(List<Part> out, Part p, List<Part> cuts) {
    Geometry g = p.geometry();
    List<Geometry> touching = new ArrayList<>();
    for (Part cut : cuts) {
      if (cut.geometry().getEnvelopeInternal().intersects(g.getEnvelopeInternal())) {
        touching.add(cut.geometry());
      }
    }
    if (!touching.isEmpty()) {
      g =
          Polygons.withoutSlivers(
              Polygons.difference(g, Polygons.union(touching)), SLIVER_SQUARE_DEGREES);
    }
    if (!g.isEmpty()) {
      out.add(p.withGeometry(g));
    }
  }

  private static List<Part> waters(
      Resolution r, List<Part> coveredLand, Geometry land, double watersNm) {
    if (watersNm <= 0 || land.isEmpty()) {
      return List.of();
    }
    List<Geometry> belt =
        TerritorialWaters.compute(geometries(coveredLand), land, r.barriers(), watersNm);
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < coveredLand.size(); i++) {
      Geometry w = Polygons.polygonal(belt.get(i));
      if (!w.isEmpty()) {
        Part coast = coveredLand.get(i);
        out.add(Part.of(Layer.WATERS, coast.code(), coast.name(), w));
      }
    }
    out.sort(Part.PRECEDENCE);
    return out;
  }

  private static List<Geometry> geometries(List<Part> parts) {
    return parts.stream().map(Part::geometry).toList();
  }
}
