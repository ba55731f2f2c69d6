package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.keys.KeyId;
import org.guarantor.domain.keys.Keyring;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;

/**
 * Keys and sign-in: the keyring as the log has it (public keys are public: anyone signed in may
 * read them, and an auditor needs them; a key's label and revocation reason are its party's notes),
 * key changes (signed by the party's root key, or by the key that enrols), and sessions for reads.
 */
final class KeysController {
  private final Api api;
  private final DemoKeys demo;

  /** {@code demo} holds the demonstration's keys, or is null on a server with real keys. */
  KeysController(Api api, DemoKeys demo) {
    this.api = api;
    this.demo = demo;
  }

  /**
   * {@code GET /api/v1/keys}: every key, in force or revoked, with who registered it; labels and
   * revocation reasons as {@link Access#mayReadKeyNotes} allows.
   */
  void list(Context ctx) {
    Actor reader = api.actor(ctx);
    Keyring k = api.engine.state().keyring();
    List<Map<String, Object>> keys = new ArrayList<>();
    for (RegisteredKey r : k.keys()) {
      keys.add(view(reader, r));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("log", api.auth.logId());
    out.put("demo", k.demo());
    out.put("keys", keys);
    Api.json(ctx, 200, out);
  }

  /**
   * {@code POST /api/v1/keys}, {@code /keys/{id}/revoke}, {@code /keys/enrolments}, {@code
   * /keys/enrol}.
   */
  void change(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    Decision.Accepted a = api.run(c.command());
    if (ctx.path().endsWith("/revoke")) {
      api.auth.sessions().closeAll(new KeyId(a.subject()));
    }
    if (ctx.path().endsWith("/enrolments")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("codeHash", a.subject());
      out.put("party", c.actor().party().value());
      Api.json(ctx, 201, out);
      return;
    }
    RegisteredKey r = api.engine.state().keyring().key(new KeyId(a.subject())).orElseThrow();
    Api.json(ctx, ctx.path().endsWith("/revoke") ? 200 : 201, view(c.actor(), r));
  }

  /** {@code GET /api/v1/session/challenge}: something fresh to sign, good once for two minutes. */
  void challenge(Context ctx) {
    String c =
        api.auth
            .sessions()
            .challenge()
            .orElseThrow(
                () ->
                    ApiError.of(
                        503, "", ReasonType.INVALID_VALUE, "challenges", "number", "too many"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("challenge", c);
    out.put("log", api.auth.logId());
    out.put("expiresIn", Sessions.CHALLENGE_TTL.toString());
    Api.json(ctx, 200, out);
  }

  /**
   * {@code POST /api/v1/session {"challenge": "…"}}, signed like a command by a key in force:
   * answers a bearer token for reads.
   */
  void signIn(Context ctx) {
    JsonNode body = api.object(ctx, "challenge");
    Auth.Verified v = api.verify(ctx, body, api.treaty(), false);
    if (!api.auth.sessions().consume(body.path("challenge").asText(null))) {
      throw Auth.unauthenticated(
          "/challenge",
          ReasonType.INVALID_VALUE,
          "challenge",
          "challenge",
          "unknown, used or expired: get a fresh one from GET /api/v1/session/challenge");
    }
    Sessions.Session s =
        api.auth
            .sessions()
            .open(v.actor(), v.signature().key())
            .orElseThrow(
                () ->
                    ApiError.of(
                        503, "", ReasonType.INVALID_VALUE, "sessions", "number", "too many"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", s.token());
    out.put("expiresAt", s.expiresAt().toString());
    out.put("party", s.actor().party().value());
    out.put("role", s.actor().role().name());
    out.put("key", s.key().value());
    Api.json(ctx, 201, out);
  }

  /** {@code DELETE /api/v1/session}: ends the caller's session. */
  void signOut(Context ctx) {
    api.actor(ctx);
    String header = ctx.header("Authorization");
    api.auth.sessions().close(header.substring(7).trim());
    ctx.status(204);
  }

  /**
   * {@code GET /api/v1/demo/keys}: the parties a demonstration has keys for, so that the page can
   * offer them before anyone has signed in. There is no such list on a real server: 404.
   */
  void demoParties(Context ctx) {
    if (demo == null) {
      throw ApiError.of(404, "", ReasonType.NOT_FOUND, "route", ctx.path());
    }
    List<Map<String, Object>> parties = new ArrayList<>();
    for (var p : api.treaty().parties()) {
      if (demo.officer(p.code()).isPresent()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code().value());
        m.put("name", p.name());
        m.put("role", p.role().name());
        parties.add(m);
      }
    }
    Api.json(ctx, 200, Map.of("parties", parties));
  }

  /**
   * {@code GET /api/v1/demo/keys/{party}}: a demonstration party's officer key file, so that the
   * page can sign as any party of a demonstration. There are no such keys on a real server: 404.
   */
  void demoKey(Context ctx) {
    String code = ctx.pathParam("party");
    if (demo == null || !PartyCode.isValid(code) || demo.officer(PartyCode.of(code)).isEmpty()) {
      throw ApiError.of(404, "/party", ReasonType.NOT_FOUND, "demonstration key of", code);
    }
    Api.json(ctx, 200, demo.officerJwk(PartyCode.of(code)));
  }

  /** A key as {@code reader} may see it: its notes (label, revocation reason) null if not. */
  static Map<String, Object> view(Actor reader, RegisteredKey r) {
    boolean notes = Access.mayReadKeyNotes(reader, r.party());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("party", r.party().value());
    m.put("role", r.role().name());
    m.put("label", notes ? r.label() : null);
    m.put("publicKey", r.publicKey().x());
    m.put("registeredAt", r.registeredAt().toString());
    m.put("registeredBy", r.registeredBy() == null ? null : r.registeredBy().value());
    m.put("revokedAt", r.revokedAt() == null ? null : r.revokedAt().toString());
    m.put("revocationReason", notes ? r.revocationReason() : null);
    return m;
  }
}
