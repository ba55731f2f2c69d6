package org.guarantor.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.keys.Signature;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.ExerciseClock;
import org.guarantor.engine.Outcome;
import org.guarantor.engine.SnapshotPolicy;
import org.guarantor.engine.scenario.TreatyFile;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;

/**
 * A treaty's log as a real deployment writes it, without HTTP: the engine on an embedded log, the
 * bundled treaty, a keyring of root keys, an officer key per party registered by its root, and
 * commands signed and read exactly as the server signs and reads them. On a virtual clock, so a
 * test can let deadlines pass.
 */
final class Deployment implements AutoCloseable {
  static final Atlas ATLAS = NaturalEarthAtlas.load();
  static final Instant START = Instant.parse("2026-11-28T06:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final EventLog log;
  final ExerciseClock clock = new ExerciseClock(START);
  final Engine engine;
  final Treaty treaty = TreatyFile.bundled();
  final Map<PartyCode, SigningKey> roots = new LinkedHashMap<>();
  final Map<PartyCode, SigningKey> officers = new LinkedHashMap<>();
  final String logId;

  Deployment(Path dir) {
    this.dir = dir;
    this.log = JdbcEventLog.sqlite(dir);
    this.engine = Engine.start(log, new DispatchState(ATLAS), clock, SnapshotPolicy.off());
    accept(engine.execute(at -> new DispatchCommand.AdoptTreaty(Engine.SYSTEM, at, treaty)));
    logId = log.hashAt(1).orElseThrow();
    List<RootKey> keyring = new ArrayList<>();
    for (Party p : treaty.parties()) {
      SigningKey root = SigningKey.generate(p.code(), KeyRole.ROOT, "root");
      roots.put(p.code(), root);
      keyring.add(new RootKey(p.code(), root.publicKey()));
    }
    accept(
        engine.execute(at -> new DispatchCommand.AdoptKeyring(Engine.SYSTEM, at, keyring, false)));
    for (Party p : treaty.parties()) {
      SigningKey officer = SigningKey.generate(p.code(), KeyRole.OFFICER, "desk");
      officers.put(p.code(), officer);
      JsonNode body =
          json(
              "{\"publicKey\":\""
                  + officer.publicKey().x()
                  + "\",\"role\":\"OFFICER\",\"label\":\"desk\"}");
      accept(send(root(p.code()), "POST", "/api/v1/keys", body));
    }
  }

  SigningKey root(PartyCode p) {
    return roots.get(p);
  }

  SigningKey officer(String p) {
    return officers.get(PartyCode.of(p));
  }

  /** Signs a request with {@code key} and runs the command it asks for, as the server does. */
  Outcome send(SigningKey key, String method, String path, JsonNode body) {
    Signature s = SignedRequest.of(method, path, body, key, logId, Instant.now()).sign(key);
    return run(s);
  }

  /** Runs the command of a signature, read from its signed text. */
  Outcome run(Signature s) {
    SignedRequest r;
    try {
      r = SignedRequest.parse(s.text());
    } catch (SignedRequest.Malformed e) {
      throw new AssertionError(e);
    }
    Actor actor = Actor.of(treaty.party(s.party()).orElseThrow());
    Function<Instant, DispatchCommand> read =
        CommandReader.read(r.method(), r.path(), r.body(), actor);
    return engine.execute(at -> new DispatchCommand.Signed(read.apply(at), s));
  }

  Outcome send(String party, String path, String body) {
    return send(officer(party), "POST", path, json(body));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Outcome accept(Outcome o) {
    if (o.decision() instanceof Decision.Rejected r) {
      throw new AssertionError("refused: " + r.reasons());
    }
    return o;
  }

  /** Moves the virtual clock and waits until every deadline it passed has fired. */
  void advance(java.time.Duration d) {
    clock.advance(d);
    engine.awaitIdle();
  }

  LogAudit.Report audit() {
    return LogAudit.audit(log, ATLAS, List.of());
  }

  @Override
  public void close() {
    engine.close();
    log.close();
  }
}
