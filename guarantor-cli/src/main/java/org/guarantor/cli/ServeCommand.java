package org.guarantor.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.guarantor.engine.SnapshotPolicy;
import org.guarantor.server.GuarantorServer;
import org.guarantor.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guarantor serve}: runs the service until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the server (the bundled scenario on the embedded database by default).")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data",
      defaultValue = "data",
      description = "Data folder of the embedded database (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--db",
      description =
          "JDBC URL of the event log instead of the embedded database, e.g. jdbc:postgresql://127.0.0.1/guarantor?user=…")
  String jdbcUrl;

  @Option(
      names = "--scenario",
      description =
          "Treaty file to load into an empty data folder instead of the bundled scenario.")
  Path scenario;

  @Option(
      names = "--demo",
      description =
          "Run a demonstration: a log with no keyring gets one the server generates, with a root"
              + " and an officer key for every party, written to <data>/demo-keys (the CLI signs"
              + " with --key <data>/demo-keys/POL.jwk, the page offers the parties). The log is"
              + " marked as a demonstration: it proves nothing about who did what.")
  boolean demo;

  @Option(
      names = "--keyring",
      description =
          "Keyring file (a JWK Set of the parties' root public keys, see docs/security.md) to"
              + " adopt into a log that has none; checked against the log's own otherwise.")
  Path keyring;

  @Option(
      names = "--exercise",
      description =
          "Run an exercise on a virtual clock that the secretariat moves (POST /api/v1/exercise/clock);"
              + " everything is marked as an exercise. The default data folder becomes data-exercise.")
  boolean exercise;

  @Option(
      names = "--exercise-start",
      description = "Virtual time at which the exercise starts (ISO 8601; default: now).")
  Instant exerciseStart;

  @Option(
      names = "--snapshot-every",
      defaultValue = "100000",
      description =
          "Write a snapshot of the state every N events while running, besides the one on a clean"
              + " stop, so that a start replays only the events after it (default ${DEFAULT-VALUE};"
              + " 0 = only on stop).")
  long snapshotEvery;

  @Option(
      names = "--snapshot-min-interval",
      defaultValue = "PT5M",
      description =
          "Wall-clock time at least between two periodic snapshots, ISO 8601 (default"
              + " ${DEFAULT-VALUE}): a snapshot costs in proportion to the state, so under a burst"
              + " of events this bounds what they take from the writer; PT0S for none.")
  java.time.Duration snapshotMinInterval;

  @Option(
      names = "--no-snapshots",
      description = "Neither read nor write snapshots: every start replays the whole log.")
  boolean noSnapshots;

  @Option(
      names = "--replan-budget",
      defaultValue = "PT2S",
      description =
          "Time budget of one exact re-plan, ISO 8601 (default ${DEFAULT-VALUE}); PT0S turns"
              + " re-planning off.")
  java.time.Duration replanBudget;

  @Override
  public Integer call() throws InterruptedException {
    Path folder = exercise && data.equals(Path.of("data")) ? Path.of("data-exercise") : data;
    if (snapshotEvery < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--snapshot-every must be 0 or more");
    }
    if (snapshotMinInterval.isNegative()) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--snapshot-min-interval must not be negative");
    }
    if (demo && keyring != null) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--demo and --keyring exclude each other");
    }
    ServerConfig cfg =
        ServerConfig.local(port, folder)
            .withHost(host)
            .withJdbcUrl(jdbcUrl)
            .withScenario(scenario)
            .withSnapshots(
                noSnapshots
                    ? SnapshotPolicy.off()
                    : SnapshotPolicy.defaults()
                        .every(snapshotEvery)
                        .atMostEvery(snapshotMinInterval))
            .withDemo(demo);
    if (keyring != null) {
      cfg = cfg.withKeyring(keyring);
    }
    if (exercise) {
      cfg = cfg.exercise(exerciseStart != null ? exerciseStart : Instant.now());
    } else if (exerciseStart != null) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--exercise-start needs --exercise");
    }
    if (!replanBudget.isZero() && !replanBudget.isNegative()) {
      // Load the solver's native library now, not in the first re-plan's time.
      Thread warm = new Thread(org.guarantor.optimizer.ExactPlanner::warmUp, "guarantor-warm-up");
      warm.setDaemon(true);
      warm.start();
    }
    GuarantorServer server =
        replanBudget.isZero() || replanBudget.isNegative()
            ? GuarantorServer.start(cfg)
            : GuarantorServer.start(cfg, ExactReplans::propose, replanBudget);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "guarantor-shutdown"));
    System.out.println(
        "Guarantor is serving "
            + (exercise ? "an EXERCISE (virtual clock) " : "")
            + "on http://"
            + host
            + ":"
            + server.port()
            + "/ (Ctrl-C to stop)");
    stopped.await();
    return 0;
  }
}
