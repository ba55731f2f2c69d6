package org.guarantor.domain.allocation;

import org.guarantor.domain.pledge.Pledge;

/**
 * The few ruled-out pledges an allocation keeps as alternatives, the nearest misses first: too late
 * by the smallest margin, then no quantity left, then caveats, declined and not valid; then by
 * pledge id. Which are kept does not depend on the order they are offered in. Mutable, confined to
 * one allocation.
 */
final class NearMisses {
  private final int capacity;
  final Pledge[] kept;
  final Alternative.Lost[] lost;
  private final int[] rank;
  final long[] arrival;
  final int[] nano;
  int size;

  NearMisses(int capacity) {
    this.capacity = capacity;
    kept = new Pledge[capacity + 1];
    lost = new Alternative.Lost[capacity + 1];
    rank = new int[capacity + 1];
    arrival = new long[capacity + 1];
    nano = new int[capacity + 1];
  }

  /** Whether every place is taken by a pledge too late that arrives before this second. */
  boolean fullOfMissesBefore(long sec) {
    return size == capacity
        && lost[size - 1] == Alternative.Lost.TOO_LATE
        && arrival[size - 1] + 1 < sec;
  }

  /**
   * @param arrivalSec when it would arrive (epoch seconds) if it was too late; else any value
   * @param arrivalNano the nanoseconds of that arrival
   */
  void offer(Pledge p, Alternative.Lost why, long arrivalSec, int arrivalNano) {
    int r = rank(why);
    if (size == capacity && !better(p, r, arrivalSec, size - 1)) {
      return;
    }
    int i = size;
    while (i > 0 && better(p, r, arrivalSec, i - 1)) {
      kept[i] = kept[i - 1];
      lost[i] = lost[i - 1];
      rank[i] = rank[i - 1];
      arrival[i] = arrival[i - 1];
      nano[i] = nano[i - 1];
      i--;
    }
    kept[i] = p;
    lost[i] = why;
    rank[i] = r;
    arrival[i] = arrivalSec;
    nano[i] = arrivalNano;
    size = Math.min(capacity, size + 1);
  }

  private boolean better(Pledge p, int r, long arrivalSec, int other) {
    if (r != rank[other]) {
      return r < rank[other];
    }
    if (arrivalSec != arrival[other]) {
      return arrivalSec < arrival[other];
    }
    return p.id().compareTo(kept[other].id()) < 0;
  }

  private static int rank(Alternative.Lost lost) {
    switch (lost) {
      case TOO_LATE:
        return 0;
      case NO_QUANTITY_LEFT:
        return 1;
      case CAVEAT:
        return 2;
      case DECLINED:
        return 3;
      default:
        return 4;
    }
  }
}
