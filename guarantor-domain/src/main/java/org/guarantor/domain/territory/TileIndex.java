package org.guarantor.domain.territory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * Answers "which is the first of these areas that covers this point?" in (amortised) constant time.
 * Immutable after construction and thread-safe.
 *
 * <p>Why this shape: a point check must cost well under a microsecond, and a prepared geometry of a
 * whole oblast (a thousand vertices) or of Russia (37,000) costs far more than that. So each area
 * is cut along a quadtree over a square frame into pieces of at most {@value #MAX_PIECE_VERTICES}
 * vertices; a quadrant wholly inside the area becomes a "full" piece that needs no geometry test.
 * The frame's finest quadrants form a uniform grid; each grid cell lists, in the areas' order, the
 * pieces that reach it, and stops after the first full piece, because nothing later can win there.
 * A query is one array lookup, a few envelope tests and at most a couple of ring tests on small
 * polygons.
 *
 * <p>Pieces are closed (boundary counts as inside), so a point on an area's edge is found, as it
 * would be by {@code covers}. Cutting adds vertices where an edge crosses a quadrant line; they are
 * rounded to the nearest double, so answers for points within about 1e-12° of such an edge may
 * differ from the uncut area's. That is far below the data's accuracy (tens of metres).
 */
final class TileIndex {
  static final int MAX_PIECE_VERTICES = 64;

  /**
   * Background areas (other states) are cut less finely: a point there is answered a little slower,
   * and cutting Russia as finely as an oblast would double the build time.
   */
  static final int MAX_BACKGROUND_PIECE_VERTICES = 512;

  private final double minX;
  private final double minY;
  private final double cell;
  private final int side;
  private final int[][] cells;
  private final int[] owner;
  private final boolean[] full;
  private final double[] boxes;
  private final PointOnGeometryLocator[] locators;

  /**
   * Indexes areas in precedence order inside a frame.
   *
   * @param areas polygonal geometries; an earlier one wins where they overlap
   * @param background further areas, after {@code areas} in precedence, cut into coarser pieces;
   *     their indices continue those of {@code areas}
   * @param frame the region queries will come from; parts of areas outside it are dropped
   * @param targetCell the wanted grid cell size in degrees; the grid is at most 512 × 512
   */
  TileIndex(List<Geometry> areas, List<Geometry> background, Envelope frame, double targetCell) {
    double size = Math.max(frame.getWidth(), frame.getHeight());
    int levels = 0;
    while (levels < 9 && size / (1 << levels) > targetCell) {
      levels++;
    }
    this.side = 1 << levels;
    this.cell = size / side;
    this.minX = frame.getMinX();
    this.minY = frame.getMinY();
    Builder builder = new Builder(levels);
    Envelope square = new Envelope(minX, minX + size, minY, minY + size);
    for (int i = 0; i < areas.size(); i++) {
      builder.split(i, Polygons.clip(areas.get(i), square), square, 0, MAX_PIECE_VERTICES);
    }
    for (int i = 0; i < background.size(); i++) {
      Geometry clipped = Polygons.clip(background.get(i), square);
      builder.split(areas.size() + i, clipped, square, 0, MAX_BACKGROUND_PIECE_VERTICES);
    }
    this.owner = builder.owner.stream().mapToInt(Integer::intValue).toArray();
    this.full = new boolean[owner.length];
    this.boxes = new double[owner.length * 4];
    this.locators = new PointOnGeometryLocator[owner.length];
    for (int p = 0; p < owner.length; p++) {
      Builder.Piece piece = builder.pieces.get(p);
      full[p] = piece.geometry == null;
      boxes[4 * p] = piece.box.getMinX();
      boxes[4 * p + 1] = piece.box.getMinY();
      boxes[4 * p + 2] = piece.box.getMaxX();
      boxes[4 * p + 3] = piece.box.getMaxY();
      locators[p] = full[p] ? null : locator(piece.geometry);
    }
    this.cells = builder.cells();
  }

  /** Whether the point lies in the frame's square; outside it {@link #locate} always says -1. */
  boolean inFrame(double x, double y) {
    return x >= minX && y >= minY && x <= minX + side * cell && y <= minY + side * cell;
  }

  /**
   * The index of the first area covering the point, or -1 if none does (or it is outside the
   * frame).
   */
  int locate(double x, double y) {
    if (!inFrame(x, y)) {
      return -1;
    }
    int cx = Math.min(side - 1, (int) ((x - minX) / cell));
    int cy = Math.min(side - 1, (int) ((y - minY) / cell));
    int[] candidates = cells[cy * side + cx];
    Coordinate c = null;
    for (int p : candidates) {
      int b = 4 * p;
      if (x < boxes[b] || y < boxes[b + 1] || x > boxes[b + 2] || y > boxes[b + 3]) {
        continue;
      }
      if (full[p]) {
        return owner[p];
      }
      if (c == null) {
        c = new Coordinate(x, y);
      }
      if (locators[p].locate(c) != Location.EXTERIOR) {
        return owner[p];
      }
    }
    return -1;
  }

  private static PointOnGeometryLocator locator(Geometry g) {
    if (g.getNumPoints() <= MAX_PIECE_VERTICES) {
      return new SimplePointInAreaLocator(g);
    }
    IndexedPointInAreaLocator indexed = new IndexedPointInAreaLocator(g);
    // Build the lazy index now, so that concurrent queries only read.
    indexed.locate(g.getCoordinate());
    return indexed;
  }

  /** Whether a clipped piece is exactly its quadrant: a rectangle on the quadrant's corners. */
  private static boolean isWholeBox(Geometry g, Envelope box) {
    if (!(g instanceof Polygon p) || p.getNumInteriorRing() > 0 || p.getArea() <= 0) {
      return false;
    }
    for (Coordinate c : p.getExteriorRing().getCoordinates()) {
      boolean corner =
          (c.x == box.getMinX() || c.x == box.getMaxX())
              && (c.y == box.getMinY() || c.y == box.getMaxY());
      if (!corner) {
        return false;
      }
    }
    return true;
  }

  private final class Builder {
    private final int levels;
    private final List<Integer> owner = new ArrayList<>();
    private final List<Piece> pieces = new ArrayList<>();
    private final int[][] lists;
    private final int[] sizes;
    private final boolean[] closed;

    private record Piece(Envelope box, Geometry geometry) {}

    Builder(int levels) {
      this.levels = levels;
      int n = side * side;
      this.lists = new int[n][];
      this.sizes = new int[n];
      this.closed = new boolean[n];
    }

    void split(int area, Geometry g, Envelope box, int level, int maxVertices) {
      if (g.isEmpty()) {
        return;
      }
      if (isWholeBox(g, box)) {
        add(area, box, null);
      } else if (g.getNumPoints() <= maxVertices || level == levels) {
        add(area, g.getEnvelopeInternal(), g);
      } else {
        for (Envelope q : Polygons.quadrants(box)) {
          split(area, Polygons.clip(g, q), q, level + 1, maxVertices);
        }
      }
    }

    private void add(int area, Envelope box, Geometry geometry) {
      int id = pieces.size();
      pieces.add(new Piece(box, geometry));
      owner.add(area);
      // A hair of slack, so a point on a cell line also sees pieces that merely touch that line.
      double slack = cell * 1e-9;
      int x0 = index(box.getMinX() - slack - minX);
      int x1 = index(box.getMaxX() + slack - minX);
      int y0 = index(box.getMinY() - slack - minY);
      int y1 = index(box.getMaxY() + slack - minY);
      for (int cy = y0; cy <= y1; cy++) {
        for (int cx = x0; cx <= x1; cx++) {
          int c = cy * side + cx;
          if (closed[c]) {
            continue;
          }
          append(c, id);
          if (geometry == null && coversCell(box, cx, cy)) {
            closed[c] = true;
          }
        }
      }
    }

    private boolean coversCell(Envelope box, int cx, int cy) {
      return box.getMinX() <= minX + cx * cell
          && box.getMaxX() >= minX + (cx + 1) * cell
          && box.getMinY() <= minY + cy * cell
          && box.getMaxY() >= minY + (cy + 1) * cell;
    }

    private int index(double offset) {
      return Math.max(0, Math.min(side - 1, (int) Math.floor(offset / cell)));
    }

    private void append(int c, int id) {
      if (lists[c] == null) {
        lists[c] = new int[2];
      } else if (sizes[c] == lists[c].length) {
        lists[c] = Arrays.copyOf(lists[c], sizes[c] * 2);
      }
      lists[c][sizes[c]++] = id;
    }

    int[][] cells() {
      int[] none = new int[0];
      int[][] out = new int[lists.length][];
      for (int c = 0; c < lists.length; c++) {
        out[c] = lists[c] == null ? none : Arrays.copyOf(lists[c], sizes[c]);
      }
      return out;
    }
  }
}
