package org.guarantor.domain.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guarantor.domain.access.Access;
import org.guarantor.domain.dispatch.DispatchCommand.CertifyPledge;
import org.guarantor.domain.dispatch.DispatchCommand.ProposeAmendment;
import org.guarantor.domain.dispatch.DispatchCommand.VoteOnAmendment;
import org.guarantor.domain.keys.PublicKey;
import org.guarantor.domain.keys.RegisteredKey;
import org.guarantor.domain.pledge.Certification;
import org.guarantor.domain.pledge.Pledge;
import org.guarantor.domain.pledge.PledgeId;
import org.guarantor.domain.treaty.Accession;
import org.guarantor.domain.treaty.Amendment;
import org.guarantor.domain.treaty.Proposal;
import org.guarantor.domain.treaty.ProposalId;
import org.guarantor.domain.treaty.Tally;
import org.guarantor.domain.treaty.Treaty;

/**
 * How the treaty changes itself: a party proposes an amendment, the parties the amendment rule
 * names vote, and the vote that meets the rule adopts the next version (or the one that makes it
 * unreachable rejects it). The secretariat certifies pledges. Stateless.
 */
final class AmendmentRules {
  static final int MAX_TITLE = 200;
  static final int MAX_EVIDENCE = 500;

  private AmendmentRules() {}

  static Decision propose(ProposeAmendment c, DispatchState state, Treaty inForce) {
    if (!Access.mayPropose(c.actor(), inForce)) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "propose amendments");
    }
    List<Reason> r = new ArrayList<>();
    if (c.title() == null || c.title().isBlank()) {
      r.add(Reason.of("/title", ReasonType.REQUIRED, "title"));
    } else {
      FreeText.problem("/title", "title", c.title(), MAX_TITLE).ifPresent(r::add);
    }
    if (c.amendment() == null) {
      r.add(Reason.of("/amendment", ReasonType.REQUIRED, "amendment"));
    } else if (c.amendment().changesNothing()) {
      r.add(
          Reason.of(
              "/amendment",
              ReasonType.INVALID_VALUE,
              "amendment",
              "amendment",
              "it changes nothing"));
    } else {
      Treaty latest = state.treaty().orElse(inForce);
      r.addAll(check(c.amendment(), latest, state));
    }
    if (!r.isEmpty()) {
      return new Decision.Rejected(r);
    }
    ProposalId id = ProposalId.number(state.proposalCount() + 1);
    Instant effective = c.effectiveFrom() == null ? c.at() : c.effectiveFrom();
    Proposal filed =
        Proposal.filed(
            id,
            c.title().strip(),
            c.actor().party(),
            c.at(),
            c.amendment(),
            effective,
            state.treaty().orElse(inForce).version());
    return new Decision.Accepted(
        List.of(new DispatchEvent.AmendmentProposed(c.at(), filed)), id.value(), false);
  }

  static Decision vote(VoteOnAmendment c, DispatchState state, Treaty inForce) {
    if (c.proposal() == null) {
      return Decision.reject("/proposal", ReasonType.REQUIRED, "proposal");
    }
    Optional<Proposal> found = state.proposal(c.proposal());
    if (found.isEmpty()) {
      return Decision.reject("/proposal", ReasonType.NOT_FOUND, "amendment", c.proposal());
    }
    Proposal p = found.get();
    Tally before = Tally.of(p, inForce);
    if (!Access.mayVote(c.actor(), before)) {
      return Decision.reject(
          "",
          ReasonType.FORBIDDEN,
          c.actor().party(),
          "vote on amendments (the rule is: " + inForce.governance().amendment().describe() + ")");
    }
    Boolean earlier = p.voteOf(c.actor().party());
    if (earlier != null) {
      return earlier == c.approve()
          ? new Decision.Accepted(List.of(), p.id().value(), true)
          : Decision.reject(
              "/approve",
              ReasonType.WRONG_STATE,
              "amendment",
              p.id(),
              "already " + (earlier ? "approved" : "rejected") + " by " + c.actor().party(),
              "change a vote");
    }
    if (p.status() != Proposal.Status.PENDING) {
      return Decision.reject(
          "/proposal", ReasonType.WRONG_STATE, "amendment", p.id(), p.status(), "vote on it");
    }
    List<DispatchEvent> events = new ArrayList<>();
    events.add(new DispatchEvent.AmendmentVoted(c.at(), p.id(), c.actor().party(), c.approve()));
    Proposal voted = p.withVote(c.actor().party(), c.approve(), c.at());
    Tally after = Tally.of(voted, inForce);
    String why = after.explain(inForce.governance().amendment());
    if (after.outcome() == Proposal.Status.REJECTED) {
      events.add(
          new DispatchEvent.AmendmentDecided(c.at(), p.id(), Proposal.Status.REJECTED, null, why));
    } else if (after.outcome() == Proposal.Status.ADOPTED) {
      adopt(voted, c.at(), state, inForce, why, events);
    }
    return new Decision.Accepted(events, p.id().value(), false);
  }

  /** Adopts a proposal whose rule is met, on the latest version; lapses if it no longer fits. */
  private static void adopt(
      Proposal p,
      Instant at,
      DispatchState state,
      Treaty inForce,
      String why,
      List<DispatchEvent> events) {
    Treaty latest = state.treaty().orElse(inForce);
    List<Reason> problems = check(p.amendment(), latest, state);
    if (!problems.isEmpty()) {
      Reason first = problems.get(0);
      events.add(
          new DispatchEvent.AmendmentDecided(
              at,
              p.id(),
              Proposal.Status.LAPSED,
              null,
              "approved, but it no longer applies to version "
                  + latest.version()
                  + ": "
                  + first.path()
                  + ": "
                  + first.message()));
      return;
    }
    // Never before the vote that adopts it, nor before the version it follows takes effect: the
    // version in force at any time is then always the latest adopted by that time.
    Instant effective = latest(latest(p.effectiveFrom(), at), latest.effectiveFrom());
    Treaty next = p.amendment().applyTo(latest, effective);
    events.add(
        new DispatchEvent.AmendmentDecided(
            at, p.id(), Proposal.Status.ADOPTED, next.version(), why));
    events.add(new DispatchEvent.TreatyAdopted(at, next));
  }

  static Decision certify(CertifyPledge c, DispatchState state, Treaty inForce) {
    if (!Access.mayCertify(c.actor())) {
      return Decision.reject("", ReasonType.FORBIDDEN, c.actor().party(), "certify pledges");
    }
    if (c.pledge() == null) {
      return Decision.reject("/pledge", ReasonType.REQUIRED, "pledge");
    }
    Treaty latest = state.treaty().orElse(inForce);
    if (latest.pledge(c.pledge()).isEmpty()) {
      return Decision.reject("/pledge", ReasonType.NOT_FOUND, "pledge", c.pledge());
    }
    Certification cert = c.certification();
    if (cert == null) {
      return Decision.reject("/certification", ReasonType.REQUIRED, "certification");
    }
    List<Reason> r = new ArrayList<>();
    LocalDate today = c.at().atZone(ZoneOffset.UTC).toLocalDate();
    if (cert.inspectedOn().isAfter(today)) {
      r.add(
          Reason.of(
              "/inspectedOn",
              ReasonType.INVALID_VALUE,
              "inspectedOn",
              "date",
              "it lies in the future (" + cert.inspectedOn() + ")"));
    }
    if (!cert.validUntil().isAfter(c.at())) {
      r.add(
          Reason.of(
              "/validUntil",
              ReasonType.INVALID_VALUE,
              "validUntil",
              "time",
              "it has passed already (" + cert.validUntil() + ")"));
    }
    if (cert.evidence().isBlank()) {
      r.add(Reason.of("/evidence", ReasonType.REQUIRED, "evidence"));
    } else {
      FreeText.problem("/evidence", "evidence", cert.evidence(), MAX_EVIDENCE).ifPresent(r::add);
    }
    if (!r.isEmpty()) {
      return new Decision.Rejected(r);
    }
    return new Decision.Accepted(
        List.of(new DispatchEvent.PledgeCertified(c.at(), c.pledge(), cert, c.actor().party())),
        c.pledge().value(),
        false);
  }

  // ---- checking an amendment against the version it would amend ------------------------------

  /**
   * Every problem with applying {@code a} to {@code base}, each at its path in the amendment: what
   * it names must exist (or must not yet), and the version it makes must pass the treaty's own
   * checks.
   */
  static List<Reason> check(Amendment a, Treaty base, DispatchState state) {
    List<Reason> r = new ArrayList<>();
    Set<String> joining = new HashSet<>();
    for (int i = 0; i < a.accessions().size(); i++) {
      Accession acc = a.accessions().get(i);
      String at = "/amendment/accessions/" + i;
      if (base.party(acc.code()).isPresent() || !joining.add(acc.code().value())) {
        r.add(invalid(at + "/code", acc.code() + " is a party already"));
      }
      if (acc.name().isBlank()) {
        r.add(Reason.of(at + "/name", ReasonType.REQUIRED, "name"));
      }
      if (acc.rootKeys().isEmpty()) {
        r.add(
            invalid(
                at + "/rootKeys",
                "a joining state needs a root key to sign with: name at least one"));
      }
      for (int k = 0; k < acc.rootKeys().size(); k++) {
        PublicKey key = acc.rootKeys().get(k);
        Optional<RegisteredKey> existing = state.keyring().key(key.id());
        if (existing.isPresent()) {
          r.add(
              Reason.of(
                  at + "/rootKeys/" + k, ReasonType.KEY_EXISTS, key.id(), existing.get().party()));
        }
      }
    }
    for (int i = 0; i < a.pledges().size(); i++) {
      Pledge p = a.pledges().get(i);
      if (base.pledge(p.id()).isPresent()) {
        r.add(invalid("/amendment/pledges/" + i + "/id", "pledge " + p.id() + " exists already"));
      }
      if (p.certification() != null) {
        r.add(
            invalid(
                "/amendment/pledges/" + i + "/certification",
                "the secretariat certifies a pledge once it is in the treaty, not the amendment"
                    + " that adds it"));
      }
    }
    Set<PledgeId> withdrawn = new HashSet<>();
    for (int i = 0; i < a.withdrawPledges().size(); i++) {
      PledgeId id = a.withdrawPledges().get(i);
      if (base.pledge(id).isEmpty()) {
        r.add(invalid("/amendment/withdrawPledges/" + i, "pledge " + id + " is not in the treaty"));
      } else if (!withdrawn.add(id)) {
        r.add(invalid("/amendment/withdrawPledges/" + i, "pledge " + id + " is listed twice"));
      }
    }
    if (!r.isEmpty()) {
      return r;
    }
    Treaty next = a.applyTo(base, base.effectiveFrom());
    for (Reason problem : TreatyCheck.check(next, state.atlas())) {
      String where = inAmendment(problem.path(), a, base, next);
      r.add(
          where == null
              ? invalid(
                  "/amendment",
                  "the amended treaty at " + problem.path() + ": " + problem.message())
              : invalid(where, problem.message()));
    }
    return r;
  }

  private static final Pattern LISTED = Pattern.compile("^/(pledges|hubs|plans)/(\\d+)(.*)$");

  private static final Pattern WORDS =
      Pattern.compile("^/vocabulary/(threatTypes|units|capabilities)/(\\d+)(.*)$");

  /** Where a problem of the amended version lies in the amendment, or null if it cannot be told. */
  private static String inAmendment(String path, Amendment a, Treaty base, Treaty next) {
    Matcher m = LISTED.matcher(path);
    if (m.matches()) {
      int index = Integer.parseInt(m.group(2));
      String rest = m.group(3);
      switch (m.group(1)) {
        case "pledges":
          if (index >= base.pledges().size()) {
            return "/amendment/pledges/" + (index - base.pledges().size()) + rest;
          }
          break;
        case "hubs":
          for (int i = 0; i < a.hubs().size(); i++) {
            if (a.hubs().get(i).id().equals(next.hubs().get(index).id())) {
              return "/amendment/hubs/" + i + rest;
            }
          }
          break;
        default:
          for (int i = 0; i < a.plans().size(); i++) {
            if (a.plans().get(i).id().equals(next.plans().get(index).id())) {
              return "/amendment/plans/" + i + rest;
            }
          }
      }
    }
    Matcher w = WORDS.matcher(path);
    if (w.matches() && a.vocabulary() != null) {
      int index = Integer.parseInt(w.group(2));
      int before =
          switch (w.group(1)) {
            case "threatTypes" -> base.vocabulary().threatTypes().size();
            case "units" -> base.vocabulary().units().size();
            default -> base.vocabulary().capabilities().size();
          };
      if (index >= before) {
        return "/amendment/vocabulary/" + w.group(1) + "/" + (index - before) + w.group(3);
      }
    } else if (path.startsWith("/territory") && a.territory() != null) {
      return "/amendment" + path;
    }
    return null;
  }

  private static Reason invalid(String path, String message) {
    return Reason.of(path, ReasonType.TREATY_INVALID, message);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
