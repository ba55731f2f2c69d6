package org.guarantor.domain.treaty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.guarantor.domain.party.PartyCode;

/**
 * A proposed amendment and where its vote stands. Immutable; each vote and the decision give a new
 * value.
 *
 * @param id its number
 * @param title what it does, in a line, for the parties that vote
 * @param proposer the party that filed it
 * @param proposedAt when
 * @param amendment the changes
 * @param effectiveFrom when the parties want it to take effect; never before it is adopted
 * @param baseVersion the version in force when it was filed
 * @param votes the votes, in the order cast
 * @param status pending until the rule is met or can no longer be met
 * @param adoptedVersion the treaty version it became, once adopted
 * @param decidedAt when it was adopted, rejected or lapsed
 * @param decision why it was rejected or lapsed, in words; empty otherwise
 */
public record Proposal(
    ProposalId id,
    String title,
    PartyCode proposer,
    Instant proposedAt,
    Amendment amendment,
    Instant effectiveFrom,
    int baseVersion,
    List<Vote> votes,
    Status status,
    Integer adoptedVersion,
    Instant decidedAt,
    String decision) {
  /** Where a proposal stands. */
  public enum Status {
    PENDING,
    ADOPTED,
    REJECTED,
    /** Its rule was met, but it no longer applied to the version then in force. */
    LAPSED
  }

  /** One party's vote. */
  public record Vote(PartyCode party, boolean approve, Instant at) {
    public Vote {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(at, "at");
    }
  }

  public Proposal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(amendment, "amendment");
    title = title == null ? "" : title;
    votes = votes == null ? List.of() : List.copyOf(votes);
    status = status == null ? Status.PENDING : status;
    decision = decision == null ? "" : decision;
  }

  public static Proposal filed(
      ProposalId id,
      String title,
      PartyCode proposer,
      Instant at,
      Amendment amendment,
      Instant effectiveFrom,
      int baseVersion) {
    return new Proposal(
        id,
        title,
        proposer,
        at,
        amendment,
        effectiveFrom,
        baseVersion,
        List.of(),
        Status.PENDING,
        null,
        null,
        "");
  }

  /** How {@code party} voted: true approves; null before it votes. */
  public Boolean voteOf(PartyCode party) {
    for (Vote v : votes) {
      if (v.party().equals(party)) {
        return v.approve();
      }
    }
    return null;
  }

  public Proposal withVote(PartyCode voter, boolean approve, Instant at) {
    List<Vote> v = new ArrayList<>(votes);
    v.add(new Vote(voter, approve, at));
    return new Proposal(
        id,
        title,
        proposer,
        proposedAt,
        amendment,
        effectiveFrom,
        baseVersion,
        v,
        status,
        adoptedVersion,
        decidedAt,
        decision);
  }

  public Proposal decided(Status outcome, Integer version, Instant at, String why) {
    return new Proposal(
        id,
        title,
        proposer,
        proposedAt,
        amendment,
        effectiveFrom,
        baseVersion,
        votes,
        outcome,
        version,
        at,
        why);
  }
}
