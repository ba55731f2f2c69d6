package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The pending timers: a set of {@link Timer}s, each subject's timers found at once, the earliest
 * found first.
 *
 * <p>Why not a {@code TreeSet}: every tasking adds two or three timers and usually drops them again
 * long before they are due (it is acknowledged, then delivered). A balanced tree pays a search of
 * some twenty pointer-chasing comparisons for each add and each removal, and that was a quarter of
 * replay's time and a tenth of the writer's. Here a binary heap in an array takes an add in a few
 * comparisons (due times mostly arrive in ascending order, so a new timer rarely climbs), and a
 * removal only marks the timer dead where its subject's timers are kept; a dead timer is dropped
 * when it reaches the top of the heap, or all at once when the dead outnumber the living. Only the
 * writer thread calls anything but {@link #size()}, which any thread may read.
 */
final class TimerQueue {
  private static final int COMPACT_ABOVE = 1_024;

  /** One timer in the heap, alive until removed. Its due time is copied out for quick ordering. */
  private static final class Entry {
    final Timer timer;
    final long second;
    final int nano;
    boolean live = true;

    Entry(Timer timer) {
      this.timer = timer;
      this.second = timer.dueAt().getEpochSecond();
      this.nano = timer.dueAt().getNano();
    }

    int compareTo(Entry o) {
      if (second != o.second) {
        return second < o.second ? -1 : 1;
      }
      if (nano != o.nano) {
        return nano < o.nano ? -1 : 1;
      }
      return timer.compareTo(o.timer);
    }
  }

  private final Map<String, List<Entry>> bySubject = new HashMap<>();
  private Entry[] heap = new Entry[64];
  private int heapSize;
  private volatile int live;

  /**
   * A queue of these timers, which must be in strictly ascending order (a sorted array is a heap).
   */
  static TimerQueue ofAscending(List<Timer> ascending) {
    TimerQueue q = new TimerQueue();
    q.heap = new Entry[Math.max(64, ascending.size())];
    Entry previous = null;
    for (Timer t : ascending) {
      Entry e = new Entry(t);
      if (previous != null && previous.compareTo(e) >= 0) {
        throw new IllegalArgumentException("the image's timers are not in ascending order");
      }
      q.heap[q.heapSize++] = e;
      q.bySubject.computeIfAbsent(t.subject(), k -> new ArrayList<>(4)).add(e);
      previous = e;
    }
    q.live = q.heapSize;
    return q;
  }

  /** Number of pending timers. Any thread. */
  int size() {
    return live;
  }

  /** Number of timers the heap holds, the dead not yet dropped included. */
  int slots() {
    return heapSize;
  }

  /** Adds the timer unless an equal one is pending; answers whether it was added. */
  boolean add(Timer t) {
    List<Entry> own = bySubject.get(t.subject());
    if (own == null) {
      own = new ArrayList<>(4);
      bySubject.put(t.subject(), own);
    } else if (find(own, t) >= 0) {
      return false;
    }
    Entry e = new Entry(t);
    own.add(e);
    push(e);
    live++;
    return true;
  }

  /** Removes the pending timer equal to {@code t}; answers whether there was one. */
  boolean remove(Timer t) {
    List<Entry> own = bySubject.get(t.subject());
    int at = own == null ? -1 : find(own, t);
    if (at < 0) {
      return false;
    }
    Entry e = own.remove(at);
    if (own.isEmpty()) {
      bySubject.remove(t.subject());
    }
    kill(e);
    return true;
  }

  /** Removes every pending timer of a subject. */
  void removeSubject(String subject) {
    List<Entry> own = bySubject.remove(subject);
    if (own != null) {
      own.forEach(this::kill);
    }
  }

  /** The pending timers of a subject, in the order they were added. */
  List<Timer> ofSubject(String subject) {
    List<Entry> own = bySubject.get(subject);
    if (own == null) {
      return List.of();
    }
    List<Timer> out = new ArrayList<>(own.size());
    own.forEach(e -> out.add(e.timer));
    return out;
  }

  /** The earliest pending timer, or null. */
  Timer first() {
    dropDeadTop();
    return heapSize == 0 ? null : heap[0].timer;
  }

  /** The pending timers due at or before {@code t}, in order; they stay pending. */
  List<Timer> dueBy(Instant t) {
    List<Entry> due = new ArrayList<>();
    for (dropDeadTop(); heapSize > 0 && !heap[0].timer.dueAt().isAfter(t); dropDeadTop()) {
      due.add(pop());
    }
    List<Timer> out = new ArrayList<>(due.size());
    for (Entry e : due) {
      out.add(e.timer);
      push(e);
    }
    return out;
  }

  /**
   * Every pending timer, in ascending order. The copy is made here, in time linear in the number of
   * timers; the sort waits for the first read of the list, so that a snapshot's image costs the
   * writer only the copy and the snapshot thread does the sorting (hundreds of milliseconds for the
   * 700,000 timers of a large state).
   */
  List<Timer> ascending() {
    Timer[] living = new Timer[live];
    int n = 0;
    for (int i = 0; i < heapSize; i++) {
      if (heap[i].live) {
        living[n++] = heap[i].timer;
      }
    }
    return new Ascending(n == living.length ? living : Arrays.copyOf(living, n));
  }

  /** Timers sorted on first read; immutable, and safe to read from any thread once published. */
  static final class Ascending extends AbstractList<Timer> implements RandomAccess {
    private final Timer[] timers;
    private boolean sorted;

    private Ascending(Timer[] timers) {
      this.timers = timers;
    }

    private synchronized Timer[] sorted() {
      if (!sorted) {
        Arrays.sort(timers);
        sorted = true;
      }
      return timers;
    }

    @Override
    public Timer get(int index) {
      return sorted()[index];
    }

    @Override
    public int size() {
      return timers.length;
    }
  }

  private static int find(List<Entry> own, Timer t) {
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i).timer.equals(t)) {
        return i;
      }
    }
    return -1;
  }

  private void kill(Entry e) {
    e.live = false;
    live--;
    if (heapSize > COMPACT_ABOVE && heapSize > 2 * live) {
      compact();
    }
  }

  /** Keeps only the living, re-heaped bottom-up in linear time. */
  private void compact() {
    int n = 0;
    for (int i = 0; i < heapSize; i++) {
      if (heap[i].live) {
        heap[n++] = heap[i];
      }
    }
    Arrays.fill(heap, n, heapSize, null);
    heapSize = n;
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  private void dropDeadTop() {
    while (heapSize > 0 && !heap[0].live) {
      pop();
    }
  }

  private void push(Entry e) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent].compareTo(e) <= 0) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = e;
  }

  private Entry pop() {
    Entry top = heap[0];
    Entry last = heap[--heapSize];
    heap[heapSize] = null;
    if (heapSize > 0) {
      heap[0] = last;
      siftDown(0);
    }
    return top;
  }

  private void siftDown(int i) {
    Entry e = heap[i];
    int half = heapSize >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < heapSize && heap[right].compareTo(heap[child]) < 0) {
        child = right;
      }
      if (e.compareTo(heap[child]) <= 0) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = e;
  }
}
