package org.guarantor.server;

import java.util.function.Consumer;
import org.guarantor.engine.Engine;
import org.guarantor.store.EventLog;
import org.guarantor.store.EventLogFailure;
import org.guarantor.store.WriterClaim;
import org.guarantor.store.WriterFenced;
import org.guarantor.store.WriterLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the servers on one log writes it. On the embedded log there is one server, and it
 * writes. On a PostgreSQL log any number may run: the one that holds the {@link WriterLease} claims
 * the log ({@link EventLog#claimWriter}) and writes; the others follow it as standbys and try the
 * lease every {@value #TRY_MILLIS} ms; the first to get it after the writer is gone claims the log,
 * catches up and takes commands. A writer that loses its lease, or finds itself fenced by another's
 * claim, stops writing and steps down: the process ends, and whoever supervises it starts it again,
 * as a standby.
 *
 * <p>Thread-safe: one watcher thread does the trying and checking after the start.
 */
final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  static final long TRY_MILLIS = 200;
  private static final long CHECK_MILLIS = 500;

  private final EventLog log;
  private final WriterLease lease;
  private final String node;
  private volatile boolean closed;
  private Thread watcher;
  private volatile WriterClaim claim;

  private Leadership(EventLog log, WriterLease lease, String node) {
    this.log = log;
    this.lease = lease;
    this.node = node;
  }

  static Leadership of(ServerConfig cfg, EventLog log) {
    return new Leadership(
        log, WriterLease.shared(cfg.jdbcUrl()) ? WriterLease.on(cfg.jdbcUrl()) : null, cfg.node());
  }

  /** Whether other servers may share the log, so that this one may have to wait its turn. */
  boolean shared() {
    return lease != null;
  }

  /**
   * Takes the lease, if it is free, and claims the log under this server's name. Always true for
   * the embedded log, which claims nothing.
   *
   * @throws EventLogFailure if the database cannot be reached
   */
  boolean tryLead() {
    if (lease == null) {
      return true;
    }
    if (!lease.tryAcquire()) {
      return false;
    }
    claim = log.claimWriter(node);
    LOG.info(
        "this server ({}) writes the log from position {} on, as writer epoch {}",
        node,
        claim.position(),
        claim.epoch());
    return true;
  }

  /** The claim under which this server writes a shared log, if it has made one. */
  java.util.Optional<WriterClaim> claim() {
    return java.util.Optional.ofNullable(claim);
  }

  String node() {
    return node;
  }

  /**
   * From now on, on a thread of its own: while {@code engine} follows, tries the lease and, once it
   * has it, promotes the engine and runs {@code promoted}; while it writes, checks the lease and
   * the engine, and on losing either calls {@code stepDown} with the reason, once.
   */
  void watch(Engine engine, Runnable promoted, Consumer<String> stepDown) {
    if (lease == null) {
      return;
    }
    watcher =
        new Thread(
            () -> {
              while (!closed) {
                String why =
                    engine.isWriter() ? whyNotWriter(engine) : tryToTakeOver(engine, promoted);
                if (why != null) {
                  if (!closed) {
                    LOG.error("STEPPING DOWN: {}", why);
                    stepDown.accept(why);
                  }
                  return;
                }
                try {
                  Thread.sleep(engine.isWriter() ? CHECK_MILLIS : TRY_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "guarantor-leadership");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Null while this writer may go on; else why it must stop. */
  private String whyNotWriter(Engine engine) {
    if (engine.haltCause().orElse(null) instanceof WriterFenced f) {
      return "another server ('" + f.writer() + "', epoch " + f.epoch() + ") writes the log now";
    }
    if (engine.haltReason().isPresent()) {
      return "the engine halted: " + engine.haltReason().get();
    }
    if (!lease.held()) {
      engine.relinquish(
          "this server lost its writer lease on the log (its database session ended); another"
              + " server may write it now");
      return "the writer lease was lost";
    }
    return null;
  }

  /** Null while this standby follows, or once it has taken over; else why it must stop. */
  private String tryToTakeOver(Engine engine, Runnable promoted) {
    if (engine.haltReason().isPresent()) {
      return "the standby halted: " + engine.haltReason().get();
    }
    try {
      if (!tryLead()) {
        return null;
      }
    } catch (EventLogFailure e) {
      LOG.warn("trying the writer lease failed, trying again: {}", e.getMessage());
      return null;
    }
    long started = System.nanoTime();
    try {
      engine.promote();
    } catch (RuntimeException e) {
      return "taking over failed: " + e.getMessage();
    }
    LOG.info(
        "took over as the writer at position {} in {} ms",
        engine.lastPosition(),
        (System.nanoTime() - started) / 1_000_000);
    promoted.run();
    return null;
  }

  /** Stops trying and checking (before the engine closes, so that nothing is promoted then). */
  void stopWatching() {
    closed = true;
    if (watcher != null) {
      watcher.interrupt();
      try {
        watcher.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Gives the lease up, after the engine has written its last batch: a standby may take over. */
  @Override
  public void close() {
    stopWatching();
    if (lease != null) {
      lease.close();
    }
  }
}
