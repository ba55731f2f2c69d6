// How the treaty changes, in the treaty view: the proposed amendments (pending first, with the rule,
// the tally, the votes and who is awaited, and Approve / Reject for a party that may still vote), and
// the version history with what changed from each version to the next (GET /api/v1/treaty/diff).
// The server decides who may read and vote; the page only leaves out what it would refuse.

import { post, ApiProblem } from './api.js';
import { h } from './dom.js';
import { words, quantity, hours, time } from './format.js';

/** A typed id as the server writes it: a string, or {value}. */
const idOf = (x) => (x && typeof x === 'object' ? x.value ?? x.id ?? x.code ?? JSON.stringify(x) : String(x));

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an amendment changes, one line each, in words a delegate reads at a glance. */
export function changes(a) {
  if (!a) {
    return [];
  }
  const out = [];
  for (const x of a.accessions || []) {
    out.push(`Accession of ${x.name} (${idOf(x.code)}) as a guarantor`);
  }
  for (const p of a.pledges || []) {
    const q = p.quantity ? quantity(p.quantity.amount, p.quantity.unit) : '';
    out.push(`New pledge ${idOf(p.id)}: ${idOf(p.guarantor)}, ${q} ${words(p.capability).toLowerCase()}${p.readiness ? `, ready in ${hours(p.readiness)}` : ''}${p.hub ? ` at ${idOf(p.hub)}` : ''}`);
  }
  if ((a.withdrawPledges || []).length) {
    out.push(`Pledges withdrawn: ${a.withdrawPledges.map(idOf).join(', ')} (each serves out the withdrawal notice)`);
  }
  for (const x of a.hubs || []) {
    out.push(`Hub ${idOf(x.id)}: ${x.name}${x.country ? ` (${x.country})` : ''}`);
  }
  for (const p of a.plans || []) {
    out.push(`Response plan for ${words(p.threat).toLowerCase()}, severity ${p.severity}: ${plural((p.lines || []).length, 'line')}`);
  }
  if (a.territory) {
    out.push(`New territory definition${a.territory.version ? ` (${a.territory.version})` : ''}`);
  }
  for (const [field, label] of [
    ['acknowledgementDeadline', 'Acknowledge within'],
    ['decisionLimit', 'Decision limit'],
    ['gracePeriod', 'Grace period'],
    ['backfillWindow', 'Backfill window'],
  ]) {
    if (a[field]) {
      out.push(`${label}: ${hours(a[field])}`);
    }
  }
  if (a.consequences) {
    out.push('New consequences of a breach');
  }
  return out.length ? out : ['No change'];
}

function consentText(p) {
  if (!p.consentNeeded) {
    return null;
  }
  if (p.consent === true) {
    return 'the protected state consented';
  }
  if (p.consent === false) {
    return 'the protected state refused consent';
  }
  return 'the protected state’s consent awaited';
}

function statusBadge(status) {
  return h('span', { class: ['badge', `badge-proposal-${String(status).toLowerCase()}`] }, words(status));
}

/**
 * One proposal as a card. onVoted(): called once a vote is accepted, to show the new tally.
 */
function proposal(p, onVoted) {
  const pending = p.status === 'PENDING';
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const vote = async (button, approve) => {
    for (const b of button.parentElement.querySelectorAll('button')) {
      b.disabled = true;
    }
    error.hidden = true;
    try {
      await post(`/api/v1/amendments/${encodeURIComponent(p.id)}/vote`, { approve });
      await onVoted(p.id);
    } catch (e) {
      error.textContent = e instanceof ApiProblem ? e.reasons : e.message;
      error.hidden = false;
      for (const b of button.parentElement.querySelectorAll('button')) {
        b.disabled = false;
      }
    }
  };
  const consent = consentText(p);
  const tally = `Approvals ${p.approvals} of ${p.approvalsNeeded} needed · ${plural(p.rejections, 'rejection')}${consent ? ` · ${consent}` : ''}`;
  let outcome = null;
  if (p.status === 'ADOPTED') {
    outcome = `Adopted ${time(p.decidedAt)} as version ${p.adoptedVersion}, in force from ${time(p.effectiveFrom)}`;
  } else if (!pending) {
    outcome = `${words(p.status)} ${time(p.decidedAt)}${p.decision ? `: ${p.decision}` : ''}`;
  }
  return h(
    'article',
    { class: ['proposal', pending && 'is-pending'], dataset: { proposal: p.id, status: p.status }, 'aria-labelledby': `proposal-${p.id}` },
    h('header', { class: 'proposal-head' }, h('h3', { id: `proposal-${p.id}`, tabindex: '-1' }, `${p.id}: ${p.title || 'Untitled'}`), statusBadge(p.status)),
    h('p', { class: 'hint' }, `Proposed by ${p.proposer} ${time(p.proposedAt)} · to take effect from ${time(p.effectiveFrom)} · on version ${p.baseVersion}`),
    outcome ? h('p', { class: 'proposal-outcome' }, outcome) : null,
    h('h4', {}, 'What it changes'),
    h('ul', { class: 'proposal-changes' }, changes(p.amendment).map((c) => h('li', {}, c))),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Rule'),
      h('dd', {}, p.rule ? `Adopted with ${p.rule}` : '—'),
      h('dt', {}, 'Tally'),
      h('dd', { class: 'proposal-tally' }, tally),
      h('dt', {}, 'Votes'),
      h('dd', { class: 'proposal-votes' }, (p.votes || []).length ? p.votes.map((v) => `${idOf(v.party)} ${v.approve ? 'approved' : 'rejected'}`).join(' · ') : 'None yet'),
      pending ? [h('dt', {}, 'Awaited'), h('dd', { class: 'proposal-awaiting' }, (p.awaiting || []).join(', ') || 'No one')] : null,
    ),
    p.mayVote
      ? h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'approve' }, 'aria-label': `Approve ${p.id}`, onclick: (e) => vote(e.currentTarget, true) }, 'Approve'),
          h('button', { type: 'button', class: 'btn btn-danger', dataset: { action: 'reject' }, 'aria-label': `Reject ${p.id}`, onclick: (e) => vote(e.currentTarget, false) }, 'Reject'),
        )
      : null,
    error,
  );
}

/** The proposals panel: pending first, then the decided ones. Null when the reader may not see them. */
export function proposalsPanel(list, onVoted) {
  if (!list) {
    return null;
  }
  const items = list.items || [];
  const pending = items.filter((p) => p.status === 'PENDING');
  const decided = items.filter((p) => p.status !== 'PENDING');
  return h(
    'section',
    { id: 'amendments', 'aria-labelledby': 'amendments-title' },
    h('h2', { id: 'amendments-title' }, 'Proposed amendments'),
    pending.length ? h('div', { class: 'proposal-list' }, pending.map((p) => proposal(p, onVoted))) : h('p', { class: 'empty' }, 'No amendment awaits a vote.'),
    decided.length ? [h('h3', {}, 'Decided'), h('div', { class: 'proposal-list' }, decided.map((p) => proposal(p, onVoted)))] : null,
  );
}

/** A value from the diff, short: a name or id for an object, the text for the rest. */
function short(v) {
  if (v === null || v === undefined) {
    return '—';
  }
  if (typeof v === 'object') {
    if (Array.isArray(v)) {
      return `${v.length} item${v.length === 1 ? '' : 's'}`;
    }
    const name = v.name ?? idOf(v.id ?? v.code ?? '');
    return name || 'an entry';
  }
  return /^P(T|\d)/.test(String(v)) ? hours(v) : String(v);
}

function changeLine(c) {
  const where = c.path;
  if (c.kind === 'added') {
    return `Added ${where}: ${short(c.after)}`;
  }
  if (c.kind === 'removed') {
    return `Removed ${where}: ${short(c.before)}`;
  }
  return `Changed ${where}: ${short(c.before)} → ${short(c.after)}`;
}

/** versions: GET /api/v1/treaty/versions; diffs: Map of version → its diff from the one before. */
export function versionHistory(versions, diffs) {
  if (!versions) {
    return null;
  }
  return h(
    'section',
    { id: 'versions', 'aria-labelledby': 'versions-title' },
    h('h2', { id: 'versions-title' }, 'Version history'),
    h(
      'ol',
      { class: 'versions' },
      (versions.items || []).map((v) => {
        const diff = diffs.get(v.version);
        return h(
          'li',
          { class: ['version', v.inForce && 'is-in-force'], dataset: { version: String(v.version) } },
          h(
            'p',
            { class: 'version-head' },
            h('strong', {}, `Version ${v.version}`),
            v.title ? ` — ${v.title}` : '',
            ` · from ${time(v.effectiveFrom)}`,
            v.amendment ? ` · ${v.amendment}${v.adoptedAt ? ` adopted ${time(v.adoptedAt)}` : ''}` : '',
            v.inForce ? [' ', h('span', { class: 'badge badge-in-force' }, 'In force')] : '',
          ),
          diff
            ? h(
                'details',
                { class: 'version-diff' },
                h('summary', {}, `What changed from version ${diff.from} (${plural(diff.changes.length, 'change')})`),
                h('ul', {}, diff.changes.map((c) => h('li', { dataset: { kind: c.kind } }, changeLine(c)))),
              )
            : null,
        );
      }),
    ),
  );
}
