package org.guarantor.server;

import io.javalin.Javalin;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.ExerciseClock;
import org.guarantor.engine.Outcome;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: event log, engine and HTTP server, started together and closed together. On
 * an empty log it adopts the bundled treaty (or the one given in the configuration).
 */
public final class GuarantorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GuarantorServer.class);

  private final EventLog log;
  private final Engine engine;
  private final EventStream events;
  private final Javalin http;
  private final Replanning replanning;
  private final CredibilityRuns credibility;
  private final Leadership leadership;
  private volatile java.util.function.Consumer<String> onStepDown =
      why -> LOG.error("this server no longer writes the log: {}", why);

  private GuarantorServer(
      EventLog log,
      Engine engine,
      EventStream events,
      Javalin http,
      Replanning replanning,
      CredibilityRuns credibility,
      Leadership leadership) {
    this.log = log;
    this.engine = engine;
    this.events = events;
    this.http = http;
    this.replanning = replanning;
    this.credibility = credibility;
    this.leadership = leadership;
  }

  /**
   * Tells {@code listener}, once, why this server stopped writing a shared log or following it
   * (another server claimed it, the lease was lost, the standby found the log broken). The server
   * answers reads meanwhile but takes no command; {@code serve} closes it and exits 4 so that its
   * supervisor starts it again, as a standby.
   */
  public void onStepDown(java.util.function.Consumer<String> listener) {
    onStepDown = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Whether this server writes the log now (a standby on a shared log does not, yet). */
  public boolean writes() {
    return engine.isWriter();
  }

  /**
   * Runs a credibility exercise of {@code runs} crises from {@code seed} over the version in force
   * on a background thread, served at {@code /api/v1/credibility}, and again whenever another
   * version comes into force ({@code criticalRuns} of them replayed per guarantor and hub removed).
   */
  public void runCredibility(int runs, long seed, int criticalRuns) {
    credibility.enable(runs, seed, criticalRuns);
  }

  /**
   * Opens the log, checks it, replays it, adopts a treaty if the log is empty, and starts serving.
   *
   * @throws org.guarantor.engine.BrokenLog if the log fails the check made before a start (the hash
   *     chain and the snapshots; with {@link ServerConfig#auditAtStart()} every signature and rule
   *     too): nothing was served or written
   * @throws IllegalStateException with the reasons, if the treaty to adopt is invalid
   */
  public static GuarantorServer start(ServerConfig cfg) {
    return start(cfg, null, null);
  }

  /**
   * As {@link #start(ServerConfig)}, with exact re-planning by {@code solver} (null: none) within
   * {@code budget} per solve (null: {@link Replanning#DEFAULT_BUDGET}).
   */
  public static GuarantorServer start(
      ServerConfig cfg, Replanning.Solver solver, java.time.Duration budget) {
    // Before the log is opened and replayed: a wrong keystore path or password is said at once.
    java.security.KeyStore keystore =
        cfg.security().tlsKeystore() == null
            ? null
            : Transport.keystore(cfg.security().tlsKeystore(), cfg.security().tlsPassword());
    EventLog log =
        cfg.jdbcUrl() != null
            ? JdbcEventLog.open(cfg.jdbcUrl())
            : JdbcEventLog.sqlite(cfg.dataDir());
    Engine engine = null;
    Replanning replanning = null;
    Leadership leadership = Leadership.of(cfg, log);
    try {
      java.time.Clock clock =
          cfg.clock() instanceof ExerciseClock x ? resumeExercise(log, x) : cfg.clock();
      org.guarantor.domain.territory.Atlas atlas = NaturalEarthAtlas.load();
      if (cfg.auditAtStart()) {
        StartAudit.run(log, atlas, cfg.keyring());
      }
      // Checks the hash chain and the snapshots before anything is served or appended.
      engine =
          leadership.tryLead()
              ? Engine.start(log, new DispatchState(atlas), clock, cfg.snapshots())
              : Engine.follow(log, new DispatchState(atlas), clock, cfg.snapshots());
      if (!engine.isWriter()) {
        awaitBootstrapOrLead(engine, leadership);
      }
      // Before the first command (the treaty's adoption), so that every decision is counted.
      ServerMetrics metrics = new ServerMetrics(engine);
      engine.onPublished(IncidentLog::published);
      OpsController ops = new OpsController(engine, metrics, cfg.security().metricsToken());
      if (engine.isWriter()) {
        bootstrap(engine, cfg);
      }
      String logId =
          log.hashAt(1).orElseThrow(() -> new IllegalStateException("the log has no first event"));
      DemoKeys demo = Keys.bootstrap(engine, cfg, logId);
      // Build the covered territory now, so the first call is not the one that waits for it.
      engine.state().treaty().ifPresent(engine.state()::territory);
      java.time.Clock wall = java.time.Clock.systemUTC();
      Auth auth = new Auth(engine, wall, new Sessions(wall, cfg.security().sessionTtl()));
      auth.logId(logId);
      Api api =
          new Api(
              engine,
              clock instanceof ExerciseClock x ? x : null,
              auth,
              RateLimit.of(cfg.security()));
      EventStream events = new EventStream(api, log, cfg.security().streamsPerParty());
      KeysController keys = new KeysController(api, demo);
      DispatchController dispatch = new DispatchController(api);
      TreatyController treaty = new TreatyController(api);
      LedgerController ledger = new LedgerController(api);
      TerritoryController territory = new TerritoryController(api);
      replanning = solver == null ? null : new Replanning(engine, solver, budget);
      ReplanController replan = new ReplanController(api, replanning);
      CredibilityRuns credibility = new CredibilityRuns(engine.state(), engine.clock());
      CapController cap = new CapController(api, new CapJournal(log, engine));
      Javalin http =
          Javalin.create(
              config -> {
                Transport.configure(config.jetty, cfg, keystore);
                config.startup.showJavalinBanner = false;
                // Jetty reuses a header line seen before on the same connection when a new one
                // matches it ignoring case: "Bearer demo-ukr" after "Bearer demo-UKR" was read
                // as the latter. Tokens, keys, nonces and signatures are case-sensitive.
                config.jetty.modifyHttpConfiguration(h -> h.setHeaderCacheCaseSensitive(true));
                Routes.install(
                    config,
                    new SecurityHeaders(keystore != null),
                    new Cors(cfg.security().corsOrigins()),
                    api,
                    dispatch,
                    treaty,
                    events,
                    ledger,
                    territory,
                    replan,
                    keys,
                    new AmendmentController(api, credibility),
                    cap,
                    new EdxlRm(api),
                    new ApiDocs(),
                    ops);
              });
      http.start();
      LOG.info(
          "Guarantor serving on {}://{}:{}/{}",
          keystore == null ? "http" : "https",
          cfg.host(),
          http.port(),
          api.exercise() ? " (EXERCISE on a virtual clock)" : "");
      GuarantorServer server =
          new GuarantorServer(log, engine, events, http, replanning, credibility, leadership);
      Engine e = engine;
      leadership.watch(
          engine,
          () -> {
            // What a writer's start does, for a log whose first writer died before it was done.
            bootstrap(e, cfg);
            Keys.bootstrap(e, cfg, logId);
          },
          why -> server.onStepDown.accept(why));
      return server;
    } catch (RuntimeException e) {
      if (replanning != null) {
        replanning.close();
      }
      leadership.stopWatching();
      if (engine != null) {
        engine.close();
      }
      leadership.close();
      log.close();
      throw e;
    }
  }

  /**
   * A standby on a log whose first writer has not yet adopted its treaty and keyring waits for
   * them, or for the lease if that writer is gone; a standby serves nothing before.
   */
  private static void awaitBootstrapOrLead(Engine engine, Leadership leadership) {
    boolean told = false;
    while (!bootstrapped(engine)) {
      if (engine.haltReason().isPresent()) {
        throw new IllegalStateException("the standby halted: " + engine.haltReason().get());
      }
      if (!told) {
        LOG.info("waiting for the writer to adopt the treaty and keyring, or for the lease");
        told = true;
      }
      if (leadership.tryLead()) {
        engine.promote();
        return;
      }
      try {
        Thread.sleep(Leadership.TRY_MILLIS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting as a standby", x);
      }
    }
    LOG.info(
        "a STANDBY: following the log that another server writes, from position {}",
        engine.lastPosition());
  }

  private static boolean bootstrapped(Engine engine) {
    return engine.state().treaty().isPresent() && engine.state().keyring().adopted();
  }

  /**
   * The virtual clock of an exercise, resumed where the log left it (the latest time it records, or
   * where the clock was last moved to), or at the configured start for a new exercise: an exercise
   * must not jump to another time because its server restarted.
   */
  private static ExerciseClock resumeExercise(EventLog log, ExerciseClock configured) {
    long last = log.lastPosition();
    if (last == 0) {
      return configured;
    }
    java.time.Instant[] latest = {java.time.Instant.MIN};
    log.readAfter(last - 1, e -> latest[0] = e.recordedAt());
    org.guarantor.engine.codec.EventCodec codec = new org.guarantor.engine.codec.EventCodec();
    log.readStream(
        org.guarantor.domain.dispatch.DispatchEvent.EXERCISE_STREAM,
        e -> {
          if (codec.decode(e.type(), e.payload())
                  instanceof org.guarantor.domain.dispatch.DispatchEvent.ExerciseClockMoved m
              && m.to().isAfter(latest[0])) {
            latest[0] = m.to();
          }
        });
    LOG.info("the exercise resumes at {}, where its log left it", latest[0]);
    return new ExerciseClock(latest[0]);
  }

  private static void bootstrap(Engine engine, ServerConfig cfg) {
    if (engine.state().treaty().isPresent()) {
      Treaty t = engine.state().treaty().get();
      if (cfg.scenario() != null) {
        LOG.warn(
            "the data folder already holds treaty {} v{}; --scenario {} is ignored",
            t.id(),
            t.version(),
            cfg.scenario());
      }
      return;
    }
    Treaty treaty = cfg.scenario() != null ? TreatyFile.read(cfg.scenario()) : TreatyFile.bundled();
    Outcome o = engine.execute(at -> new DispatchCommand.AdoptTreaty(Engine.SYSTEM, at, treaty));
    if (o.decision() instanceof Decision.Rejected r) {
      StringBuilder sb = new StringBuilder("the treaty cannot be adopted:");
      for (Reason reason : r.reasons()) {
        sb.append("\n  ").append(reason.path()).append(": ").append(reason.message());
      }
      throw new IllegalStateException(sb.toString());
    }
    LOG.info("adopted treaty {} v{} ({})", treaty.id(), treaty.version(), treaty.name());
  }

  /** Every HTTP route registered, as "METHOD path" (what the OpenAPI document must describe). */
  java.util.List<String> routes() {
    return http.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod())
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .toList();
  }

  public int port() {
    return http.port();
  }

  public Engine engine() {
    return engine;
  }

  public EventLog log() {
    return log;
  }

  /** The re-planning beside the engine, if this server runs one. */
  public java.util.Optional<Replanning> replanning() {
    return java.util.Optional.ofNullable(replanning);
  }

  @Override
  public void close() {
    // Streams first: closing an SSE client after Jetty has recycled its response loops in Javalin.
    events.close();
    http.stop();
    credibility.close();
    if (replanning != null) {
      replanning.close();
    }
    leadership.stopWatching();
    engine.close();
    leadership.close();
    log.close();
  }
}
