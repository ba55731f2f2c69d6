package org.guarantor.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.guarantor.engine.BrokenLog;
import org.guarantor.engine.SnapshotPolicy;
import org.guarantor.engine.scenario.TreatyFile;
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
      names = "--node",
      paramLabel = "NAME",
      description =
          "Name under which this server claims a shared PostgreSQL log when it writes it, recorded"
              + " in the log (default: host name/process id). With --db jdbc:postgresql:… several"
              + " servers may run on one log: one writes, the others follow as standbys and take"
              + " over within seconds when it stops (docs/operations.md).")
  String node;

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
      names = "--audit-at-start",
      description =
          "Before serving, audit the whole log as verify does: every signature, and every event"
              + " decided again under the treaty's rules. Every start checks the hash chain and the"
              + " snapshots anyway; the audit also finds a rewrite whose hashes were all"
              + " recomputed, and costs about a full replay more (docs/security.md).")
  boolean auditAtStart;

  @Option(
      names = "--replan-budget",
      defaultValue = "PT2S",
      description =
          "Time budget of one exact re-plan, ISO 8601 (default ${DEFAULT-VALUE}); PT0S turns"
              + " re-planning off.")
  java.time.Duration replanBudget;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE.p12",
      description =
          "Serve HTTPS only, with the certificate and private key in this PKCS#12 keystore"
              + " (plain HTTP to the port then gets no answer). Without it the server speaks"
              + " plain HTTP: keep it on 127.0.0.1 or behind a proxy that terminates TLS.")
  Path tlsKeystore;

  @Option(
      names = "--tls-password",
      defaultValue = "${env:GUARANTOR_TLS_PASSWORD}",
      description =
          "Password of the --tls-keystore (default: the environment variable"
              + " GUARANTOR_TLS_PASSWORD, which, unlike an argument, other users cannot see in the"
              + " process list).")
  String tlsPassword;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      description =
          "An origin (scheme://host[:port], e.g. https://ops.example) whose web pages may call"
              + " the API from a browser; repeat for more. None by default: only the server's own"
              + " page can. Never '*'.")
  java.util.List<String> corsOrigins = new java.util.ArrayList<>();

  @Option(
      names = "--rate-limit",
      paramLabel = "N/s",
      defaultValue = "20/s",
      converter = PerSecond.class,
      description =
          "API requests a second each party may send, sustained (requests that prove no party"
              + " count against their client address); beyond it the answer is 429 with"
              + " Retry-After. Default ${DEFAULT-VALUE}; 0 = no limit.")
  double rateLimit;

  @Option(
      names = "--rate-burst",
      paramLabel = "M",
      defaultValue = "200",
      description =
          "Requests a party may send at once before --rate-limit applies (default"
              + " ${DEFAULT-VALUE}).")
  int rateBurst;

  @Option(
      names = "--streams-per-party",
      defaultValue = "32",
      description =
          "Event streams (live updates, one per open page) a party may hold at once; the next"
              + " is refused with 429 (default ${DEFAULT-VALUE}; 0 = no cap).")
  int streamsPerParty;

  @Option(
      names = "--credibility-runs",
      defaultValue = "500",
      description =
          "Crises the server simulates in the background over the treaty in force, served at"
              + " /api/v1/credibility and on the page, and again after each amendment (default"
              + " ${DEFAULT-VALUE}; 0 = none). See docs/credibility.md.")
  int credibilityRuns;

  @Option(
      names = "--metrics-token",
      defaultValue = "${env:GUARANTOR_METRICS_TOKEN}",
      description =
          "Bearer token that GET /metrics requires from every caller (at least 16 characters;"
              + " default: the environment variable GUARANTOR_METRICS_TOKEN). Without one, /metrics"
              + " answers callers on the loopback interface only (docs/security.md).")
  String metricsToken;

  @Option(
      names = "--log-format",
      defaultValue = "human",
      paramLabel = "human|json",
      description =
          "Log lines on standard error: human (default) or json, one object a line with the"
              + " incident's and tasking's ids when a line concerns one (docs/operations.md).")
  String logFormat;

  /** Reads {@code 20/s} (or just {@code 20}) as 20 requests a second. */
  static final class PerSecond implements picocli.CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String n = value.endsWith("/s") ? value.substring(0, value.length() - 2) : value;
      double d;
      try {
        d = Double.parseDouble(n.trim());
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a rate: write requests a second, e.g. 20/s (0 = no limit)");
      }
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a rate: it must be 0 (no limit) or more");
      }
      return d;
    }
  }

  @Override
  public Integer call() throws InterruptedException, Failure {
    if (scenario != null) {
      // Every problem of the file before anything starts, not the first one from deep inside.
      TreatyCommand.read(scenario);
    }
    Path folder = exercise && data.equals(Path.of("data")) ? Path.of("data-exercise") : data;
    if (!logFormat.equals("human") && !logFormat.equals("json")) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--log-format is human or json, not " + logFormat);
    }
    Logs.format(logFormat);
    if (snapshotEvery < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--snapshot-every must be 0 or more");
    }
    if (credibilityRuns < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--credibility-runs must be 0 or more");
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
            .withDemo(demo)
            .withAuditAtStart(auditAtStart)
            .withNode(node);
    if (keyring != null) {
      cfg = cfg.withKeyring(keyring);
    }
    try {
      cfg =
          cfg.withSecurity(
              cfg.security()
                  .withTls(tlsKeystore, tlsPassword)
                  .withCors(corsOrigins)
                  .withRateLimit(rateLimit, rateBurst)
                  .withStreamsPerParty(streamsPerParty)
                  .withMetricsToken(
                      metricsToken == null || metricsToken.isEmpty() ? null : metricsToken));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), e.getMessage());
    }
    if (tlsKeystore == null && !isLoopback(host)) {
      System.err.println(
          "WARNING: serving plain HTTP on "
              + host
              + ": bearer tokens and signed commands cross the network in clear. Give"
              + " --tls-keystore, or put a proxy that terminates TLS in front.");
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
    GuarantorServer server;
    FreshDatabase fresh = jdbcUrl == null ? FreshDatabase.before(folder) : FreshDatabase.NONE;
    try {
      server =
          replanBudget.isZero() || replanBudget.isNegative()
              ? GuarantorServer.start(cfg)
              : GuarantorServer.start(cfg, ExactReplans::propose, replanBudget);
    } catch (BrokenLog b) {
      refuse(b, folder, false);
      return BROKEN_LOG;
    } catch (TreatyFile.InvalidTreatyFile e) {
      fresh.remove();
      System.err.println("guarantor serve: " + e.getMessage());
      return Failure.INPUT;
    } catch (RuntimeException e) {
      fresh.remove();
      if (causedBy(e, java.net.BindException.class)) {
        System.err.println(
            "guarantor serve: port "
                + port
                + " on "
                + host
                + " is already in use; stop what holds it or choose another with --port (0 = any"
                + " free port)");
        return 1;
      }
      if (e instanceof IllegalStateException) {
        // The server's refusals (a treaty it cannot adopt, a keyring that does not match) say
        // what is wrong in their message; a stack trace would only hide it.
        System.err.println("guarantor serve: " + e.getMessage());
        return 1;
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable close =
        () -> {
          if (closed.compareAndSet(false, true)) {
            server.close();
          }
          stopped.countDown();
        };
    Runtime.getRuntime().addShutdownHook(new Thread(close, "guarantor-shutdown"));
    String[] steppedDown = {null};
    server.onStepDown(
        why -> {
          steppedDown[0] = why;
          // Off the watcher's thread: closing waits for it.
          Thread t = new Thread(close, "guarantor-step-down");
          t.setDaemon(true);
          t.start();
        });
    // The chain below the snapshot is checked while the server serves reads; the engine writes
    // nothing before it is done, and on a break the server stops as a refused start would.
    BrokenLog[] brokenBelow = {null};
    server
        .engine()
        .chainChecked()
        .whenComplete(
            (ok, x) -> {
              Throwable cause =
                  x instanceof java.util.concurrent.CompletionException ? x.getCause() : x;
              if (cause instanceof BrokenLog b) {
                brokenBelow[0] = b;
                close.run();
              }
            });
    if (credibilityRuns > 0) {
      server.runCredibility(credibilityRuns, 1L, Math.min(100, credibilityRuns));
    }
    System.out.println(
        "Guarantor is serving "
            + (exercise ? "an EXERCISE (virtual clock) " : "")
            + (server.writes() ? "" : "as a STANDBY (it takes over when the writer stops) ")
            + "on "
            + (tlsKeystore == null ? "http" : "https")
            + "://"
            + host
            + ":"
            + server.port()
            + "/ (Ctrl-C to stop)");
    stopped.await();
    if (brokenBelow[0] != null) {
      refuse(brokenBelow[0], folder, true);
      return BROKEN_LOG;
    }
    if (steppedDown[0] != null) {
      System.err.println(
          "STEPPED DOWN: "
              + steppedDown[0]
              + ". This server wrote nothing after that; start it again and it follows the log as"
              + " a standby (docs/operations.md).");
      return STEPPED_DOWN;
    }
    return 0;
  }

  /**
   * The exit code when this server stopped writing or following a shared log: another claimed it,
   * or the lease was lost. A supervisor restarts it (Restart=on-failure), as a standby.
   */
  static final int STEPPED_DOWN = 4;

  /** The exit code when the log fails the check made before a start: that of verify's verdict. */
  static final int BROKEN_LOG = 3;

  /**
   * Says why the server does not start (or, when the break lay below the snapshot it started from,
   * why it stopped before its first write), what verify says, and where recovery is written down.
   */
  private void refuse(BrokenLog b, Path folder, boolean belowSnapshot) {
    String where =
        jdbcUrl != null
            ? jdbcUrl.replaceAll("\\?.*", "")
            : folder.resolve(org.guarantor.store.JdbcEventLog.SQLITE_FILE_NAME).toString();
    StringBuilder sb =
        new StringBuilder("REFUSED: the event log in ")
            .append(where)
            .append(" is broken at position ")
            .append(b.position())
            .append(
                belowSnapshot
                    ? ", below the snapshot the server started from, so it stops (it served reads"
                        + " of the state the snapshot vouched for, and wrote nothing):\n"
                    : ", so the server does not start on it (nothing was served or written):\n");
    b.findings().forEach(f -> sb.append("  ").append(f).append('\n'));
    sb.append("guarantor verify ")
        .append(jdbcUrl != null ? "--db <url>" : "--data " + folder)
        .append(" says the same. Restore the log from a copy made before the damage, or start a")
        .append(" new log from its intact prefix: see docs/security.md, \"A broken log\".");
    System.err.println(sb);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
