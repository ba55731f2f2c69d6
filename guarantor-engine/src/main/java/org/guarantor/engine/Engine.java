package org.guarantor.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.guarantor.domain.allocation.Explanation;
import org.guarantor.domain.dispatch.Decider;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.incident.Incident;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;
import org.guarantor.store.NewEvent;
import org.guarantor.store.ReplayRow;
import org.guarantor.store.StoredEvent;
import org.guarantor.store.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-writer dispatch engine (in the manner of the LMAX business-logic processor).
 *
 * <p>Commands queue up; one writer thread takes them in batches, decides each against the current
 * state and applies the accepted events at once (so the next command of the batch sees them). A
 * second thread, the persister, encodes the batch and appends it to the log in one transaction
 * while the writer goes on to the next batch; only then are callers answered and listeners told, in
 * batch order. The state therefore runs at most two batches ahead of the log: readers may see the
 * effects of a command shortly before it is durable, never an answer before. If applying an event
 * throws, or a batch that was applied cannot be made durable, the engine halts: it answers every
 * later command with {@link EngineHalted} and says why in {@link #haltReason()}; a restart rebuilds
 * the state by replay.
 *
 * <p>Due times fire by {@link DispatchCommand.Tick} commands that the writer issues itself whenever
 * the clock has reached the earliest pending deadline, including at start for deadlines that passed
 * while the engine was down.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread.
 */
public final class Engine implements AutoCloseable {
  /** The actor under which the engine itself acts (clock ticks, bootstrapping). */
  public static final Actor SYSTEM = new Actor(PartyCode.of("SEC"), Role.SECRETARIAT);

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int MAX_BATCH = 512;
  private static final int REPLAY_CHUNK = 256;
  private static final int REPLAY_DECODERS = 2;
  private static final int REPLAY_AHEAD = 64;
  private static final Duration IDLE_CHECK = Duration.ofMillis(200);

  /** How long {@link #execute} waits for the durable outcome of a command the writer took. */
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

  /** Ticks in one go before queued commands get their turn again. */
  private static final int MAX_TICKS_AT_ONCE = 10_000;

  private final EventLog log;
  private final DispatchState state;
  private final Snapshotter snapshots;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16_384);
  private final Map<String, Long> streamVersions = new HashMap<>();
  private final List<Consumer<List<Published>>> listeners = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private final Thread persister;
  // At most one batch waits while another is written: the state runs at most two batches ahead of
  // the log.
  private final BlockingQueue<Stage> stages = new ArrayBlockingQueue<>(1);
  private volatile boolean running = true;
  // False while the engine follows a log that another engine writes (a standby); set once by
  // promote, or at once by start.
  private volatile boolean writing;
  private volatile boolean following;
  private Thread follower;
  // The hash of the event at lastPosition, while following: the next event read must link to it.
  private String followedHash;
  private volatile String haltReason;
  private volatile Throwable haltCause;
  private volatile long lastPosition;
  // Set by the start, before the writer starts; the writer waits on it before its first write.
  private CompletableFuture<Void> chainChecked = CompletableFuture.completedFuture(null);
  // Position of the snapshot the state was restored from; 0 when the whole log was replayed.
  private long restoredAt;
  private volatile EngineMetrics metrics = EngineMetrics.NONE;
  // The rebuild at start (snapshot load and replay): how long it took and how many events it
  // replayed.
  private long startNanos;
  private long replayedEvents;

  private record Pending(
      Function<Instant, DispatchCommand> command, CompletableFuture<Outcome> answer) {}

  private Engine(EventLog log, DispatchState state, Clock clock, Snapshotter snapshots) {
    this.log = log;
    this.state = state;
    this.clock = clock;
    this.snapshots = snapshots;
    this.writer = new Thread(this::run, "guarantor-writer");
    this.writer.setDaemon(true);
    this.persister = new Thread(this::persist, "guarantor-persister");
    this.persister.setDaemon(true);
  }

  /**
   * Checks the log ({@link StartCheck#CHAIN}), rebuilds the state, from the newest snapshot that
   * matches the log and the events after it or else from the whole log, then starts the writer
   * thread; writes snapshots by {@link SnapshotPolicy#defaults()}.
   *
   * @throws BrokenLog if the log fails the check: nothing was started or written
   * @throws IllegalStateException if a stored event cannot be decoded or applied
   */
  public static Engine start(EventLog log, DispatchState emptyState, Clock clock) {
    return start(log, emptyState, clock, SnapshotPolicy.defaults());
  }

  /**
   * As {@link #start(EventLog, DispatchState, Clock)}, with snapshots read and written as {@code
   * policy} says. If the events after a snapshot cannot be applied to it, the snapshot is dropped
   * and the whole log replayed into {@code emptyState}.
   */
  public static Engine start(
      EventLog log, DispatchState emptyState, Clock clock, SnapshotPolicy policy) {
    return start(log, emptyState, clock, policy, StartCheck.CHAIN);
  }

  /**
   * As {@link #start(EventLog, DispatchState, Clock, SnapshotPolicy)}, checking the log as {@code
   * check} says. The chain is verified while the state is rebuilt; the writer starts only once both
   * are done, so a broken log is never appended to.
   *
   * @throws BrokenLog if the log fails the check: nothing was started or written
   */
  public static Engine start(
      EventLog log,
      DispatchState emptyState,
      Clock clock,
      SnapshotPolicy policy,
      StartCheck check) {
    Engine e = open(log, emptyState, clock, policy, check);
    e.startWriting();
    return e;
  }

  /**
   * Rebuilds the state as {@link #start(EventLog, DispatchState, Clock, SnapshotPolicy)} does, then
   * follows the log that another engine writes, as a standby: every {@value #FOLLOW_POLL_MILLIS} ms
   * it checks the chain of the events appended since and applies them, telling the listeners as the
   * writer would. It takes no command ({@link EngineStandby}) and fires no deadline until {@link
   * #promote()}. Readers see the state as of the last event followed.
   *
   * @throws BrokenLog if the log fails the check made before a start
   */
  public static Engine follow(
      EventLog log, DispatchState emptyState, Clock clock, SnapshotPolicy policy) {
    Engine e = open(log, emptyState, clock, policy, StartCheck.CHAIN);
    e.followedHash = e.lastPosition == 0 ? null : log.hashAt(e.lastPosition).orElse(null);
    e.following = true;
    e.follower = new Thread(e::followLoop, "guarantor-follower");
    e.follower.setDaemon(true);
    e.follower.start();
    return e;
  }

  private static Engine open(
      EventLog log,
      DispatchState emptyState,
      Clock clock,
      SnapshotPolicy policy,
      StartCheck check) {
    LogCheck verdict = check == StartCheck.CHAIN ? LogCheck.begin(log, policy.restore()) : null;
    long started = System.nanoTime();
    Engine e;
    try {
      e = rebuild(log, emptyState, clock, policy);
      e.startNanos = System.nanoTime() - started;
    } catch (RuntimeException x) {
      if (verdict != null) {
        verdict.awaitStart(0, x);
      }
      throw x;
    }
    if (verdict != null) {
      verdict.awaitStart(e.restoredAt, null);
      // The halt is recorded before the future completes, so that whoever waits for the check
      // (the page's health, a test, serve) finds the engine halted once it learns of the break.
      e.chainChecked =
          verdict
              .checkBelow()
              .whenComplete(
                  (ok, x) -> {
                    if (x != null) {
                      e.haltOnBrokenCheck(
                          x instanceof java.util.concurrent.CompletionException c
                              ? c.getCause()
                              : x);
                    }
                  });
    }
    return e;
  }

  private void startWriting() {
    writing = true;
    persister.start();
    writer.start();
  }

  // ---- following another writer, and taking over from it ----------------------------------------

  private static final long FOLLOW_POLL_MILLIS = 100;

  private void followLoop() {
    while (following) {
      try {
        catchUp();
      } catch (BrokenLog b) {
        halt(b.getMessage(), null);
        return;
      } catch (RuntimeException x) {
        // The database may be restarting or out of reach: try again, the log is where it was.
        LOG.warn("following the log failed, trying again: {}", x.toString());
      }
      try {
        Thread.sleep(FOLLOW_POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Applies the events appended since the last one followed, once their chain is checked: from the
   * last followed event to the head, each linking to the one before. Only the follower thread and
   * then {@link #promote} call this, one after the other.
   */
  private void catchUp() {
    long from = lastPosition;
    Verification v = log.verifyFrom(Math.max(1, from));
    if (!v.intact()) {
      throw new BrokenLog(v.firstBadPosition(), List.of(BrokenLog.chainFinding(v)), false);
    }
    long upTo = v.count();
    if (upTo <= from) {
      return;
    }
    List<Published> published = new ArrayList<>();
    log.readAfter(
        from,
        stored -> {
          if (stored.position() > upTo) {
            return;
          }
          if (stored.position() == lastPosition + 1
              && followedHash != null
              && !stored.previousHash().equals(followedHash)) {
            throw new BrokenLog(
                stored.position(),
                List.of(
                    "BROKEN at position "
                        + stored.position()
                        + ": its previous hash does not match the event followed before it"),
                false);
          }
          DispatchEvent event;
          try {
            event = codec.decode(stored.type(), stored.payload());
            state.evolve(event);
          } catch (RuntimeException x) {
            halt(
                "following: the event at position "
                    + stored.position()
                    + " ("
                    + stored.type()
                    + ") failed to apply: "
                    + x,
                x);
            throw new EngineHalted(haltReason);
          }
          streamVersions.put(stored.streamId(), stored.streamVersion());
          lastPosition = stored.position();
          followedHash = stored.hash();
          published.add(new Published(stored, event));
        });
    tell(published);
  }

  /**
   * Makes a standby the writer: stops following, applies whatever the log holds beyond what it
   * followed, and starts taking commands and firing the deadlines that came due meanwhile. Call it
   * only after this server's claim of the log ({@code EventLog.claimWriter}), so that no event of
   * the old writer can land after the catch-up. Does nothing on an engine that writes already.
   *
   * @throws EngineHalted if the engine halted, or the log cannot be caught up with
   */
  public synchronized void promote() {
    if (writing) {
      return;
    }
    if (!stopFollowing()) {
      throw new EngineHalted("the follower did not stop within 30 s: a read of the log hangs");
    }
    if (haltReason != null) {
      throw new EngineHalted(haltReason);
    }
    try {
      catchUp();
    } catch (BrokenLog b) {
      halt(b.getMessage(), null);
      throw new EngineHalted(haltReason);
    }
    LOG.info("taking over as the writer after position {}", lastPosition);
    startWriting();
  }

  /**
   * Ends the follower after the read in hand (no interrupt: it could land inside a JDBC read, and
   * the follower looks again within {@value #FOLLOW_POLL_MILLIS} ms); false if interrupted.
   */
  private boolean stopFollowing() {
    following = false;
    if (follower == null) {
      return true;
    }
    try {
      follower.join(30_000);
      return !follower.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether this engine takes commands: false while it follows another writer's log. */
  public boolean isWriter() {
    return writing;
  }

  /**
   * Stops taking commands for good, as a halt does, because this engine may no longer write (its
   * lease on the log was lost); what it decided and made durable stays so.
   */
  public void relinquish(String reason) {
    halt(reason, null);
  }

  /** What halted the engine, when something thrown did (an append refused, a failed apply). */
  public Optional<Throwable> haltCause() {
    return Optional.ofNullable(haltCause);
  }

  private void tell(List<Published> published) {
    if (published.isEmpty()) {
      return;
    }
    for (Consumer<List<Published>> l : listeners) {
      try {
        l.accept(published);
      } catch (RuntimeException e) {
        LOG.warn("a listener failed", e);
      }
    }
  }

  /** The engine with its state rebuilt, its threads not started. */
  private static Engine rebuild(
      EventLog log, DispatchState emptyState, Clock clock, SnapshotPolicy policy) {
    Snapshotter snapshots = new Snapshotter(log, policy);
    Optional<Snapshotter.Restored> restored = snapshots.load(emptyState.atlas());
    Engine e;
    if (restored.isPresent()) {
      Snapshotter.Restored r = restored.get();
      e = new Engine(log, r.state(), clock, snapshots);
      e.streamVersions.putAll(r.streamVersions());
      e.lastPosition = r.position();
      e.restoredAt = r.position();
      try {
        e.replay(r.position());
      } catch (IllegalStateException x) {
        LOG.warn(
            "the events after the snapshot at position {} do not apply to it ({});"
                + " replaying the whole log",
            r.position(),
            x.getMessage());
        e = new Engine(log, emptyState, clock, snapshots);
        e.replay(0);
      }
    } else {
      e = new Engine(log, emptyState, clock, snapshots);
      e.replay(0);
    }
    return e;
  }

  /**
   * Applies the events after {@code afterPosition} (0: the whole log). Reading, decoding and
   * applying overlap: a reader thread streams the rows in chunks, each chunk is decoded on one of
   * {@value #REPLAY_DECODERS} decoding threads (decoding is the larger share of the work, and one
   * event's decoding needs no other's), and this thread applies the chunks in log order. At most
   * {@value #REPLAY_AHEAD} chunks are in hand at once, so memory stays flat whatever the log's
   * size.
   */
  private void replay(long afterPosition) {
    long started = System.nanoTime();
    BlockingQueue<CompletableFuture<List<Replayed>>> chunks =
        new ArrayBlockingQueue<>(REPLAY_AHEAD);
    CompletableFuture<List<Replayed>> end = CompletableFuture.completedFuture(List.of());
    Throwable[] readFailure = {null};
    java.util.concurrent.ExecutorService decoders =
        java.util.concurrent.Executors.newFixedThreadPool(
            REPLAY_DECODERS,
            r -> {
              Thread t = new Thread(r, "guarantor-replay-decoder");
              t.setDaemon(true);
              return t;
            });
    Thread reader =
        new Thread(
            () -> {
              var current =
                  new Object() {
                    List<ReplayRow> chunk = new ArrayList<>(REPLAY_CHUNK);
                  };
              try {
                log.replayAfter(
                    afterPosition,
                    stored -> {
                      current.chunk.add(stored);
                      if (current.chunk.size() == REPLAY_CHUNK) {
                        put(chunks, decodeLater(current.chunk, decoders));
                        current.chunk = new ArrayList<>(REPLAY_CHUNK);
                      }
                    });
                if (!current.chunk.isEmpty()) {
                  put(chunks, decodeLater(current.chunk, decoders));
                }
              } catch (Throwable x) {
                readFailure[0] = x;
              } finally {
                put(chunks, end);
              }
            },
            "guarantor-replay-reader");
    reader.setDaemon(true);
    reader.start();
    long count = 0;
    try {
      while (true) {
        CompletableFuture<List<Replayed>> next = chunks.take();
        if (next == end) {
          break;
        }
        List<Replayed> chunk;
        try {
          chunk = next.join();
        } catch (java.util.concurrent.CompletionException x) {
          throw x.getCause() instanceof RuntimeException r ? r : x;
        }
        for (Replayed r : chunk) {
          try {
            state.evolve(r.event);
          } catch (RuntimeException x) {
            throw new IllegalStateException(
                "event at position "
                    + r.stored.position()
                    + " ("
                    + r.stored.type()
                    + ") failed to apply: "
                    + x,
                x);
          }
          streamVersions.put(r.stored.streamId(), r.stored.streamVersion());
          lastPosition = r.stored.position();
        }
        count += chunk.size();
      }
      replayedEvents = count;
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during replay", e);
    } finally {
      reader.interrupt();
      decoders.shutdownNow();
    }
    if (readFailure[0] != null) {
      if (readFailure[0] instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("replay failed: " + readFailure[0], readFailure[0]);
    }
    LOG.info(
        "replayed {} events after position {} in {} ms",
        count,
        afterPosition,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  private record Replayed(ReplayRow stored, DispatchEvent event) {}

  /** The chunk's events decoded on a decoding thread; fails naming the first that cannot be. */
  private CompletableFuture<List<Replayed>> decodeLater(
      List<ReplayRow> rows, java.util.concurrent.Executor decoders) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<Replayed> out = new ArrayList<>(rows.size());
          for (ReplayRow stored : rows) {
            try {
              out.add(
                  new Replayed(stored, codec.decodeForState(stored.type(), stored.payloadUtf8())));
            } catch (RuntimeException x) {
              throw new IllegalStateException(
                  "event at position " + stored.position() + " cannot be read: " + x, x);
            }
          }
          return out;
        },
        decoders);
  }

  private static <T> void put(BlockingQueue<T> q, T chunk) {
    try {
      q.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay abandoned", e);
    }
  }

  /**
   * Why a tasking went where it did, read from its {@code TaskingIssued} event in the log (the
   * state does not keep explanations). Empty for an unknown tasking. Any thread.
   */
  public Optional<Explanation> explanation(TaskingId id) {
    Optional<Incident> incident = state.incidentOfTasking(id);
    if (incident.isEmpty()) {
      return Optional.empty();
    }
    String issued = DispatchEvent.TaskingIssued.class.getSimpleName();
    Explanation[] found = {null};
    log.readStream(
        DispatchEvent.incidentStream(incident.get().id()),
        stored -> {
          if (stored.type().equals(issued)
              && stored.payload().contains('"' + id.value() + '"')
              && codec.decode(stored.type(), stored.payload())
                  instanceof DispatchEvent.TaskingIssued t
              && t.tasking().equals(id)) {
            found[0] = t.why();
          }
        });
    return Optional.ofNullable(found[0]);
  }

  /** Queues a command built at the engine's time of decision. */
  public CompletableFuture<Outcome> submit(Function<Instant, DispatchCommand> command) {
    CompletableFuture<Outcome> answer = new CompletableFuture<>();
    if (!writing && haltReason == null) {
      answer.completeExceptionally(new EngineStandby());
      return answer;
    }
    if (haltReason != null) {
      answer.completeExceptionally(new EngineHalted(haltReason));
      return answer;
    }
    if (!running) {
      answer.completeExceptionally(new EngineHalted("engine is shutting down"));
      return answer;
    }
    try {
      if (!queue.offer(new Pending(command, answer), 5, TimeUnit.SECONDS)) {
        answer.completeExceptionally(new EngineHalted("command queue is full"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.completeExceptionally(e);
    }
    return answer;
  }

  /** Submits and waits for the durable outcome. */
  public Outcome execute(Function<Instant, DispatchCommand> command) {
    try {
      return await(submit(command), ANSWER_WAIT);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new EngineHalted("no answer from the engine within 30 s");
    }
  }

  /**
   * As {@link #execute(Function)}, for a caller that must not wait long for its turn (a request
   * over HTTP): if the writer has not taken the command within {@code wait}, because the queue is
   * full or the writer is that far behind, the command is withdrawn from the queue and never
   * decided. Once the writer has taken it, this waits for its durable outcome as {@link
   * #execute(Function)} does.
   *
   * @throws EngineBusy when the command was withdrawn (nothing of it was written)
   * @throws EngineHalted when the engine has halted, or the command, once taken, has no durable
   *     outcome within 30 s
   */
  public Outcome execute(Function<Instant, DispatchCommand> command, Duration wait) {
    if (!writing && haltReason == null) {
      throw new EngineStandby();
    }
    if (haltReason != null) {
      throw new EngineHalted(haltReason);
    }
    if (!running) {
      throw new EngineHalted("engine is shutting down");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    Pending p = new Pending(command, new CompletableFuture<>());
    try {
      if (!queue.offer(p, wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new EngineBusy(
            "the command queue is full ("
                + queue.size()
                + " commands wait for the writer); nothing was done");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    try {
      return await(p.answer, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    } catch (java.util.concurrent.TimeoutException notYet) {
      // Only the writer takes from the queue: if the command is still there, it was never decided.
      if (queue.remove(p)) {
        throw new EngineBusy(
            "the writer did not reach the command within "
                + wait.toMillis()
                + " ms ("
                + queue.size()
                + " commands wait); it was withdrawn, nothing was done");
      }
    }
    try {
      return await(p.answer, ANSWER_WAIT);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new EngineHalted("no answer from the engine within 30 s");
    }
  }

  private static Outcome await(CompletableFuture<Outcome> answer, Duration wait)
      throws java.util.concurrent.TimeoutException {
    try {
      return answer.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers a listener told of every durable batch, on the persister thread: keep it quick. */
  public void onPublished(Consumer<List<Published>> listener) {
    listeners.add(listener);
  }

  /** The state, for reads (see {@link DispatchState} on what readers may call). */
  public DispatchState state() {
    return state;
  }

  public Clock clock() {
    return clock;
  }

  public Optional<String> haltReason() {
    return Optional.ofNullable(haltReason);
  }

  public long lastPosition() {
    return lastPosition;
  }

  public int queued() {
    return queue.size();
  }

  /**
   * Tells {@code m} of every decision and append from now on (see {@link EngineMetrics}). A
   * listener that throws is dropped, with a warning: metrics never halt the engine.
   */
  public void metrics(EngineMetrics m) {
    java.util.Objects.requireNonNull(m, "metrics");
    metrics =
        new EngineMetrics() {
          @Override
          public void decided(String kind, CommandOutcome outcome, long nanos) {
            try {
              m.decided(kind, outcome, nanos);
            } catch (RuntimeException x) {
              dropMetrics(x);
            }
          }

          @Override
          public void appended(int events, long nanos) {
            try {
              m.appended(events, nanos);
            } catch (RuntimeException x) {
              dropMetrics(x);
            }
          }
        };
  }

  private void dropMetrics(RuntimeException x) {
    metrics = EngineMetrics.NONE;
    LOG.warn("the metrics listener failed; the engine records no more metrics", x);
  }

  /**
   * How long the start took to rebuild the state: loading the snapshot, if one matched, and
   * replaying the events after it (the chain check runs beside it and is not counted).
   */
  public Duration startTime() {
    return Duration.ofNanos(startNanos);
  }

  /** Events replayed at start: those after the snapshot restored, or the whole log. */
  public long replayedAtStart() {
    return replayedEvents;
  }

  /** Position of the snapshot the start restored; 0 when it replayed the whole log. */
  public long restoredFrom() {
    return restoredAt;
  }

  // ---- the writer -----------------------------------------------------------------------------

  private void run() {
    if (!awaitChainChecked()) {
      drainAndFail();
      return;
    }
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        fireDueTimers();
        Pending first = queue.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        // Deadlines that passed while waiting fire before the commands that arrived after them.
        fireDueTimers();
        process(batch);
        snapshots.afterBatch(state, streamVersions, () -> haltReason != null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable e) {
        // Errors too (a missing class, out of memory): the writer must never die silently.
        halt("writer failed: " + e, e);
        failAll(batch);
      } finally {
        batch.clear();
      }
      if (haltReason != null) {
        drainAndFail();
        return;
      }
    }
  }

  /**
   * Fires every deadline due by now, each by a tick at its own due time (so the events say when the
   * deadline passed, not when the writer noticed), one batch per due time, earliest first. Timers
   * that a tick creates (a grace period ending before now) fire in the same call.
   */
  private void fireDueTimers() {
    Instant now = clock.instant();
    for (int i = 0; i < MAX_TICKS_AT_ONCE && haltReason == null; i++) {
      Optional<Instant> due = state.nextDue();
      if (due.isEmpty() || due.get().isAfter(now)) {
        return;
      }
      Instant at = due.get();
      long before = state.eventCount();
      CompletableFuture<Outcome> ignored = new CompletableFuture<>();
      process(List.of(new Pending(t -> new DispatchCommand.Tick(SYSTEM, at), ignored)));
      if (state.eventCount() == before && state.nextDue().equals(due)) {
        LOG.error("a tick at {} fired nothing; deadlines stay pending", at);
        return;
      }
    }
  }

  /**
   * Returns once every command queued before has been decided and every deadline due by the clock's
   * time at the call has fired: after moving a virtual clock, the caller sees the consequences.
   */
  public void awaitIdle() {
    CompletableFuture<Outcome> done = submit(null);
    try {
      done.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new EngineHalted("no answer from the engine within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Decides and applies a batch on the writer thread, then hands it to the persister. The writer
   * may decide the next batch while the persister writes this one: on two cores that overlaps the
   * decisions with the encoding, hashing and fsync of the batch before.
   */
  private void process(List<Pending> batch) {
    List<DispatchEvent> applied = new ArrayList<>();
    long[] versions = new long[0];
    Decision[] decisions = new Decision[batch.size()];
    int[] counts = new int[batch.size()];
    Map<String, Long> batchVersions = new HashMap<>();
    EngineMetrics m = metrics;
    long taken = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      if (p.command == null) {
        // awaitIdle: the deadlines were fired before this batch; answered once it is durable.
        continue;
      }
      Instant at = clock.instant();
      Decision d;
      DispatchCommand command = null;
      try {
        command = p.command.apply(at);
        d = Decider.decide(command, state);
      } catch (RuntimeException e) {
        // A bug in deciding one command must not take the others down; nothing was applied.
        LOG.error("deciding a command failed", e);
        p.answer.completeExceptionally(e);
        m.decided(
            command == null ? "unknown" : kind(command),
            EngineMetrics.CommandOutcome.FAILED,
            System.nanoTime() - taken);
        continue;
      }
      decisions[i] = d;
      if (d instanceof Decision.Accepted a) {
        for (DispatchEvent e : a.events()) {
          try {
            state.evolve(e);
          } catch (RuntimeException | Error x) {
            halt(
                "applying "
                    + e.getClass().getSimpleName()
                    + " after position "
                    + lastPosition
                    + " failed: "
                    + x,
                x);
            failAll(batch);
            return;
          }
          long v =
              batchVersions.getOrDefault(e.stream(), streamVersions.getOrDefault(e.stream(), 0L))
                  + 1;
          batchVersions.put(e.stream(), v);
          if (applied.size() == versions.length) {
            versions = java.util.Arrays.copyOf(versions, Math.max(16, versions.length * 2));
          }
          versions[applied.size()] = v;
          applied.add(e);
        }
        counts[i] = a.events().size();
      }
      m.decided(
          kind(command),
          d instanceof Decision.Accepted a
              ? (a.repeated()
                  ? EngineMetrics.CommandOutcome.REPEATED
                  : EngineMetrics.CommandOutcome.ACCEPTED)
              : EngineMetrics.CommandOutcome.REJECTED,
          System.nanoTime() - taken);
    }
    // The next batch numbers its streams after this one, whether or not this one is durable yet:
    // if it never becomes durable, the engine halts.
    streamVersions.putAll(batchVersions);
    Stage stage =
        new Stage(
            List.copyOf(batch), decisions, counts, applied, versions, new String[applied.size()]);
    try {
      // While the persister is still busy with the batch before, the writer encodes this batch's
      // events itself instead of waiting: the work goes to whichever thread has time for it.
      int encoded = 0;
      while (!stages.offer(stage)) {
        if (encoded < applied.size()) {
          stage.payloads[encoded] = codec.encode(applied.get(encoded));
          encoded++;
        } else {
          stages.put(stage);
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halt("interrupted while handing a batch to the persister", e);
      failAll(batch);
    }
  }

  /** The command's kind for {@link EngineMetrics}: a signed command by what it signs. */
  private static String kind(DispatchCommand c) {
    return (c instanceof DispatchCommand.Signed s ? s.command() : c).getClass().getSimpleName();
  }

  /** A decided and applied batch on its way to the log. */
  private record Stage(
      List<Pending> batch,
      Decision[] decisions,
      int[] counts,
      List<DispatchEvent> events,
      long[] versions,
      String[] payloads) {}

  private static final Stage STOP = new Stage(List.of(), null, null, List.of(), null, null);

  /** The persister thread: batches in the order decided, each in one transaction. */
  private void persist() {
    boolean failed = false;
    while (true) {
      Stage s;
      try {
        s = stages.take();
      } catch (InterruptedException e) {
        // Only close() stops this thread, by STOP; an interrupt would lose batches.
        continue;
      }
      if (s == STOP) {
        return;
      }
      if (failed) {
        // A batch before this one never became durable; neither may this one.
        failAll(s.batch);
        continue;
      }
      try {
        failed = !write(s);
      } catch (Throwable x) {
        halt("persisting a batch failed: " + x, x);
        failAll(s.batch);
        failed = true;
      }
    }
  }

  private boolean write(Stage s) {
    List<NewEvent> toAppend = new ArrayList<>(s.events.size());
    for (int i = 0; i < s.events.size(); i++) {
      DispatchEvent e = s.events.get(i);
      String payload = s.payloads[i] != null ? s.payloads[i] : codec.encode(e);
      toAppend.add(new NewEvent(e.stream(), s.versions[i], codec.type(e), payload, e.at()));
    }
    List<StoredEvent> stored;
    try {
      long appendStart = System.nanoTime();
      stored = toAppend.isEmpty() ? List.of() : log.append(toAppend);
      if (!toAppend.isEmpty()) {
        metrics.appended(toAppend.size(), System.nanoTime() - appendStart);
      }
    } catch (RuntimeException x) {
      halt("appending a batch of " + toAppend.size() + " events failed: " + x, x);
      failAll(s.batch);
      return false;
    }
    if (!stored.isEmpty()) {
      lastPosition = stored.get(stored.size() - 1).position();
    }
    int k = 0;
    for (int i = 0; i < s.batch.size(); i++) {
      Pending p = s.batch.get(i);
      if (s.decisions[i] == null) {
        if (p.command == null) {
          p.answer.complete(null);
        }
        continue;
      }
      p.answer.complete(new Outcome(s.decisions[i], stored.subList(k, k + s.counts[i])));
      k += s.counts[i];
    }
    if (!stored.isEmpty()) {
      List<Published> published = new ArrayList<>(stored.size());
      for (int i = 0; i < stored.size(); i++) {
        published.add(new Published(stored.get(i), s.events.get(i)));
      }
      tell(published);
    }
    return true;
  }

  /**
   * Waits, before the first write, for the check of the chain below the snapshot the state was
   * restored from; halts when it finds the chain broken. Commands queue meanwhile.
   *
   * @return whether the writer may go on
   */
  private boolean awaitChainChecked() {
    try {
      while (running) {
        try {
          chainChecked.get(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
          return true;
        } catch (java.util.concurrent.TimeoutException stillChecking) {
          // The check goes on; a close meanwhile ends the wait.
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      haltOnBrokenCheck(e.getCause());
      return false;
    }
  }

  private void haltOnBrokenCheck(Throwable cause) {
    halt(
        cause instanceof BrokenLog b
            ? b.getMessage()
            : "the check of the log's hash chain failed: " + cause,
        cause instanceof BrokenLog ? null : cause);
  }

  /**
   * The check of the chain below the snapshot the engine started from: completes once every event
   * of the log is vouched for (at once when the start checked them all), exceptionally with the
   * {@link BrokenLog} that halted the engine when it is not. The engine serves reads meanwhile,
   * from a state whose snapshot and later events were checked before the start; it takes no command
   * and fires no deadline before this completes.
   */
  public CompletableFuture<Void> chainChecked() {
    return chainChecked;
  }

  private synchronized void halt(String reason, Throwable cause) {
    if (haltReason == null) {
      haltCause = cause;
      haltReason = reason;
      LOG.error(
          "ENGINE HALTED: {} — no further commands are accepted; restart to recover by replay",
          reason,
          cause);
    }
  }

  private void failAll(List<Pending> batch) {
    for (Pending p : batch) {
      p.answer.completeExceptionally(new EngineHalted(haltReason == null ? "failed" : haltReason));
    }
  }

  private void drainAndFail() {
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    failAll(rest);
  }

  /**
   * Stops the writer after the batch in hand and waits until every decided batch is written, then
   * writes a snapshot of the final state (see {@link SnapshotPolicy}); queued commands are answered
   * with a halt.
   */
  @Override
  public void close() {
    // No interrupt: it could land inside a JDBC append; the writer notices within IDLE_CHECK.
    running = false;
    boolean wasFollowing = !writing;
    stopFollowing();
    if (wasFollowing) {
      // A standby wrote nothing, and its snapshot is the writer's to take.
      return;
    }
    try {
      writer.join(10_000);
      // Batches already decided are written before the log may close.
      if (!stages.offer(STOP, 30, TimeUnit.SECONDS)) {
        LOG.error("the persister did not take the last batches within 30 s");
      }
      persister.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Pending p : rest) {
      p.answer.completeExceptionally(new EngineHalted("engine stopped"));
    }
    if (!writer.isAlive() && !persister.isAlive()) {
      // Both have stopped: the state is quiet and the log holds all of it.
      snapshots.onClose(state, streamVersions, haltReason != null);
    }
  }
}
