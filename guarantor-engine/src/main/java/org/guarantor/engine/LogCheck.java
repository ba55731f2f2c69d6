package org.guarantor.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.guarantor.store.EventLog;
import org.guarantor.store.EventLogFailure;
import org.guarantor.store.SnapshotInfo;
import org.guarantor.store.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of {@link StartCheck#CHAIN}, under way, in two parts.
 *
 * <ol>
 *   <li><b>Before the start</b>: every snapshot's binding, at once; then the chain from the newest
 *       snapshot's position to the head (or the whole chain when there is no snapshot), on a thread
 *       of its own while the state is restored, so that a start costs the longer of the two rather
 *       than both. The state served is then vouched for: the snapshot by its binding, the events
 *       after it by the chain.
 *   <li><b>Before the first write</b>: the chain below the snapshot, on a thread of its own once
 *       the engine serves reads ({@link #checkBelow}). The writer takes no command and fires no
 *       deadline until it is done, so nothing is ever appended to a chain not vouched for.
 * </ol>
 *
 * One per start; {@link #awaitStart} from the starting thread.
 */
final class LogCheck {
  private static final Logger LOG = LoggerFactory.getLogger(LogCheck.class);

  private final EventLog log;
  private final long from;
  private final CompletableFuture<Verification> tail;
  private final long started = System.nanoTime();

  private LogCheck(EventLog log, long from, CompletableFuture<Verification> tail) {
    this.log = log;
    this.from = from;
    this.tail = tail;
  }

  /**
   * Checks every stored snapshot's binding now and starts the check of the chain from the newest
   * snapshot, or from the first event when there is none or the start will not restore one.
   *
   * @param restoring whether the start restores a snapshot ({@link SnapshotPolicy#restore()})
   * @throws BrokenLog at once if a snapshot no longer matches the log (then with the whole chain's
   *     verdict too, waited for: a refusal says all that {@code verify} would)
   */
  static LogCheck begin(EventLog log, boolean restoring) {
    List<String> mismatches = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long newest = 0;
    for (SnapshotInfo s : log.snapshots()) {
      Optional<String> why = log.snapshotMismatch(s);
      if (why.isPresent()) {
        mismatches.add(BrokenLog.snapshotFinding(s, why.get()));
        first = Math.min(first, s.position());
      }
      newest = Math.max(newest, s.position());
    }
    if (!mismatches.isEmpty()) {
      Verification v = log.verify();
      List<String> findings = new ArrayList<>();
      if (!v.intact()) {
        findings.add(BrokenLog.chainFinding(v));
        first = v.firstBadPosition();
      }
      findings.addAll(mismatches);
      throw new BrokenLog(first, findings);
    }
    long from = restoring ? Math.max(newest, 1) : 1;
    return new LogCheck(
        log, from, onItsOwnThread(() -> log.verifyFrom(from), "guarantor-log-check"));
  }

  /**
   * Waits for the verdict on the chain from the newest snapshot to the head; if the state was
   * rebuilt from further back than that snapshot (an older snapshot, or the whole log), checks the
   * events in between too, so that every event the state was built from is vouched for.
   *
   * @param restoredAt position of the snapshot the state was restored from, 0 for none
   * @param startFailure what the restore or replay threw meanwhile, or null; when the chain is
   *     broken it is kept as suppressed (the broken chain is its likely cause, and what to say)
   * @throws BrokenLog when the chain is broken
   */
  void awaitStart(long restoredAt, RuntimeException startFailure) {
    Verification v = verdict(tail);
    if (v.intact() && restoredAt < from - 1 && from > 1) {
      v = log.verify();
    }
    if (!v.intact()) {
      BrokenLog b = new BrokenLog(v.firstBadPosition(), List.of(BrokenLog.chainFinding(v)));
      if (startFailure != null) {
        b.addSuppressed(startFailure);
      }
      throw b;
    }
    LOG.info(
        "hash chain verified from position {} to {}, every snapshot matches it ({} ms, beside the"
            + " restore){}",
        from,
        v.count(),
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        from > 1 ? "; the events below are checked before the first write" : "");
  }

  /**
   * The check of the chain below the newest snapshot, started now on a thread of its own; already
   * done when the start checked the whole chain.
   *
   * @return completes when the whole chain is verified; exceptionally with a {@link BrokenLog}
   *     naming the first position when it is not (or with the failure that stopped the check)
   */
  CompletableFuture<Void> checkBelow() {
    if (from <= 1) {
      return CompletableFuture.completedFuture(null);
    }
    long t0 = System.nanoTime();
    return onItsOwnThread(log::verify, "guarantor-log-check-below")
        .thenApply(
            v -> {
              if (!v.intact()) {
                throw new BrokenLog(
                    v.firstBadPosition(), List.of(BrokenLog.chainFinding(v)), false);
              }
              LOG.info(
                  "hash chain of all {} events verified, below the snapshot too ({} ms)",
                  v.count(),
                  Duration.ofNanos(System.nanoTime() - t0).toMillis());
              return null;
            });
  }

  private static CompletableFuture<Verification> onItsOwnThread(
      java.util.function.Supplier<Verification> check, String name) {
    CompletableFuture<Verification> out = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                out.complete(check.get());
              } catch (Throwable x) {
                out.completeExceptionally(x);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return out;
  }

  private static Verification verdict(CompletableFuture<Verification> check) {
    try {
      return check.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the log's hash chain", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new EventLogFailure("checking the log's hash chain failed: " + e.getCause(), e);
    }
  }
}
