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
 * The check of {@link StartCheck#CHAIN}, under way: the snapshots' bindings are checked when it
 * begins; the chain is verified on a thread of its own, so that a start costs the longer of the
 * check and the restore rather than both. One per start; {@link #await} from the starting thread.
 */
final class LogCheck {
  private static final Logger LOG = LoggerFactory.getLogger(LogCheck.class);

  private final CompletableFuture<Verification> chain;
  private final long started = System.nanoTime();

  private LogCheck(CompletableFuture<Verification> chain) {
    this.chain = chain;
  }

  /**
   * Checks every stored snapshot's binding now and starts the chain's verification.
   *
   * @throws BrokenLog at once if a snapshot no longer matches the log (then with the chain's
   *     verdict too, waited for: a refusal says all that {@code verify} would)
   */
  static LogCheck begin(EventLog log) {
    List<String> mismatches = new ArrayList<>();
    long first = Long.MAX_VALUE;
    for (SnapshotInfo s : log.snapshots()) {
      Optional<String> why = log.snapshotMismatch(s);
      if (why.isPresent()) {
        mismatches.add(BrokenLog.snapshotFinding(s, why.get()));
        first = Math.min(first, s.position());
      }
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
    CompletableFuture<Verification> chain = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                chain.complete(log.verify());
              } catch (Throwable x) {
                chain.completeExceptionally(x);
              }
            },
            "guarantor-log-check");
    t.setDaemon(true);
    t.start();
    return new LogCheck(chain);
  }

  /**
   * Waits for the chain's verdict.
   *
   * @param startFailure what the restore or replay threw meanwhile, or null; when the chain is
   *     broken it is kept as suppressed (the broken chain is its likely cause, and what to say)
   * @throws BrokenLog when the chain is broken
   */
  void await(RuntimeException startFailure) {
    Verification v;
    try {
      v = chain.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the log's hash chain", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new EventLogFailure("checking the log's hash chain failed: " + e.getCause(), e);
    }
    if (!v.intact()) {
      BrokenLog b = new BrokenLog(v.firstBadPosition(), List.of(BrokenLog.chainFinding(v)));
      if (startFailure != null) {
        b.addSuppressed(startFailure);
      }
      throw b;
    }
    LOG.info(
        "hash chain of {} events verified, every snapshot matches it ({} ms, beside the restore)",
        v.count(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
