package org.guarantor.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.guarantor.domain.dispatch.Decider;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchEvent;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.Replan;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.party.Role;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.engine.codec.EventCodec;
import org.guarantor.store.EventLog;
import org.guarantor.store.StoredEvent;
import org.guarantor.store.Verification;

/**
 * Checks a log from the log alone, as an auditor with a copy of the database does, trusting no
 * server: the hash chain, and then that every event is accounted for. Every event must be one of
 *
 * <ul>
 *   <li>a party's signed command ({@code CommandSigned}) and exactly the events the treaty's rules
 *       give for that command on the state before it: the signature verifies with a key the log
 *       registered to that party and had not revoked, over a canonical text that names this log,
 *       with a nonce never used before; the command is read from the signed text by the same {@link
 *       CommandReader} the server uses, and decided again by the same {@link Decider};
 *   <li>the consequences of the deadlines due at one time (escalations, breaches, backfills,
 *       consequences), decided again from the state before them;
 *   <li>an exact re-plan's adoption, decided again from the withdrawals and new taskings it
 *       recorded (the solver chose them; the rules decide whether they stand);
 *   <li>the genesis: the treaty and the keyring adopted by the operator, the keyring checked
 *       against the auditor's own when one is given.
 * </ul>
 *
 * Events are compared as stored, byte for byte, with what is decided again. The first event that is
 * none of these is named with its position. Not thread-safe; one audit per instance.
 */
public final class LogAudit {
  /** How far ahead a re-plan's adoption may lie from its first withdrawal or new tasking. */
  private static final int REPLAN_LOOKAHEAD = 20_000;

  private static final Actor ENGINE = new Actor(PartyCode.of("SEC"), Role.SECRETARIAT);

  /** Events that record a party's own act: each must come after its party's signature. */
  private static final Set<Class<?>> PARTY_ACTS =
      Set.of(
          DispatchEvent.IncidentReported.class,
          DispatchEvent.IncidentCorroborated.class,
          DispatchEvent.TaskingAcknowledged.class,
          DispatchEvent.TaskingDeclined.class,
          DispatchEvent.TaskingMobilising.class,
          DispatchEvent.TaskingDelivered.class,
          DispatchEvent.IncidentClosed.class,
          DispatchEvent.GuarantorReinstated.class,
          DispatchEvent.ReplanRequested.class,
          DispatchEvent.ExerciseClockMoved.class,
          DispatchEvent.KeyRegistered.class,
          DispatchEvent.KeyRevoked.class,
          DispatchEvent.EnrolmentOffered.class);

  /**
   * What the audit found.
   *
   * @param chain the hash chain's verdict
   * @param events events accounted for
   * @param signedBy signed commands per party
   * @param deadlineEvents events decided again as the consequences of deadlines
   * @param replanEvents events decided again as re-plan adoptions
   * @param demo whether the log's keyring is a demonstration's
   * @param keyringChecked whether the log's keyring was compared with the auditor's
   * @param failure the first event not accounted for, or null
   */
  public record Report(
      Verification chain,
      long events,
      Map<PartyCode, Long> signedBy,
      long deadlineEvents,
      long replanEvents,
      boolean demo,
      boolean keyringChecked,
      Failure failure) {
    public boolean ok() {
      return chain.intact() && failure == null;
    }

    public long signedCommands() {
      return signedBy.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The first event the audit cannot account for. */
  public record Failure(long position, String type, String problem) {}

  private final EventLog log;
  private final DispatchState state;
  private final List<RootKey> trusted;
  private final EventCodec codec = new EventCodec();
  private final Set<String> nonces = new HashSet<>();
  private final Map<PartyCode, Long> signedBy = new TreeMap<>();
  // Read but not yet accounted for, from index head on: a list, so that looking far ahead for a
  // re-plan's adoption costs one step a row.
  private final List<StoredEvent> ahead = new ArrayList<>();
  private int head;
  private Rows rows;
  private String logId;
  private long accounted;
  private long deadlineEvents;
  private long replanEvents;
  private boolean keyringChecked;

  /**
   * @param trusted the auditor's own root keys (from its keyring file), or empty to take the log's
   *     keyring as given
   */
  private LogAudit(EventLog log, Atlas atlas, List<RootKey> trusted) {
    this.log = log;
    this.state = new DispatchState(atlas);
    this.trusted = List.copyOf(trusted);
  }

  /** Audits the whole log. */
  public static Report audit(EventLog log, Atlas atlas, List<RootKey> trusted) {
    return new LogAudit(log, atlas, trusted).run();
  }

  private Report run() {
    Verification chain = log.verify();
    if (!chain.intact()) {
      return report(chain, null);
    }
    logId = log.hashAt(1).orElse(null);
    rows = new Rows(log);
    try {
      Failure f = walk();
      return report(chain, f);
    } finally {
      rows.close();
    }
  }

  private Report report(Verification chain, Failure f) {
    return new Report(
        chain,
        accounted,
        new LinkedHashMap<>(signedBy),
        deadlineEvents,
        replanEvents,
        state.keyring().demo(),
        keyringChecked,
        f);
  }

  private Failure walk() {
    while (true) {
      StoredEvent next = peek(0);
      if (next == null) {
        return null;
      }
      DispatchEvent e;
      try {
        e = codec.decode(next.type(), next.payload());
      } catch (RuntimeException x) {
        return fail(next, "cannot be read: " + x.getMessage());
      }
      Failure f;
      if (e instanceof DispatchEvent.CommandSigned s) {
        f = signed(next, s);
      } else if (e instanceof DispatchEvent.TreatyAdopted t) {
        f = system(next, new DispatchCommand.AdoptTreaty(ENGINE, t.at(), t.treaty()));
      } else if (e instanceof DispatchEvent.KeyringAdopted k) {
        f = keyring(next, k);
      } else if (PARTY_ACTS.contains(e.getClass())) {
        f =
            fail(
                next,
                "records a party's act but carries no signature: no signed command of its party"
                    + " precedes it");
      } else {
        f = engine(next, e);
      }
      if (f != null) {
        return f;
      }
    }
  }

  // ---- signed commands ------------------------------------------------------------------------

  private Failure signed(StoredEvent at, DispatchEvent.CommandSigned cs) {
    Signature s = cs.signature();
    SignedRequest request;
    try {
      request = SignedRequest.parse(s.text());
    } catch (SignedRequest.Malformed x) {
      return fail(at, "its signed text cannot be read: " + x.getMessage());
    }
    if (!request.key().equals(s.key())
        || !request.party().equals(s.party())
        || !request.nonce().equals(s.nonce())
        || !request.signedAt().equals(s.signedAt())) {
      return fail(at, "the signature's key, party, time or nonce differ from its signed text");
    }
    if (!request.log().equals(logId)) {
      return fail(at, "its command was signed for another log (" + request.log() + ")");
    }
    boolean enrolling = request.path().equals("/api/v1/keys/enrol");
    PublicKey key;
    if (enrolling) {
      String x = request.body().path("publicKey").asText("");
      if (!PublicKey.isValid(x) || !new PublicKey(x).id().equals(s.key())) {
        return fail(at, "an enrolment must be signed by the key it enrols");
      }
      key = new PublicKey(x);
    } else {
      Optional<RegisteredKey> k = state.keyring().key(s.key());
      if (k.isEmpty()) {
        return fail(at, "signed by key " + s.key() + ", which the log had not registered");
      }
      key = k.get().publicKey();
    }
    if (!Ed25519.verify(key, s.text(), s.value())) {
      return fail(
          at,
          "the signature of "
              + s.party()
              + "'s key "
              + s.key().shortForm()
              + " does not verify over its signed text: the command or the signature was changed");
    }
    if (!nonces.add(s.key().value() + ' ' + s.nonce())) {
      return fail(at, "nonce " + s.nonce() + " of key " + s.key().shortForm() + " was used before");
    }
    Optional<Role> role =
        state.treatyAt(cs.at()).flatMap(t -> t.party(s.party())).map(p -> p.role());
    if (role.isEmpty()) {
      return fail(at, s.party() + " is no party to the treaty in force at " + cs.at());
    }
    Function<Instant, DispatchCommand> read;
    try {
      read =
          CommandReader.read(
              request.method(), request.path(), request.body(), new Actor(s.party(), role.get()));
    } catch (RequestRefused x) {
      return fail(at, "its signed request is not a command: " + x.getMessage());
    }
    DispatchCommand command = new DispatchCommand.Signed(read.apply(cs.at()), s);
    Failure f = decideAgain(at, command, "the signed command of " + s.party());
    if (f == null) {
      signedBy.merge(s.party(), 1L, Long::sum);
    }
    return f;
  }

  // ---- the genesis and the engine's own events ------------------------------------------------

  private Failure keyring(StoredEvent at, DispatchEvent.KeyringAdopted k) {
    if (!trusted.isEmpty()) {
      Map<KeyId, PartyCode> inLog = new HashMap<>();
      k.roots().forEach(r -> inLog.put(r.id(), r.party()));
      Map<KeyId, PartyCode> yours = new HashMap<>();
      trusted.forEach(r -> yours.put(r.id(), r.party()));
      for (RootKey r : k.roots()) {
        if (!r.party().equals(yours.get(r.id()))) {
          return fail(
              at,
              "the log's keyring gives "
                  + r.party()
                  + " root key "
                  + r.id()
                  + ", which your keyring does not");
        }
      }
      for (RootKey r : trusted) {
        if (!inLog.containsKey(r.id())) {
          return fail(
              at,
              "your keyring gives "
                  + r.party()
                  + " root key "
                  + r.id()
                  + ", which the log's keyring does not");
        }
      }
      keyringChecked = true;
    }
    return system(at, new DispatchCommand.AdoptKeyring(ENGINE, k.at(), k.roots(), k.demo()));
  }

  private Failure system(StoredEvent at, DispatchCommand command) {
    return decideAgain(at, command, "the operator's " + command.getClass().getSimpleName());
  }

  /**
   * An event no party signed for: the consequences of the deadlines due at its time, or a re-plan
   * adopted at its time.
   */
  private Failure engine(StoredEvent at, DispatchEvent e) {
    Decision tick = Decider.decide(new DispatchCommand.Tick(ENGINE, e.at()), state);
    if (tick instanceof Decision.Accepted a && matches(a.events())) {
      apply(a.events());
      deadlineEvents += a.events().size();
      return null;
    }
    Optional<Replan> replan = replanFrom(e.at());
    if (replan.isPresent()) {
      Decision d =
          Decider.decide(new DispatchCommand.AdoptReplan(ENGINE, e.at(), replan.get()), state);
      if (d instanceof Decision.Accepted a && matches(a.events())) {
        apply(a.events());
        replanEvents += a.events().size();
        return null;
      }
      return mismatch(at, d, "the re-plan adopted at " + e.at());
    }
    return fail(
        at,
        "follows from no signed command, and is not what the deadlines due at "
            + e.at()
            + " give, nor part of a re-plan's adoption");
  }

  /**
   * The re-plan whose adoption begins at the next event, rebuilt from what it recorded: its {@code
   * ReplanAdopted} and the new taskings before it.
   */
  private Optional<Replan> replanFrom(Instant time) {
    Map<TaskingId, DispatchEvent.TaskingIssued> issued = new HashMap<>();
    for (int i = 0; i < REPLAN_LOOKAHEAD; i++) {
      StoredEvent s = peek(i);
      if (s == null) {
        return Optional.empty();
      }
      DispatchEvent e;
      try {
        e = codec.decode(s.type(), s.payload());
      } catch (RuntimeException x) {
        return Optional.empty();
      }
      if (!e.at().equals(time)) {
        return Optional.empty();
      }
      if (e instanceof DispatchEvent.TaskingIssued t) {
        issued.put(t.tasking(), t);
      } else if (e instanceof DispatchEvent.ReplanAdopted r) {
        List<Replan.Issue> issue = new ArrayList<>();
        for (TaskingId id : r.issued()) {
          DispatchEvent.TaskingIssued t = issued.get(id);
          if (t == null) {
            return Optional.empty();
          }
          issue.add(new Replan.Issue(t.incident(), t.line(), t.pledge(), t.quantity().amount()));
        }
        return Optional.of(
            new Replan(
                r.incident(),
                r.trigger(),
                r.basis(),
                r.withdrawn(),
                issue,
                new Replan.Solver(r.solverStatus(), r.solverBound(), r.budget(), r.elapsed())));
      } else if (!(e instanceof DispatchEvent.TaskingWithdrawn)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  // ---- deciding again -------------------------------------------------------------------------

  private Failure decideAgain(StoredEvent at, DispatchCommand command, String what) {
    Decision d = Decider.decide(command, state);
    if (d instanceof Decision.Accepted a && !a.events().isEmpty() && matches(a.events())) {
      apply(a.events());
      return null;
    }
    return mismatch(at, d, what);
  }

  private Failure mismatch(StoredEvent at, Decision d, String what) {
    if (d instanceof Decision.Rejected r) {
      Reason first = r.reasons().get(0);
      return fail(
          at,
          "the treaty's rules refuse "
              + what
              + " here: "
              + (first.path().isEmpty() ? "" : first.path() + ": ")
              + first.message());
    }
    List<DispatchEvent> expected = ((Decision.Accepted) d).events();
    for (int i = 0; i < Math.max(expected.size(), 1); i++) {
      StoredEvent s = peek(i);
      if (i >= expected.size()) {
        break;
      }
      if (s == null) {
        return fail(at, what + " causes more events than the log holds");
      }
      DispatchEvent e = expected.get(i);
      if (!codec.type(e).equals(s.type()) || !codec.encode(e).equals(s.payload())) {
        return fail(
            s,
            "is not what "
                + what
                + " causes under the treaty's rules: expected "
                + codec.type(e)
                + " "
                + abbreviated(codec.encode(e)));
      }
    }
    return fail(at, what + " causes nothing here");
  }

  /** Whether the next events are exactly {@code expected}, byte for byte as the log stores them. */
  private boolean matches(List<DispatchEvent> expected) {
    if (expected.isEmpty()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      StoredEvent s = peek(i);
      DispatchEvent e = expected.get(i);
      if (s == null || !codec.type(e).equals(s.type()) || !codec.encode(e).equals(s.payload())) {
        return false;
      }
    }
    return true;
  }

  private void apply(List<DispatchEvent> events) {
    for (DispatchEvent e : events) {
      state.evolve(e);
      head++;
      accounted++;
    }
  }

  private Failure fail(StoredEvent at, String problem) {
    return new Failure(at.position(), at.type(), problem);
  }

  private static String abbreviated(String s) {
    return s.length() <= 240 ? s : s.substring(0, 240) + "…";
  }

  /** The event {@code i} places ahead of the next unaccounted one, or null past the end. */
  private StoredEvent peek(int i) {
    if (head > 4096 && head * 2 > ahead.size()) {
      ahead.subList(0, head).clear();
      head = 0;
    }
    while (ahead.size() <= head + i) {
      StoredEvent s = rows.next();
      if (s == null) {
        return null;
      }
      ahead.add(s);
    }
    return ahead.get(head + i);
  }

  /** The log's rows in order, read by a thread of their own into a bounded queue. */
  private static final class Rows implements AutoCloseable {
    private static final StoredEvent END =
        new StoredEvent(-1, "", 0, "", "", Instant.EPOCH, "", "");
    private final BlockingQueue<StoredEvent> queue = new ArrayBlockingQueue<>(4096);
    private final Thread reader;
    private volatile RuntimeException failure;
    private boolean ended;

    Rows(EventLog log) {
      reader =
          new Thread(
              () -> {
                try {
                  log.readAfter(0, this::put);
                } catch (RuntimeException e) {
                  failure = e;
                } finally {
                  put(END);
                }
              },
              "guarantor-audit-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void put(StoredEvent e) {
      try {
        queue.put(e);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("audit abandoned", x);
      }
    }

    StoredEvent next() {
      if (ended) {
        return null;
      }
      try {
        StoredEvent e = queue.take();
        if (e == END) {
          ended = true;
          if (failure != null) {
            throw failure;
          }
          return null;
        }
        return e;
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("audit interrupted", x);
      }
    }

    @Override
    public void close() {
      reader.interrupt();
    }
  }
}
