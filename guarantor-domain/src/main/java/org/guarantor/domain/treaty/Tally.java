package org.guarantor.domain.treaty;

import java.util.ArrayList;
import java.util.List;
import org.guarantor.domain.party.Party;
import org.guarantor.domain.party.PartyCode;

/**
 * Where a proposal's vote stands under the amendment rule of the version in force: who votes, how
 * many approvals it needs, and whether it is adopted, rejected or still open. A vote from a party
 * that is not a voter is not counted.
 *
 * @param voters the guarantors in force, then the protected state where its consent is needed
 * @param approvalsNeeded how many guarantors must approve
 * @param approvals guarantors that approved
 * @param rejections guarantors that rejected
 * @param consentNeeded whether the protected state must approve as well
 * @param consent the protected state's vote, or null before it votes
 * @param outcome adopted, rejected, or pending
 */
public record Tally(
    List<PartyCode> voters,
    int approvalsNeeded,
    int approvals,
    int rejections,
    boolean consentNeeded,
    Boolean consent,
    Proposal.Status outcome) {

  public static Tally of(Proposal proposal, Treaty inForce) {
    AmendmentRule rule = inForce.governance().amendment();
    List<PartyCode> voters = new ArrayList<>();
    int yes = 0;
    int no = 0;
    List<Party> guarantors = inForce.guarantors();
    for (Party g : guarantors) {
      voters.add(g.code());
      Boolean v = proposal.voteOf(g.code());
      if (Boolean.TRUE.equals(v)) {
        yes++;
      } else if (Boolean.FALSE.equals(v)) {
        no++;
      }
    }
    boolean consentNeeded = rule.protectedStateConsent();
    Boolean consent = null;
    if (consentNeeded) {
      voters.add(inForce.protectedState());
      consent = proposal.voteOf(inForce.protectedState());
    }
    int needed = rule.approvalsNeeded(guarantors.size());
    int open = guarantors.size() - yes - no;
    Proposal.Status outcome;
    if (yes + open < needed || Boolean.FALSE.equals(consent)) {
      outcome = Proposal.Status.REJECTED;
    } else if (yes >= needed && (!consentNeeded || Boolean.TRUE.equals(consent))) {
      outcome = Proposal.Status.ADOPTED;
    } else {
      outcome = Proposal.Status.PENDING;
    }
    return new Tally(voters, needed, yes, no, consentNeeded, consent, outcome);
  }

  public boolean mayVote(PartyCode party) {
    return voters.contains(party);
  }

  /** Why it ended as it did, in words. */
  public String explain(AmendmentRule rule) {
    String of = approvals + " of " + approvalsNeeded + " guarantor approvals needed";
    return switch (outcome) {
      case ADOPTED -> "approved by " + rule.describe() + " (" + of + ")";
      case REJECTED ->
          Boolean.FALSE.equals(consent)
              ? "the protected state did not consent"
              : "can no longer reach "
                  + rule.describe()
                  + " ("
                  + of
                  + ", "
                  + rejections
                  + " against)";
      default -> of;
    };
  }
}
