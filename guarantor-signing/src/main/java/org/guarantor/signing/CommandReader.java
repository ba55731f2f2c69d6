package org.guarantor.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guarantor.domain.dispatch.DispatchCommand;
import org.guarantor.domain.dispatch.Reason;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.incident.IncidentId;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.KeyRole;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.tasking.TaskingId;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.ProposalId;

/**
 * The one reading of a state-changing request as a command: the server reads what it received this
 * way, and an auditor reads what the log kept of it (the signed text) the same way, so both agree
 * on what a party asked for. Each body is an object of the fields the request takes and no others:
 * a field it does not take is refused rather than ignored, since ignoring it can change what the
 * command means ({@code {"amount":1}} sent to report a delivery would otherwise report everything
 * outstanding). Stateless and thread-safe.
 */
public final class CommandReader {
  private static final String ID = "([A-Za-z0-9_-]{1,64})";
  private static final Pattern INCIDENT =
      Pattern.compile("/api/v1/incidents/" + ID + "/(resolve|stand-down|corroborate|replan)");
  private static final Pattern TASKING =
      Pattern.compile("/api/v1/taskings/" + ID + "/(acknowledge|decline|mobilising|delivered)");
  private static final Pattern REINSTATE = Pattern.compile("/api/v1/ledger/" + ID + "/reinstate");
  private static final Pattern REVOKE = Pattern.compile("/api/v1/keys/" + ID + "/revoke");
  private static final Pattern VOTE = Pattern.compile("/api/v1/amendments/" + ID + "/vote");
  private static final Pattern CERTIFY = Pattern.compile("/api/v1/pledges/" + ID + "/certify");

  private CommandReader() {}

  /**
   * The command a request asks for.
   *
   * @param method the HTTP method
   * @param path the request path as received
   * @param body the request body (an empty object for none); for a report, the text of a CAP 1.2
   *     alert (a JSON string) is read by {@link CapReport}
   * @param actor the party the signature speaks for
   * @return the command, given the time it is decided at (everything else is read already, so the
   *     writer only fills in the time)
   * @throws RequestRefused naming what cannot be read: 404 for a path that takes no command, 400
   *     for a body that is no object, 422 for fields
   */
  public static Function<Instant, DispatchCommand> read(
      String method, String path, JsonNode body, Actor actor) {
    if (!"POST".equals(method)) {
      throw RequestRefused.of(405, "", ReasonType.FORBIDDEN, method, "be used on " + path);
    }
    if (path.equals("/api/v1/reports")) {
      // A CAP alert is signed as it was posted: the body is then the XML text, a JSON string.
      ReportBody.Parsed p =
          body != null && body.isTextual()
              ? CapReport.parse(body.asText())
              : ReportBody.parse(body);
      return at -> new DispatchCommand.FileReport(actor, at, p.key(), p.report());
    }
    Matcher m = INCIDENT.matcher(path);
    if (m.matches()) {
      IncidentId id = new IncidentId(m.group(1));
      switch (m.group(2)) {
        case "resolve":
          String resolution = note(body);
          return at -> new DispatchCommand.Resolve(actor, at, id, resolution);
        case "stand-down":
          String reason = note(body);
          return at -> new DispatchCommand.StandDown(actor, at, id, reason);
        case "corroborate":
          fields(body);
          return at -> new DispatchCommand.Corroborate(actor, at, id);
        default:
          fields(body);
          return at -> new DispatchCommand.RequestReplan(actor, at, id);
      }
    }
    m = TASKING.matcher(path);
    if (m.matches()) {
      TaskingId id = new TaskingId(m.group(1));
      switch (m.group(2)) {
        case "acknowledge":
          fields(body);
          return at -> new DispatchCommand.Acknowledge(actor, at, id);
        case "decline":
          fields(body, "reason");
          String why = text(body, "reason", null);
          return at -> new DispatchCommand.Decline(actor, at, id, why);
        case "mobilising":
          fields(body);
          return at -> new DispatchCommand.ReportMobilising(actor, at, id);
        default:
          return delivered(actor, id, body);
      }
    }
    m = REINSTATE.matcher(path);
    if (m.matches()) {
      if (!PartyCode.isValid(m.group(1))) {
        throw RequestRefused.of(404, "/guarantor", ReasonType.NOT_FOUND, "guarantor", m.group(1));
      }
      PartyCode guarantor = PartyCode.of(m.group(1));
      String note = note(body);
      return at -> new DispatchCommand.Reinstate(actor, at, guarantor, note);
    }
    if (path.equals("/api/v1/exercise/clock")) {
      return clock(actor, body);
    }
    if (path.equals("/api/v1/keys")) {
      fields(body, "publicKey", "role", "label");
      PublicKey key = publicKey(body);
      KeyRole role = role(body);
      String label = text(body, "label", "");
      return at -> new DispatchCommand.RegisterKey(actor, at, key, role, label);
    }
    if (path.equals("/api/v1/keys/enrolments")) {
      fields(body, "codeHash", "label", "expiresAt");
      String codeHash = required(text(body, "codeHash", null), "codeHash");
      String label = text(body, "label", "");
      Instant expiresAt = time(body, "expiresAt");
      return at -> new DispatchCommand.OfferEnrolment(actor, at, codeHash, label, expiresAt);
    }
    if (path.equals("/api/v1/keys/enrol")) {
      fields(body, "code", "publicKey", "label");
      String code = required(text(body, "code", null), "code");
      PublicKey key = publicKey(body);
      String label = text(body, "label", "");
      return at -> new DispatchCommand.Enrol(actor, at, code, key, label);
    }
    m = REVOKE.matcher(path);
    if (m.matches()) {
      if (!KeyId.isValid(m.group(1))) {
        throw RequestRefused.of(404, "/key", ReasonType.NOT_FOUND, "key", m.group(1));
      }
      fields(body, "reason");
      KeyId key = new KeyId(m.group(1));
      String reason = text(body, "reason", "");
      return at -> new DispatchCommand.RevokeKey(actor, at, key, reason);
    }
    if (path.equals("/api/v1/amendments")) {
      return propose(actor, body);
    }
    m = VOTE.matcher(path);
    if (m.matches()) {
      fields(body, "approve");
      JsonNode approve = body.get("approve");
      if (approve == null || approve.isNull()) {
        throw RequestRefused.of(422, "/approve", ReasonType.REQUIRED, "approve");
      }
      if (!approve.isBoolean()) {
        throw RequestRefused.of(
            422,
            "/approve",
            ReasonType.INVALID_VALUE,
            approve.toString(),
            "approve",
            "expected true (approve) or false (reject)");
      }
      ProposalId id = new ProposalId(m.group(1));
      boolean yes = approve.booleanValue();
      return at -> new DispatchCommand.VoteOnAmendment(actor, at, id, yes);
    }
    m = CERTIFY.matcher(path);
    if (m.matches()) {
      fields(body, "inspectedOn", "validUntil", "evidence");
      PledgeId pledge = new PledgeId(m.group(1));
      String inspected = required(text(body, "inspectedOn", null), "inspectedOn");
      LocalDate on;
      try {
        on = LocalDate.parse(inspected);
      } catch (DateTimeParseException e) {
        throw RequestRefused.of(
            422,
            "/inspectedOn",
            ReasonType.INVALID_VALUE,
            "inspectedOn",
            "date",
            "expected an ISO 8601 date such as 2026-11-30: " + inspected);
      }
      Instant until = time(body, "validUntil");
      String evidence = text(body, "evidence", "");
      Certification cert = new Certification(on, until, evidence);
      return at -> new DispatchCommand.CertifyPledge(actor, at, pledge, cert);
    }
    throw RequestRefused.of(404, "", ReasonType.NOT_FOUND, "route", path);
  }

  /**
   * {@code {"title": "…", "amendment": {…}, "effectiveFrom": "…"}}; effectiveFrom may be left out.
   */
  private static Function<Instant, DispatchCommand> propose(Actor actor, JsonNode body) {
    fields(body, "title", "amendment", "effectiveFrom");
    String title = text(body, "title", null);
    JsonNode a = body.get("amendment");
    if (a == null || a.isNull()) {
      throw RequestRefused.of(422, "/amendment", ReasonType.REQUIRED, "amendment");
    }
    if (!a.isObject()) {
      throw RequestRefused.of(
          422,
          "/amendment",
          ReasonType.INVALID_VALUE,
          a.toString(),
          "amendment",
          "expected an object of the changes");
    }
    Amendment amendment = AmendmentBody.read(a, "/amendment", Amendment.class);
    Instant effective = body.hasNonNull("effectiveFrom") ? time(body, "effectiveFrom") : null;
    return at -> new DispatchCommand.ProposeAmendment(actor, at, title, amendment, effective);
  }

  private static Function<Instant, DispatchCommand> delivered(
      Actor actor, TaskingId id, JsonNode body) {
    fields(body, "quantity");
    JsonNode q = body.get("quantity");
    if (q == null || q.isNull()) {
      return at -> DispatchCommand.ReportDelivered.everything(actor, at, id);
    }
    if (!q.isIntegralNumber() || !q.canConvertToLong()) {
      throw RequestRefused.of(
          422,
          "/quantity",
          ReasonType.INVALID_VALUE,
          q.toString(),
          "quantity",
          "expected a whole number");
    }
    long amount = q.asLong();
    return at -> new DispatchCommand.ReportDelivered(actor, at, id, amount);
  }

  private static Function<Instant, DispatchCommand> clock(Actor actor, JsonNode body) {
    fields(body, "advance", "to");
    String advance = text(body, "advance", null);
    String toText = text(body, "to", null);
    if ((advance == null) == (toText == null)) {
      throw RequestRefused.of(
          422, "/advance", ReasonType.REQUIRED, "advance (or to, but not both)");
    }
    if (advance != null) {
      Duration by;
      try {
        by = Duration.parse(advance);
      } catch (DateTimeParseException e) {
        throw RequestRefused.of(
            422, "/advance", ReasonType.INVALID_VALUE, "advance", "ISO 8601 duration", advance);
      }
      return at -> new DispatchCommand.MoveExerciseClock(actor, at, by, null);
    }
    Instant to = time(body, "to");
    return at -> new DispatchCommand.MoveExerciseClock(actor, at, null, to);
  }

  private static String note(JsonNode body) {
    fields(body, "note");
    return text(body, "note", "");
  }

  private static PublicKey publicKey(JsonNode body) {
    String x = required(text(body, "publicKey", null), "publicKey");
    if (!PublicKey.isValid(x)) {
      throw RequestRefused.of(
          422,
          "/publicKey",
          ReasonType.INVALID_VALUE,
          "publicKey",
          "Ed25519 public key",
          "expected its 32 bytes as base64url without padding (43 characters), the x of its JWK");
    }
    return new PublicKey(x);
  }

  private static KeyRole role(JsonNode body) {
    String r = text(body, "role", null);
    if (r == null) {
      return KeyRole.OFFICER;
    }
    try {
      return KeyRole.valueOf(r);
    } catch (IllegalArgumentException e) {
      throw RequestRefused.of(
          422, "/role", ReasonType.INVALID_VALUE, r, "role", "expected OFFICER or ROOT");
    }
  }

  private static Instant time(JsonNode body, String field) {
    String t = required(text(body, field, null), field);
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw RequestRefused.of(
          422, "/" + field, ReasonType.INVALID_VALUE, field, "time", "expected ISO 8601 UTC: " + t);
    }
  }

  private static String required(String value, String field) {
    if (value == null) {
      throw RequestRefused.of(422, "/" + field, ReasonType.REQUIRED, field);
    }
    return value;
  }

  /** A string field, {@code absent} when it is missing or null. */
  private static String text(JsonNode body, String field, String absent) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return absent;
    }
    if (!n.isTextual()) {
      throw RequestRefused.of(
          422, "/" + field, ReasonType.INVALID_VALUE, n.toString(), field, "expected a string");
    }
    return n.asText();
  }

  /** Refuses a body that is no object, or that has a field not among {@code fields}. */
  static void fields(JsonNode body, String... fields) {
    if (body == null || !body.isObject()) {
      throw notAnObject();
    }
    List<Reason> unknown = unknownFields(body, List.of(fields));
    if (!unknown.isEmpty()) {
      throw new RequestRefused(422, unknown);
    }
  }

  static RequestRefused notAnObject() {
    return new RequestRefused(
        400,
        List.of(Reason.of("", ReasonType.INVALID_VALUE, "body", "JSON object", "expected {…}")));
  }

  /** A reason for each field of {@code body} that is not among {@code fields}. */
  public static List<Reason> unknownFields(JsonNode body, List<String> fields) {
    List<Reason> r = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!fields.contains(f)) {
                r.add(
                    Reason.of(
                        "/" + f,
                        ReasonType.INVALID_VALUE,
                        f,
                        "field",
                        fields.isEmpty()
                            ? "this request takes no fields"
                            : "unknown field; this request takes " + String.join(", ", fields)));
              }
            });
    return r;
  }
}
