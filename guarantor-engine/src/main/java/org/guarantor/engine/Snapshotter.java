package org.guarantor.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.StateImage;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.engine.codec.SnapshotCodec;
import org.guarantor.store.EventLog;
import org.guarantor.store.SnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's snapshots: at start, the newest snapshot that still matches the log, restored; while
 * running, an image taken on the writer thread between batches every so many events and encoded and
 * written by a thread of its own once the log holds its position; on a clean close, one more.
 *
 * <p>An image is taken after a batch is applied, when its events may not be durable yet. The state
 * has then applied exactly the events at positions 1 … {@code eventCount}, so the image stands for
 * that position, and it is written only once the log has reached it (if the engine halts first, it
 * is dropped).
 *
 * <p>Thread-safety: {@link #load} before the engine starts, {@link #afterBatch} on the writer
 * thread, {@link #onClose} after the writer and persister have stopped.
 */
final class Snapshotter {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
  private static final int DECODING_THREADS = 2;
  private static final Duration DURABLE_WAIT = Duration.ofSeconds(60);

  private final EventLog log;
  private final SnapshotPolicy policy;
  private final SnapshotCodec codec = new SnapshotCodec();
  private final AtomicBoolean writing = new AtomicBoolean();
  private volatile Thread background;
  // Writer thread only: the position of the newest image taken, restored or saved, and when the
  // newest periodic image was taken (System.nanoTime; none yet while tookPeriodic is false).
  private long lastImageAt;
  private boolean tookPeriodic;
  private long lastPeriodicNanos;

  /** A state restored from a snapshot, with the stream versions at its position. */
  record Restored(DispatchState state, Map<String, Long> streamVersions, long position) {}

  Snapshotter(EventLog log, SnapshotPolicy policy) {
    this.log = log;
    this.policy = policy;
  }

  /**
   * The newest snapshot that matches the log, restored over {@code atlas}; empty (replay it all)
   * when there is none or none can be used. Says in one line what it did and why.
   */
  Optional<Restored> load(Atlas atlas) {
    if (!policy.restore()) {
      return Optional.empty();
    }
    long started = System.nanoTime();
    List<String> refused = new ArrayList<>();
    List<SnapshotInfo> all;
    try {
      all = log.snapshots();
    } catch (RuntimeException e) {
      LOG.warn("snapshots cannot be listed ({}); replaying the whole log", e.getMessage());
      return Optional.empty();
    }
    for (SnapshotInfo s : all) {
      try {
        Optional<String> why = problem(s);
        if (why.isPresent()) {
          refused.add("position " + s.position() + ": " + why.get());
          continue;
        }
        long t0 = System.nanoTime();
        byte[] data = log.snapshotData(s.position()).orElse(null);
        if (data == null) {
          refused.add("position " + s.position() + ": removed while starting");
          continue;
        }
        long t1 = System.nanoTime();
        SnapshotCodec.Decoded d = codec.decode(data, DECODING_THREADS);
        long t2 = System.nanoTime();
        if (d.image().eventCount() != s.position()) {
          refused.add(
              "position "
                  + s.position()
                  + ": its image counts "
                  + d.image().eventCount()
                  + " events");
          continue;
        }
        DispatchState state = DispatchState.restore(atlas, d.image());
        long t3 = System.nanoTime();
        lastImageAt = s.position();
        LOG.info(
            "restored the state at position {} from a snapshot of {} KB in {} ms"
                + " (checked {} ms, read {} ms, decoded {} ms, rebuilt {} ms){}",
            s.position(),
            data.length / 1024,
            millis(t3 - started),
            millis(t0 - started),
            millis(t1 - t0),
            millis(t2 - t1),
            millis(t3 - t2),
            refused.isEmpty() ? "" : " (newer ones not used: " + String.join("; ", refused) + ")");
        return Optional.of(new Restored(state, d.streamVersions(), s.position()));
      } catch (RuntimeException e) {
        refused.add("position " + s.position() + ": " + e.getMessage());
      }
    }
    if (!refused.isEmpty()) {
      LOG.warn("no snapshot used, replaying the whole log: {}", String.join("; ", refused));
    }
    return Optional.empty();
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  private Optional<String> problem(SnapshotInfo s) {
    if (!s.format().equals(codec.format())) {
      return Optional.of("format " + s.format() + " is not this build's " + codec.format());
    }
    return log.snapshotMismatch(s);
  }

  /**
   * Writer thread, between batches: takes an image when {@code everyEvents} have been applied since
   * the last one, the policy's minimum interval has passed since the last periodic one, and no
   * snapshot is being written; and hands it to the snapshot thread.
   */
  void afterBatch(DispatchState state, Map<String, Long> streamVersions, BooleanSupplier halted) {
    long at = state.eventCount();
    if (!policy.save()
        || policy.everyEvents() == 0
        || at - lastImageAt < policy.everyEvents()
        || (tookPeriodic && System.nanoTime() - lastPeriodicNanos < policy.minInterval().toNanos())
        || !writing.compareAndSet(false, true)) {
      return;
    }
    lastImageAt = at;
    tookPeriodic = true;
    lastPeriodicNanos = System.nanoTime();
    StateImage image = state.image();
    Map<String, Long> versions = new HashMap<>(streamVersions);
    Thread t =
        new Thread(
            () -> {
              try {
                if (awaitDurable(at, halted)) {
                  save(image, versions);
                } else {
                  LOG.warn("snapshot at position {} dropped: the log never reached it", at);
                }
              } catch (RuntimeException e) {
                LOG.warn("writing the snapshot at position {} failed: {}", at, e.toString());
              } finally {
                writing.set(false);
              }
            },
            "guarantor-snapshot");
    t.setDaemon(true);
    background = t;
    t.start();
  }

  /**
   * After the writer and the persister have stopped on a clean close: waits for a snapshot in
   * progress, then writes one of the final state unless there is one at its position already.
   */
  void onClose(DispatchState state, Map<String, Long> streamVersions, boolean halted) {
    Thread t = background;
    if (t != null) {
      try {
        t.join(DURABLE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    long at = state.eventCount();
    if (!policy.save() || halted || at == 0 || at == lastImageAt) {
      return;
    }
    if (log.lastPosition() != at) {
      LOG.warn(
          "no snapshot on close: the state has applied {} events but the log holds {}",
          at,
          log.lastPosition());
      return;
    }
    lastImageAt = at;
    try {
      save(state.image(), streamVersions);
    } catch (RuntimeException e) {
      LOG.warn("writing the snapshot on close failed: {}", e.toString());
    }
  }

  private boolean awaitDurable(long position, BooleanSupplier halted) {
    long deadline = System.nanoTime() + DURABLE_WAIT.toNanos();
    while (log.lastPosition() < position) {
      if (halted.getAsBoolean() || System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void save(StateImage image, Map<String, Long> streamVersions) {
    long started = System.nanoTime();
    byte[] data = codec.encode(image, streamVersions);
    long encoded = System.nanoTime();
    SnapshotInfo s = log.saveSnapshot(image.eventCount(), codec.format(), data, Instant.now());
    LOG.info(
        "snapshot at position {}: {} KB, encoded in {} ms, written in {} ms",
        s.position(),
        data.length / 1024,
        Duration.ofNanos(encoded - started).toMillis(),
        Duration.ofNanos(System.nanoTime() - encoded).toMillis());
  }
}
