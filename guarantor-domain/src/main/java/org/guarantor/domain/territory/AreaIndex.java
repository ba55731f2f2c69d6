package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Intersects an area report with the covered parts (land and waters). The parts are cut into pieces
 * of at most {@value #MAX_PIECE_VERTICES} vertices under an STR-tree, so a report the size of a
 * town intersects a few small pieces instead of a whole oblast. Immutable and thread-safe (the tree
 * is built in the constructor and only queried afterwards).
 */
final class AreaIndex {
  static final int MAX_PIECE_VERTICES = 256;

  private final List<Part> parts;
  private final STRtree tree = new STRtree();

  private record Piece(int part, Geometry geometry) {}

  /** The covered part of an area, the part holding most of it (null if none), the share. */
  record Result(Geometry coveredPart, Part largest, double share) {}

  AreaIndex(List<Part> parts) {
    this.parts = List.copyOf(parts);
    for (int i = 0; i < parts.size(); i++) {
      for (Geometry piece : Polygons.split(parts.get(i).geometry(), MAX_PIECE_VERTICES)) {
        tree.insert(piece.getEnvelopeInternal(), new Piece(i, piece));
      }
    }
    tree.build();
  }

  Result intersect(Geometry area) {
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
    double[] byPart = new double[parts.size()];
    List<Geometry> common = new ArrayList<>();
    for (Object o : tree.query(area.getEnvelopeInternal())) {
      Piece piece = (Piece) o;
      if (!prepared.intersects(piece.geometry())) {
        continue;
      }
      Geometry shared = Polygons.intersection(area, piece.geometry());
      double size = Polygons.groundArea(shared);
      if (size > 0) {
        byPart[piece.part()] += size;
        common.add(shared);
      }
    }
    if (common.isEmpty()) {
      return new Result(Polygons.PLAIN.createPolygon(), null, 0);
    }
    int best = 0;
    for (int i = 1; i < byPart.length; i++) {
      if (byPart[i] > byPart[best]) {
        best = i;
      }
    }
    Geometry covered = Polygons.union(common);
    double total = Polygons.groundArea(area);
    double share = total > 0 ? Math.min(1, Polygons.groundArea(covered) / total) : 1;
    return new Result(covered, parts.get(best), share);
  }
}
