package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The maritime belt of a covered territory, split among its coastal areas. Stateless.
 *
 * <p>Construction, all distances in a {@link LocalProjection} centred on the territory:
 *
 * <ol>
 *   <li>belt = covered land buffered by N nautical miles (the land simplified to 50 m first: the
 *       buffer is kilometres wide, so finer detail only costs time);
 *   <li>sea = belt − covered land − every other area nearby (excluded regions, uncovered regions,
 *       other states' land), so the belt never crosses land that is not covered; without the
 *       hairline gaps where two outlines fail to meet on an inland border, so that sea lies only on
 *       the sea side of a coastline;
 *   <li>median line: sample the coasts of covered areas and of the other areas every kilometre and
 *       give each piece of sea to the nearest sample (a Voronoi diagram). Sea nearer to other land
 *       than to covered land is dropped — it is theirs, or the excluded region's, by the
 *       equidistance principle of UNCLOS art. 15 — and the rest goes to the covered area whose
 *       coast is nearest, which names it ("territorial waters off Odesa Oblast").
 * </ol>
 *
 * <p>Accuracy: the median line is within about half the sampling step (500 m) of the exact one; the
 * belt's width is within the projection's scale error (under 1 % within 11° of the centre) and the
 * 50 m simplification. Baselines are the coast as drawn (no straight baselines across bays).
 */
final class TerritorialWaters {
  private static final double SIMPLIFY_M = 50;
  private static final double SAMPLE_M = 1000;
  private static final double SITE_TOLERANCE_M = 0.5;

  /**
   * Sea narrower than twice this (degrees, about 10 cm) is no sea but a hairline gap between two
   * outlines that fail to meet by float noise, on an inland border; it is dropped, so waters lie
   * only on the sea side of a coastline. Gaps as wide as the difference between 1:10m and 1:110m
   * outlines (kilometres) cannot be told from sea this way: the atlas gives every state near the
   * territory at 1:10m so that there are none.
   */
  private static final double HAIRLINE_DEGREES = 1e-6;

  private static final GeometryFactory PLAIN = Polygons.PLAIN;

  private TerritorialWaters() {}

  /**
   * Computes the waters of each covered area.
   *
   * @param covered the covered areas (land), longitude/latitude
   * @param land the union of {@code covered}
   * @param others every area that is not covered: their sea is not ours
   * @param nauticalMiles belt width, > 0
   * @return for each covered area, in the same order, its waters (possibly empty)
   */
  static List<Geometry> compute(
      List<Geometry> covered, Geometry land, List<Geometry> others, double nauticalMiles) {
    List<Geometry> result = new ArrayList<>();
    if (land.isEmpty()) {
      covered.forEach(c -> result.add(PLAIN.createPolygon()));
      return result;
    }
    double width = nauticalMiles * LocalProjection.METRES_PER_NAUTICAL_MILE;
    LocalProjection projection = LocalProjection.centredOn(land);

    Geometry beltP =
        DouglasPeuckerSimplifier.simplify(projection.forward(land), SIMPLIFY_M).buffer(width, 16);
    Geometry belt = projection.inverse(Densifier.densify(beltP, SAMPLE_M));
    // Other land matters up to one belt width beyond the belt, where its coast can be the nearer
    // one; twice that for margin.
    Envelope wider = belt.getEnvelopeInternal();
    double widthDegrees = 2 * width / LocalProjection.METRES_PER_DEGREE;
    wider.expandBy(widthDegrees / Math.cos(Math.toRadians(maxAbsLatitude(wider))), widthDegrees);

    List<Geometry> near = new ArrayList<>();
    for (Geometry o : others) {
      Geometry clipped = Polygons.clip(o, wider);
      if (!clipped.isEmpty()) {
        near.add(clipped);
      }
    }
    Geometry sea = Polygons.difference(belt, land);
    if (!near.isEmpty()) {
      sea = Polygons.difference(sea, Polygons.union(near));
    }
    sea = Polygons.opened(sea, HAIRLINE_DEGREES);
    if (sea.isEmpty()) {
      covered.forEach(c -> result.add(PLAIN.createPolygon()));
      return result;
    }

    Geometry seaP = projection.forward(sea);
    IndexedFacetDistance toSea = new IndexedFacetDistance(seaP);
    // Insertion order feeds the triangulation, so the same input gives the same diagram every run.
    Map<Coordinate, Integer> owner = new LinkedHashMap<>();
    for (int i = 0; i < covered.size(); i++) {
      addSites(covered.get(i), i, wider, projection, toSea, width, owner);
    }
    for (Geometry o : near) {
      addSites(o, -1, wider, projection, toSea, width, owner);
    }

    Envelope clip = seaP.getEnvelopeInternal();
    clip.expandBy(4 * width);
    VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
    voronoi.setSites(owner.keySet());
    voronoi.setClipEnvelope(clip);
    // Sites closer than this are one site; nearly coincident ones only make degenerate cells.
    voronoi.setTolerance(SITE_TOLERANCE_M);
    // The builder's own clipping uses the old overlay, which fails on the hull's long cell edges;
    // clip each cell with the robust overlay instead.
    @SuppressWarnings("unchecked")
    List<Geometry> diagram = voronoi.getSubdivision().getVoronoiCellPolygons(PLAIN);

    List<List<Geometry>> cellsOf = new ArrayList<>();
    covered.forEach(c -> cellsOf.add(new ArrayList<>()));
    for (Geometry cell : diagram) {
      Integer tag = owner.get((Coordinate) cell.getUserData());
      if (tag != null && tag >= 0) {
        // Nearly collinear sites can give a cell a bow-tie from round-off; repair it first.
        Geometry valid = cell.isValid() ? cell : GeometryFixer.fix(cell);
        Geometry clipped = Polygons.clip(valid, clip);
        if (!clipped.isEmpty()) {
          cellsOf.get(tag).add(clipped);
        }
      }
    }
    for (List<Geometry> cells : cellsOf) {
      if (cells.isEmpty()) {
        result.add(PLAIN.createPolygon());
        continue;
      }
      Geometry zone =
          Polygons.polygonal(
              projection.inverse(Densifier.densify(Polygons.unionOfAdjacent(cells), SAMPLE_M)));
      result.add(Polygons.intersection(sea, zone));
    }
    return result;
  }

  private static double maxAbsLatitude(Envelope e) {
    return Math.min(85, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())));
  }

  /**
   * Samples an area's boundary every {@link #SAMPLE_M} metres, keeping the samples that can be the
   * nearest land to some sea in the belt (within one belt width of it).
   */
  private static void addSites(
      Geometry area,
      int tag,
      Envelope wider,
      LocalProjection projection,
      IndexedFacetDistance toSea,
      double width,
      Map<Coordinate, Integer> owner) {
    Geometry clipped = Polygons.clip(area, wider);
    if (clipped.isEmpty()) {
      return;
    }
    Geometry boundaryP = Densifier.densify(projection.forward(clipped.getBoundary()), SAMPLE_M);
    for (Coordinate c : boundaryP.getCoordinates()) {
      Point p = PLAIN.createPoint(c);
      if (toSea.isWithinDistance(p, width)) {
        // The first owner wins where a covered and another area share a vertex (a land border
        // reaching the coast); covered areas are added first.
        owner.putIfAbsent(new Coordinate(c.x, c.y), tag);
      }
    }
  }
}
