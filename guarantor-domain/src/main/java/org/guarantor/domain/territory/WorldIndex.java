package org.guarantor.domain.territory;

import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the first of many whole areas (countries of the world) covering a point: an STR-tree over
 * their envelopes and an indexed point-in-area locator per area. Serves points outside a {@link
 * TileIndex}'s frame, which are rare, so it is built for a cheap start (tens of milliseconds)
 * rather than for the last nanosecond. Immutable after construction and thread-safe.
 */
final class WorldIndex {
  private final STRtree tree = new STRtree();
  private final IndexedPointInAreaLocator[] locators;

  /** Indexes areas; where they overlap, the earlier one wins. */
  WorldIndex(List<Geometry> areas) {
    locators = new IndexedPointInAreaLocator[areas.size()];
    for (int i = 0; i < areas.size(); i++) {
      Geometry g = areas.get(i);
      if (g.isEmpty()) {
        continue;
      }
      locators[i] = new IndexedPointInAreaLocator(g);
      // Build each lazy index now, so that concurrent queries only read.
      locators[i].locate(g.getCoordinate());
      tree.insert(g.getEnvelopeInternal(), i);
    }
    tree.build();
  }

  /** The index of the first area covering the point, or -1. */
  int locate(double x, double y) {
    Coordinate c = new Coordinate(x, y);
    int[] best = {-1};
    ItemVisitor visitor =
        item -> {
          int i = (Integer) item;
          if ((best[0] < 0 || i < best[0]) && locators[i].locate(c) != Location.EXTERIOR) {
            best[0] = i;
          }
        };
    tree.query(new Envelope(c), visitor);
    return best[0];
  }
}
