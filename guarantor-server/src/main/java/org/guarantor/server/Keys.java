package org.guarantor.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.Keyring;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.treaty.Treaty;
import org.guarantor.engine.Engine;
import org.guarantor.engine.Outcome;
import org.guarantor.signing.CommandReader;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.SignedRequest;
import org.guarantor.signing.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyring at start: a log with none adopts the deployment's keyring file, or for a
 * demonstration a keyring the server generates (with an officer key per party, registered by each
 * party's demonstration root key); a log with one keeps it, and a keyring file given anyway must
 * agree with it.
 */
final class Keys {
  private static final Logger LOG = LoggerFactory.getLogger(Keys.class);

  private Keys() {}

  /**
   * Adopts a keyring if the log has none, and returns the demonstration's keys if this is one.
   *
   * @throws IllegalStateException saying what to do, when there is no keyring to adopt or the
   *     keyring file disagrees with the log
   */
  static DemoKeys bootstrap(Engine engine, ServerConfig cfg, String logId) {
    Keyring keyring = engine.state().keyring();
    Treaty treaty = engine.state().treaty().orElseThrow();
    if (keyring.adopted()) {
      if (cfg.keyring() != null) {
        agree(KeyFiles.readKeyring(cfg.keyring()), keyring, cfg);
      }
      if (!keyring.demo()) {
        if (cfg.demo()) {
          LOG.warn("this log has a real keyring; no demonstration keys are made for it");
        }
        return null;
      }
      DemoKeys demo = DemoKeys.find(cfg.dataDir()).orElse(null);
      if (demo == null) {
        LOG.warn(
            "this is a DEMONSTRATION log, but its keys are not in {}",
            cfg.dataDir().resolve(DemoKeys.FOLDER));
        return null;
      }
      if (engine.isWriter()) {
        // A standby writes nothing: the writer registers them, or this server once it takes over.
        registerOfficers(engine, demo, treaty, logId);
      }
      announce(demo);
      return demo;
    }
    if (cfg.keyring() != null) {
      KeyFiles.Keyring file = KeyFiles.readKeyring(cfg.keyring());
      adopt(engine, file.roots(), file.demo());
      LOG.info("adopted the keyring {} ({} root keys)", cfg.keyring(), file.roots().size());
      return null;
    }
    if (!cfg.demo()) {
      throw new IllegalStateException(
          "the log has no keyring: give the parties' root public keys with --keyring FILE (see"
              + " docs/security.md), or run a demonstration with --demo");
    }
    DemoKeys demo = DemoKeys.prepare(cfg.dataDir(), treaty);
    adopt(engine, demo.rootKeys(), true);
    registerOfficers(engine, demo, treaty, logId);
    announce(demo);
    return demo;
  }

  private static void announce(DemoKeys demo) {
    LOG.warn(
        "DEMONSTRATION keyring: the private keys of every party are in {} (e.g. {}); whoever"
            + " reads that folder can act as any party. Never use it for a real treaty.",
        demo.folder().toAbsolutePath(),
        demo.folder().resolve("POL.jwk"));
  }

  private static void adopt(Engine engine, List<RootKey> roots, boolean demo) {
    Outcome o =
        engine.execute(at -> new DispatchCommand.AdoptKeyring(Engine.SYSTEM, at, roots, demo));
    if (o.decision() instanceof Decision.Rejected r) {
      throw new IllegalStateException("the keyring cannot be adopted: " + reasons(r.reasons()));
    }
  }

  /** Each demonstration officer key not yet registered, registered signed by its party's root. */
  private static void registerOfficers(Engine engine, DemoKeys demo, Treaty treaty, String logId) {
    Keyring keyring = engine.state().keyring();
    for (SigningKey officer : demo.officers().values()) {
      if (keyring.key(officer.id()).isPresent() || treaty.party(officer.party()).isEmpty()) {
        continue;
      }
      SigningKey root = demo.root(officer.party());
      if (root == null || keyring.key(root.id()).map(RegisteredKey::revoked).orElse(true)) {
        continue;
      }
      ObjectNode body = Api.MAPPER.createObjectNode();
      body.put("publicKey", officer.publicKey().x());
      body.put("role", KeyRole.OFFICER.name());
      body.put("label", officer.label());
      SignedRequest request =
          SignedRequest.of("POST", "/api/v1/keys", body, root, logId, Instant.now());
      var signature = request.sign(root);
      Actor actor = Actor.of(treaty.party(officer.party()).orElseThrow());
      var read = CommandReader.read("POST", "/api/v1/keys", body, actor);
      Outcome o = engine.execute(at -> new DispatchCommand.Signed(read.apply(at), signature));
      if (o.decision() instanceof Decision.Rejected r) {
        throw new IllegalStateException(
            "the demonstration key of "
                + officer.party()
                + " cannot be registered: "
                + reasons(r.reasons()));
      }
    }
  }

  private static void agree(KeyFiles.Keyring file, Keyring keyring, ServerConfig cfg) {
    Set<KeyId> inLog =
        keyring.keys().stream()
            .filter(k -> k.role() == KeyRole.ROOT)
            .map(RegisteredKey::id)
            .collect(Collectors.toSet());
    for (RootKey r : file.roots()) {
      if (!inLog.contains(r.id())) {
        throw new IllegalStateException(
            "the keyring "
                + cfg.keyring()
                + " names root key "
                + r.id()
                + " of "
                + r.party()
                + ", which this log never registered: is it the right log, or the right keyring?");
      }
      PartyCode owner = keyring.key(r.id()).orElseThrow().party();
      if (!owner.equals(r.party())) {
        throw new IllegalStateException(
            "the keyring "
                + cfg.keyring()
                + " gives key "
                + r.id()
                + " to "
                + r.party()
                + ", the log to "
                + owner);
      }
    }
  }

  private static String reasons(List<Reason> reasons) {
    return reasons.stream()
        .map(x -> x.path() + ": " + x.message())
        .collect(Collectors.joining("; "));
  }
}
