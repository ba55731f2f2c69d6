package org.guarantor.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.Decision;
import org.guarantor.domain.dispatch.DispatchState;
import org.guarantor.domain.dispatch.ReasonType;
import org.guarantor.domain.party.Actor;
import org.guarantor.domain.party.PartyCode;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.Proposal;
import org.guarantor.domain.treaty.ProposalId;
import org.guarantor.domain.treaty.Tally;
import org.guarantor.domain.treaty.Treaty;

/**
 * How the treaty changes: proposals and votes, the versions and what changed between two, and the
 * certification of pledges. What a caller may read is {@link Access}'s to say.
 */
final class AmendmentController {
  private final Api api;
  private final CredibilityRuns runs;

  AmendmentController(Api api, CredibilityRuns runs) {
    this.api = api;
    this.runs = runs;
  }

  // ---- proposals ------------------------------------------------------------------------------

  /**
   * A proposal as a party reads it: the changes, the votes so far, and what the rule still needs.
   */
  record ProposalView(
      String id,
      String title,
      String proposer,
      Instant proposedAt,
      Instant effectiveFrom,
      int baseVersion,
      String status,
      Integer adoptedVersion,
      Instant decidedAt,
      String decision,
      String rule,
      int approvalsNeeded,
      int approvals,
      int rejections,
      boolean consentNeeded,
      Boolean consent,
      List<Proposal.Vote> votes,
      List<String> awaiting,
      boolean mayVote,
      Amendment amendment) {}

  static ProposalView view(Proposal p, Treaty inForce, Actor reader) {
    Tally t = Tally.of(p, inForce);
    List<String> awaiting = new ArrayList<>();
    if (p.status() == Proposal.Status.PENDING) {
      for (PartyCode voter : t.voters()) {
        if (p.voteOf(voter) == null) {
          awaiting.add(voter.value());
        }
      }
    }
    return new ProposalView(
        p.id().value(),
        p.title(),
        p.proposer().value(),
        p.proposedAt(),
        p.effectiveFrom(),
        p.baseVersion(),
        p.status().name(),
        p.adoptedVersion(),
        p.decidedAt(),
        p.decision(),
        inForce.governance().amendment().describe(),
        t.approvalsNeeded(),
        t.approvals(),
        t.rejections(),
        t.consentNeeded(),
        t.consent(),
        p.votes(),
        awaiting,
        p.status() == Proposal.Status.PENDING
            && Access.mayVote(reader, t)
            && p.voteOf(reader.party()) == null,
        p.amendment());
  }

  private Actor proposalReader(Context ctx) {
    Actor actor = api.actor(ctx);
    if (!Access.mayReadProposals(actor)) {
      throw ApiError.of(403, "", ReasonType.FORBIDDEN, actor.party(), "read proposed amendments");
    }
    return actor;
  }

  /** {@code GET /api/v1/amendments[?status=PENDING]}: newest first. */
  void list(Context ctx) {
    Actor actor = proposalReader(ctx);
    String status = ctx.queryParam("status");
    Proposal.Status wanted = null;
    if (status != null) {
      try {
        wanted = Proposal.Status.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw ApiError.of(
            400,
            "/status",
            ReasonType.INVALID_VALUE,
            "status",
            "status",
            "expected PENDING, ADOPTED, REJECTED or LAPSED");
      }
    }
    Treaty inForce = api.treaty();
    List<ProposalView> out = new ArrayList<>();
    List<Proposal> all = new ArrayList<>(api.engine.state().proposals());
    for (int i = all.size() - 1; i >= 0; i--) {
      Proposal p = all.get(i);
      if (wanted == null || p.status() == wanted) {
        out.add(view(p, inForce, actor));
      }
    }
    Api.json(ctx, 200, Map.of("items", out, "total", out.size()));
  }

  void get(Context ctx) {
    Actor actor = proposalReader(ctx);
    Api.json(ctx, 200, view(proposal(ctx.pathParam("id")), api.treaty(), actor));
  }

  private Proposal proposal(String id) {
    return api.engine
        .state()
        .proposal(new ProposalId(id))
        .orElseThrow(() -> ApiError.of(404, "/id", ReasonType.NOT_FOUND, "amendment", id));
  }

  /** {@code POST /api/v1/amendments}: signed; 201 with the proposal. */
  void propose(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    Decision.Accepted a = api.run(c.command());
    Proposal p = proposal(a.subject());
    ctx.header("Location", "/api/v1/amendments/" + p.id().value());
    Api.json(ctx, 201, view(p, api.treaty(), c.actor()));
  }

  /** {@code POST /api/v1/amendments/{id}/vote {"approve": true}}: signed. */
  void vote(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    Decision.Accepted a = api.run(c.command());
    Api.json(ctx, 200, view(proposal(a.subject()), api.treaty(), c.actor()));
  }

  // ---- versions -------------------------------------------------------------------------------

  record VersionView(
      int version,
      Instant effectiveFrom,
      boolean inForce,
      String amendment,
      String title,
      Instant adoptedAt) {}

  /** {@code GET /api/v1/treaty/versions}: every version, oldest first, and which is in force. */
  void versions(Context ctx) {
    api.actor(ctx);
    DispatchState s = api.engine.state();
    int inForce = api.treaty().version();
    List<VersionView> out = new ArrayList<>();
    for (Treaty t : s.treatyVersions()) {
      Optional<Proposal> by =
          s.proposals().stream()
              .filter(p -> Integer.valueOf(t.version()).equals(p.adoptedVersion()))
              .findFirst();
      out.add(
          new VersionView(
              t.version(),
              t.effectiveFrom(),
              t.version() == inForce,
              by.map(p -> p.id().value()).orElse(null),
              by.map(Proposal::title).orElse(t.version() == 1 ? "the treaty as signed" : null),
              by.map(Proposal::decidedAt).orElse(null)));
    }
    Api.json(ctx, 200, Map.of("items", out, "inForce", inForce));
  }

  /** {@code GET /api/v1/treaty/versions/{version}}: that version, as the caller may see it. */
  void version(Context ctx) {
    Actor actor = api.actor(ctx);
    Treaty t = version(ctx.pathParam("version"), "/version");
    Api.json(ctx, 200, Access.treaty(actor) == Access.TreatyView.FULL ? t : PublicTreaty.of(t));
  }

  /** {@code GET /api/v1/treaty/diff?from=1&to=2}: what changed, field by field. */
  void diff(Context ctx) {
    Actor actor = api.actor(ctx);
    String fromText = ctx.queryParam("from");
    String toText = ctx.queryParam("to");
    if (fromText == null) {
      throw ApiError.of(400, "/from", ReasonType.REQUIRED, "from");
    }
    Treaty from = version(fromText, "/from");
    Treaty to = toText == null ? api.treaty() : version(toText, "/to");
    boolean full = Access.treaty(actor) == Access.TreatyView.FULL;
    JsonNode a = Api.MAPPER.valueToTree(full ? from : PublicTreaty.of(from));
    JsonNode b = Api.MAPPER.valueToTree(full ? to : PublicTreaty.of(to));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from.version());
    out.put("to", to.version());
    out.put("changes", TreatyDiff.between(a, b));
    Api.json(ctx, 200, out);
  }

  private Treaty version(String text, String path) {
    int v;
    try {
      v = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiError.of(
          400, path, ReasonType.INVALID_VALUE, path.substring(1), "version", "expected 1, 2, …");
    }
    for (Treaty t : api.engine.state().treatyVersions()) {
      if (t.version() == v) {
        return t;
      }
    }
    throw ApiError.of(404, path, ReasonType.NOT_FOUND, "treaty version", v);
  }

  // ---- credibility --------------------------------------------------------------------------

  /**
   * {@code GET /api/v1/credibility}: the latest credibility exercise over the version in force
   * (docs/credibility.md), for the parties: it names the hubs the guarantee leans on, which the
   * public view keeps back. {@code status} is running while a new one is computed (the previous
   * report, if any, stays in {@code report}).
   */
  void credibility(Context ctx) {
    Actor actor = api.actor(ctx);
    if (!Access.mayReadCredibility(actor)) {
      throw ApiError.of(
          403, "", ReasonType.FORBIDDEN, actor.party(), "read the credibility exercise");
    }
    if (!runs.enabled()) {
      throw ApiError.of(
          404,
          "",
          ReasonType.NOT_FOUND,
          "credibility exercise",
          "(this server runs none: start it with --credibility-runs N)");
    }
    Api.json(ctx, 200, runs.latest());
  }

  // ---- certification --------------------------------------------------------------------------

  /** Where a pledge's certification stands at a time. */
  enum CertificationStatus {
    CERTIFIED,
    /** In force, but it lapses within the treaty's warning period: renew it. */
    EXPIRING,
    EXPIRED,
    UNCERTIFIED
  }

  record CertificationView(
      String pledge,
      String guarantor,
      String capability,
      String status,
      boolean counts,
      java.time.LocalDate inspectedOn,
      Instant validUntil,
      String evidence) {}

  static CertificationStatus status(Pledge p, Treaty t, Instant now) {
    Certification c = p.certification();
    if (c == null) {
      return CertificationStatus.UNCERTIFIED;
    }
    if (!c.inForceAt(now)) {
      return CertificationStatus.EXPIRED;
    }
    return c.validUntil().isAfter(now.plus(t.governance().certificationWarning()))
        ? CertificationStatus.CERTIFIED
        : CertificationStatus.EXPIRING;
  }

  static CertificationView certification(Pledge p, Treaty t, Instant now) {
    Certification c = p.certification();
    return new CertificationView(
        p.id().value(),
        p.guarantor().value(),
        p.capability().code(),
        status(p, t, now).name(),
        p.validAt(now) && t.certificationAllows(p, now),
        c == null ? null : c.inspectedOn(),
        c == null ? null : c.validUntil(),
        c == null ? null : c.evidence());
  }

  /**
   * {@code GET /api/v1/certifications[?status=EXPIRING][&guarantor=POL]}: each pledge of the
   * version in force with where its certification stands, so the secretariat and each guarantor see
   * what to renew before it lapses.
   */
  void certifications(Context ctx) {
    Actor actor = api.actor(ctx);
    if (!Access.mayReadCertification(actor)) {
      throw ApiError.of(403, "", ReasonType.FORBIDDEN, actor.party(), "read certifications");
    }
    String status = ctx.queryParam("status");
    String guarantor = ctx.queryParam("guarantor");
    Treaty t = api.treaty();
    Instant now = api.engine.clock().instant();
    List<CertificationView> out = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CertificationStatus s : CertificationStatus.values()) {
      counts.put(s.name(), 0);
    }
    for (Pledge p : t.pledges()) {
      CertificationView v = certification(p, t, now);
      if ((status != null && !status.equals(v.status()))
          || (guarantor != null && !guarantor.equals(v.guarantor()))) {
        continue;
      }
      counts.merge(v.status(), 1, Integer::sum);
      out.add(v);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("required", t.governance().certificationRequired());
    body.put("warnBefore", t.governance().certificationWarning().toString());
    body.put("asOf", now);
    body.put("counts", counts);
    body.put("items", out);
    Api.json(ctx, 200, body);
  }

  /** {@code POST /api/v1/pledges/{id}/certify}: signed, secretariat only. */
  void certify(Context ctx) {
    Api.SignedCommand c = api.command(ctx);
    Decision.Accepted a = api.run(c.command());
    Treaty t = api.engine.state().treaty().orElseThrow();
    Pledge p = t.pledge(new PledgeId(a.subject())).orElseThrow();
    Api.json(ctx, 200, certification(p, t, api.engine.clock().instant()));
  }
}
