package org.guarantor.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.engine.BrokenLog;
import org.guarantor.signing.KeyFiles;
import org.guarantor.signing.LogAudit;
import org.guarantor.store.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --audit-at-start}: the whole log audited as {@code guarantor verify} audits it (the
 * chain, every signature, every event decided again), before the engine builds on it. It finds what
 * the chain alone cannot: a rewrite whose hashes were all recomputed. It costs about a full replay
 * more, which is why a start does not do it unless asked.
 */
final class StartAudit {
  private static final Logger LOG = LoggerFactory.getLogger(StartAudit.class);

  private StartAudit() {}

  /**
   * @param keyring the deployment's keyring file, whose root keys the log's must be, or null to
   *     take the log's as given
   * @throws BrokenLog naming the first position the audit cannot account for
   */
  static void run(EventLog log, Atlas atlas, Path keyring) {
    long started = System.nanoTime();
    List<RootKey> trusted = keyring == null ? List.of() : KeyFiles.readKeyring(keyring).roots();
    LogAudit.Report r = LogAudit.audit(log, atlas, trusted);
    if (!r.chain().intact()) {
      throw new BrokenLog(r.chain().firstBadPosition(), List.of(BrokenLog.chainFinding(r.chain())));
    }
    if (r.failure() != null) {
      LogAudit.Failure f = r.failure();
      throw new BrokenLog(
          f.position(),
          List.of(BrokenLog.auditFinding(f.position(), f.type(), f.problem(), r.events())));
    }
    LOG.info(
        "audited {} events ({} signed commands) before serving in {} ms",
        r.events(),
        r.signedCommands(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
