package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The polygon operations the territory is built with, all through JTS's robust overlay (which falls
 * back to snapping instead of failing on nearly coincident edges). Stateless.
 */
final class Polygons {
  /**
   * Holes smaller than this (square degrees, about 1 m²) are float noise where two regions of the
   * source data fail to meet exactly, not lakes; they are closed after a union.
   */
  static final double PINHOLE_SQUARE_DEGREES = 1e-10;

  static final GeometryFactory PLAIN = new GeometryFactory();

  private Polygons() {}

  /** The polygons of an overlay result, dropping the lines and points it may also contain. */
  static Geometry polygonal(Geometry g) {
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(g);
    return polygons.size() == 1
        ? polygons.get(0)
        : PLAIN.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  /** The union of areas, without pinholes. */
  static Geometry union(List<Geometry> areas) {
    if (areas.isEmpty()) {
      return PLAIN.createPolygon();
    }
    return withoutPinholes(polygonal(UnaryUnionOp.union(areas)));
  }

  /**
   * The union of areas that meet edge to edge without overlapping, such as the cells of a Voronoi
   * diagram: the coverage union is linear and several times faster than a general union. Edges may
   * still differ in the last bit, so the result is checked (valid, and no area lost or gained) and
   * the general union is used when the check fails. (Natural Earth's regions fail it: they leave
   * pinholes and hair-thin overlaps between neighbours.)
   */
  static Geometry unionOfAdjacent(List<Geometry> areas) {
    if (areas.size() < 2) {
      return union(areas);
    }
    try {
      Geometry u = polygonal(CoverageUnion.union(areas.toArray(Geometry[]::new)));
      double sum = areas.stream().mapToDouble(Geometry::getArea).sum();
      if (u.isValid() && Math.abs(u.getArea() - sum) <= 1e-9 * sum) {
        return withoutPinholes(u);
      }
    } catch (RuntimeException notACoverage) {
      // Overlapping or mismatched edges: fall through to the general union.
    }
    return union(areas);
  }

  private static Geometry withoutPinholes(Geometry union) {
    List<Polygon> out = new ArrayList<>();
    for (int i = 0; i < union.getNumGeometries(); i++) {
      Polygon p = (Polygon) union.getGeometryN(i);
      List<LinearRing> holes = new ArrayList<>();
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        LinearRing hole = p.getInteriorRingN(h);
        if (Math.abs(Area.ofRingSigned(hole.getCoordinateSequence())) >= PINHOLE_SQUARE_DEGREES) {
          holes.add(hole);
        }
      }
      out.add(
          holes.size() == p.getNumInteriorRing()
              ? p
              : PLAIN.createPolygon(p.getExteriorRing(), holes.toArray(LinearRing[]::new)));
    }
    return out.size() == 1 ? out.get(0) : PLAIN.createMultiPolygon(out.toArray(Polygon[]::new));
  }

  /**
   * The polygons of an area at least {@code minSquareDegrees} large (the area itself if none is
   * smaller).
   */
  static Geometry withoutSlivers(Geometry g, double minSquareDegrees) {
    List<Polygon> kept = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      if (p.getArea() >= minSquareDegrees) {
        kept.add(p);
      }
    }
    if (kept.size() == g.getNumGeometries()) {
      return g;
    }
    return kept.size() == 1 ? kept.get(0) : PLAIN.createMultiPolygon(kept.toArray(Polygon[]::new));
  }

  /**
   * An area without the parts narrower than {@code 2 × radius} (a morphological opening), its
   * remaining edges exactly as they were: the opening only decides which parts stay.
   */
  static Geometry opened(Geometry g, double radius) {
    Geometry open = g.buffer(-radius, 2).buffer(radius, 2);
    return open.isEmpty() ? PLAIN.createPolygon() : intersection(g, open.buffer(radius, 2));
  }

  static Geometry difference(Geometry a, Geometry b) {
    return polygonal(OverlayNGRobust.overlay(a, b, OverlayNG.DIFFERENCE));
  }

  static Geometry intersection(Geometry a, Geometry b) {
    return polygonal(OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION));
  }

  /** The part of an area inside a box. */
  static Geometry clip(Geometry g, Envelope box) {
    Envelope e = g.getEnvelopeInternal();
    if (box.covers(e)) {
      return g;
    }
    if (!box.intersects(e)) {
      return PLAIN.createPolygon();
    }
    return intersection(g, PLAIN.toGeometry(box));
  }

  /** The four quarters of a box: south-west, south-east, north-west, north-east. */
  static Envelope[] quadrants(Envelope box) {
    double midX = box.centre().x;
    double midY = box.centre().y;
    return new Envelope[] {
      new Envelope(box.getMinX(), midX, box.getMinY(), midY),
      new Envelope(midX, box.getMaxX(), box.getMinY(), midY),
      new Envelope(box.getMinX(), midX, midY, box.getMaxY()),
      new Envelope(midX, box.getMaxX(), midY, box.getMaxY())
    };
  }

  /** Cuts an area along its envelope's quadrants, recursively, until each piece is small. */
  static List<Geometry> split(Geometry g, int maxVertices) {
    List<Geometry> out = new ArrayList<>();
    split(g, g.getEnvelopeInternal(), maxVertices, 0, out);
    return out;
  }

  private static void split(
      Geometry g, Envelope box, int maxVertices, int depth, List<Geometry> out) {
    if (g.isEmpty()) {
      return;
    }
    // 16 halvings of a country are a few metres; stop there even if a piece is still large.
    if (g.getNumPoints() <= maxVertices || depth >= 16) {
      for (int i = 0; i < g.getNumGeometries(); i++) {
        out.add(g.getGeometryN(i));
      }
      return;
    }
    for (Envelope quadrant : quadrants(box)) {
      split(clip(g, quadrant), quadrant, maxVertices, depth + 1, out);
    }
  }

  /**
   * Area on the ground up to a constant factor: each polygon's area in square degrees times the
   * cosine of its centroid's latitude. Ratios of such areas (covered shares) are right to a few
   * tenths of a percent for reports up to a few hundred kilometres across.
   */
  static double groundArea(Geometry g) {
    double sum = 0;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Geometry part = g.getGeometryN(i);
      if (!part.isEmpty()) {
        sum += part.getArea() * Math.cos(Math.toRadians(part.getCentroid().getY()));
      }
    }
    return sum;
  }
}
