package org.guarantor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.guarantor.atlas.NaturalEarthAtlas;
import org.guarantor.domain.territory.Atlas;
import org.guarantor.signing.LogAudit;
import org.guarantor.store.JdbcEventLog;

/**
 * After a test's server has stopped: the log it wrote is accounted for from the log alone, every
 * signature and every consequence, as {@code guarantor verify} checks it.
 */
final class Audits {
  private static final Atlas ATLAS = NaturalEarthAtlas.load();

  private Audits() {}

  static LogAudit.Report assertAccountedFor(Path dataDir) {
    try (JdbcEventLog log = JdbcEventLog.sqlite(dataDir)) {
      LogAudit.Report r = LogAudit.audit(log, ATLAS, List.of());
      assertThat(r.failure()).as("the first event not accounted for").isNull();
      assertThat(r.chain().intact()).as(r.chain().problem()).isTrue();
      assertThat(r.events()).isEqualTo(log.lastPosition());
      return r;
    }
  }
}
