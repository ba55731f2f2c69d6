package org.guarantor.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.RootKey;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.tasking.Tasking;
import org.guarantor.store.EventLog;
import org.guarantor.store.JdbcEventLog;
import org.guarantor.store.NewEvent;
import org.guarantor.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit of a log from the log alone: an honest log accounts for every event; a forger who
 * rewrites the log and recomputes its hash chain (as whoever runs the server can) is found at the
 * first event he touched.
 */
class LogAuditTest {
  static final String REPORT =
      "{\"key\":\"k-%s\",\"type\":\"AIR_ATTACK\",\"severity\":3,\"location\":{\"lat\":49.99,"
          + "\"lon\":36.23},\"observedAt\":\"2026-11-28T05:00:00Z\",\"description\":\"strike\"}";

  @TempDir Path honest;
  @TempDir Path forged;

  /** A report, its taskings acknowledged, declined, delivered, and deadlines left to pass. */
  private static void crisis(Deployment d) {
    Deployment.accept(d.send("UKR", "/api/v1/reports", REPORT.formatted(1)));
    List<Tasking> taskings =
        d.engine.state().incidents().iterator().next().taskings().stream()
            .sorted(java.util.Comparator.comparing(Tasking::id))
            .toList();
    Tasking first = taskings.get(0);
    Tasking second = taskings.get(1);
    String g1 = first.guarantor().value();
    Deployment.accept(d.send(g1, "/api/v1/taskings/" + first.id() + "/acknowledge", "{}"));
    Deployment.accept(
        d.send(g1, "/api/v1/taskings/" + first.id() + "/delivered", "{\"quantity\":1}"));
    Deployment.accept(
        d.send(
            second.guarantor().value(),
            "/api/v1/taskings/" + second.id() + "/decline",
            "{\"reason\":\"not available\"}"));
    // The rest stay silent: their deadlines pass, escalate and are breached.
    d.advance(Duration.ofHours(4));
  }

  @Test
  void an_honest_log_accounts_for_every_event() {
    try (Deployment d = new Deployment(honest)) {
      crisis(d);
      LogAudit.Report r = d.audit();
      assertThat(r.failure()).isNull();
      assertThat(r.ok()).isTrue();
      assertThat(r.events()).isEqualTo(d.log.lastPosition());
      assertThat(r.signedBy()).containsKeys(PartyCode.of("UKR"));
      assertThat(r.signedCommands()).isGreaterThanOrEqualTo(4 + d.treaty.parties().size());
      assertThat(r.deadlineEvents()).as("escalations and breaches").isPositive();
      assertThat(r.demo()).isFalse();
    }
  }

  @Test
  void the_log_keyring_is_checked_against_the_auditors_own() {
    try (Deployment d = new Deployment(honest)) {
      List<RootKey> yours = new ArrayList<>();
      d.roots.forEach((p, k) -> yours.add(new RootKey(p, k.publicKey())));
      LogAudit.Report same = LogAudit.audit(d.log, Deployment.ATLAS, yours);
      assertThat(same.ok()).isTrue();
      assertThat(same.keyringChecked()).isTrue();

      // The auditor's keyring gives Poland another root key than the one the log adopted.
      yours.removeIf(r -> r.party().value().equals("POL"));
      SigningKey other = SigningKey.generate(PartyCode.of("POL"), KeyRole.ROOT, "");
      yours.add(new RootKey(PartyCode.of("POL"), other.publicKey()));
      LogAudit.Report differs = LogAudit.audit(d.log, Deployment.ATLAS, yours);
      assertThat(differs.failure().type()).isEqualTo("KeyringAdopted");
      assertThat(differs.failure().problem()).contains("POL");
    }
  }

  @Test
  void one_byte_changed_in_a_signed_command_is_found_at_its_position() {
    long at;
    try (Deployment d = new Deployment(honest)) {
      crisis(d);
      at = position(d.log, "CommandSigned", "/api/v1/reports");
    }
    // The severity inside the signed text: 3 becomes 2, and the chain is recomputed.
    forge(rows -> replaceAt(rows, at, p -> p.replace("\\\"severity\\\":3", "\\\"severity\\\":2")));
    LogAudit.Report r = audit(forged);
    assertThat(r.chain().intact()).as("the forger recomputed the chain").isTrue();
    assertThat(r.failure().position()).isEqualTo(at);
    assertThat(r.failure().problem()).contains("does not verify");
  }

  @Test
  void an_event_changed_after_its_signed_command_is_found_at_its_position() {
    long at;
    try (Deployment d = new Deployment(honest)) {
      crisis(d);
      at = position(d.log, "IncidentReported", "");
    }
    // The report as recorded says severity 2; the report as signed says 3.
    forge(rows -> replaceAt(rows, at, p -> p.replace("\"severity\":3", "\"severity\":2")));
    LogAudit.Report r = audit(forged);
    assertThat(r.failure().position()).isEqualTo(at);
    assertThat(r.failure().problem())
        .contains("is not what the signed command of UKR causes under the treaty's rules");
  }

  @Test
  void a_partys_act_without_its_signature_is_found() {
    long at;
    try (Deployment d = new Deployment(honest)) {
      crisis(d);
      at = position(d.log, "CommandSigned", "/acknowledge");
    }
    // The signature before an acknowledgement is dropped: the act is still claimed, unsigned.
    forge(rows -> rows.stream().filter(s -> s.position() != at).toList());
    LogAudit.Report r = audit(forged);
    assertThat(r.failure().position()).isEqualTo(at);
    assertThat(r.failure().type()).isEqualTo("TaskingAcknowledged");
    assertThat(r.failure().problem()).contains("carries no signature");
  }

  @Test
  void a_breach_the_deadlines_did_not_cause_is_found() {
    long breach;
    long ack;
    try (Deployment d = new Deployment(honest)) {
      crisis(d);
      breach = position(d.log, "TaskingBreached", "");
      ack = position(d.log, "CommandSigned", "/acknowledge");
    }
    // The first breach recorded is moved to right after the acknowledgement, long before its time.
    forge(
        rows -> {
          List<StoredEvent> out = new ArrayList<>(rows);
          StoredEvent b = out.stream().filter(s -> s.position() == breach).findFirst().get();
          out.remove(b);
          int i = indexOf(out, ack);
          out.add(i + 2, b);
          return out;
        });
    LogAudit.Report r = audit(forged);
    assertThat(r.failure().type()).isEqualTo("TaskingBreached");
    assertThat(r.failure().problem()).contains("is not what the deadlines due at");
  }

  @Test
  void a_signed_command_replayed_later_in_the_log_is_found() {
    long at;
    try (Deployment d = new Deployment(honest)) {
      crisis(d);
      at = position(d.log, "CommandSigned", "/delivered");
    }
    // A delivery of 1, signed once, recorded twice: the second time at the end of the log.
    forge(
        rows -> {
          List<StoredEvent> out = new ArrayList<>(rows);
          int i = indexOf(out, at);
          out.add(out.get(i));
          out.add(out.get(i + 1));
          return out;
        });
    LogAudit.Report r = audit(forged);
    assertThat(r.failure().type()).isEqualTo("CommandSigned");
    assertThat(r.failure().problem()).contains("was used before");
  }

  @Test
  void a_revoked_key_signs_nothing_after_its_revocation_while_what_it_signed_before_stands() {
    long ack;
    long revoked;
    try (Deployment d = new Deployment(honest)) {
      Deployment.accept(d.send("UKR", "/api/v1/reports", REPORT.formatted(1)));
      Tasking acked = d.engine.state().incidents().iterator().next().taskings().get(0);
      SigningKey officer = d.officers.get(acked.guarantor());
      Deployment.accept(
          d.send(officer, "POST", "/api/v1/taskings/" + acked.id() + "/acknowledge", empty()));
      Deployment.accept(
          d.send(
              d.root(acked.guarantor()),
              "POST",
              "/api/v1/keys/" + officer.id() + "/revoke",
              Deployment.json("{\"reason\":\"laptop lost\"}")));
      // Refused on the writer after the revocation.
      assertThat(
              d.send(officer, "POST", "/api/v1/taskings/" + acked.id() + "/mobilising", empty())
                  .accepted())
          .isFalse();
      // What it signed before still verifies.
      assertThat(d.audit().ok()).isTrue();
      ack = position(d.log, "CommandSigned", "/acknowledge");
      revoked = position(d.log, "KeyRevoked", "");
    }
    // A forger moves the acknowledgement after the revocation, to make it look late.
    forge(
        rows -> {
          List<StoredEvent> out = new ArrayList<>(rows);
          int i = indexOf(out, ack);
          StoredEvent signature = out.remove(i);
          StoredEvent act = out.remove(i);
          int j = indexOf(out, revoked);
          out.add(j + 1, signature);
          out.add(j + 2, act);
          return out;
        });
    LogAudit.Report r = audit(forged);
    assertThat(r.failure().type()).isEqualTo("CommandSigned");
    assertThat(r.failure().problem()).contains("was revoked");
  }

  private static com.fasterxml.jackson.databind.JsonNode empty() {
    return Deployment.json("{}");
  }

  // ---- forging --------------------------------------------------------------------------------

  private LogAudit.Report audit(Path dir) {
    try (EventLog log = JdbcEventLog.sqlite(dir)) {
      return LogAudit.audit(log, Deployment.ATLAS, List.of());
    }
  }

  /** Writes the honest log's rows, transformed, into a new log whose chain is computed afresh. */
  private void forge(UnaryOperator<List<StoredEvent>> change) {
    List<StoredEvent> rows = new ArrayList<>();
    try (EventLog log = JdbcEventLog.sqlite(honest)) {
      log.readAfter(0, rows::add);
    }
    List<StoredEvent> changed = change.apply(rows);
    Map<String, Long> versions = new HashMap<>();
    List<NewEvent> out = new ArrayList<>();
    for (StoredEvent s : changed) {
      long v = versions.merge(s.streamId(), 1L, Long::sum);
      out.add(new NewEvent(s.streamId(), v, s.type(), s.payload(), s.recordedAt()));
    }
    try (EventLog log = JdbcEventLog.sqlite(forged)) {
      log.append(out);
    }
  }

  private static List<StoredEvent> replaceAt(
      List<StoredEvent> rows, long position, UnaryOperator<String> payload) {
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent s : rows) {
      if (s.position() == position) {
        String changed = payload.apply(s.payload());
        assertThat(changed).as("the forgery changes something").isNotEqualTo(s.payload());
        out.add(
            new StoredEvent(
                s.position(),
                s.streamId(),
                s.streamVersion(),
                s.type(),
                changed,
                s.recordedAt(),
                s.previousHash(),
                s.hash()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static int indexOf(List<StoredEvent> rows, long position) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).position() == position) {
        return i;
      }
    }
    throw new AssertionError("no row at " + position);
  }

  /** The position of the first event of the type whose payload contains {@code text}. */
  private static long position(EventLog log, String type, String text) {
    long[] found = {-1};
    log.readAfter(
        0,
        s -> {
          if (found[0] < 0 && s.type().equals(type) && s.payload().contains(text)) {
            found[0] = s.position();
          }
        });
    assertThat(found[0]).as(type + " with " + text).isPositive();
    return found[0];
  }
}
