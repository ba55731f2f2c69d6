// The guarantor's desk: its own taskings, most urgent first, each with a countdown to its next
// deadline and the actions the API allows in its state. Overdue items lead the list with a banner,
// a red edge and the word "Overdue", so they are unmistakable in any colour vision.

import { get, getOptional, post, serverNow, ApiProblem } from './api.js';
import { h, replace, focusMark, restoreFocus } from './dom.js';
import { awaitingAcknowledgement, taskingOpen, nextDeadline, nextEvent, pastDeadline } from './states.js';
import { countdownTo } from './countdown.js';
import { number, words } from './format.js';
import { cachedIncident } from './incidents.js';
import { taskingCard } from './tasking.js';
import * as map from './map.js';

let ctx;
let panel = null;
let openOnly = true;
const drafts = new Map();

export function initDesk(context) {
  ctx = context;
}

function urgency(t) {
  if (pastDeadline(t, serverNow())) {
    return 0;
  }
  return taskingOpen(t.state) ? 1 : 2;
}

function sortTaskings(list) {
  return list.sort((a, b) => {
    const u = urgency(a) - urgency(b);
    if (u !== 0) {
      return u;
    }
    if (urgency(a) === 2) {
      return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
    }
    return Date.parse(nextDeadline(a).at) - Date.parse(nextDeadline(b).at);
  });
}

/**
 * The guarantor's standing in the ledger: its breaches, whether it is suspended and what lifts
 * it, how many more breaches bring a suspension, and the countdown to its next breach.
 */
function standing(record, open) {
  const c = ctx.treaty.consequences || {};
  const limit = c.suspendAfterBreaches || 0;
  const now = serverNow();
  const coming = open
    .map((t) => ({ t, e: nextEvent(t, now) }))
    .filter((x) => x.e?.breach)
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at))[0];
  const parts = [];
  if (record) {
    parts.push(
      h('div', { class: 'kpi' }, h('dt', {}, 'Breaches'), h('dd', { id: 'desk-breaches' }, number(record.breached || 0))),
      h('div', { class: 'kpi' }, h('dt', {}, 'Since last review'), h('dd', {}, limit ? `${number(record.breachesSinceReview || 0)} (suspension at ${limit})` : number(record.breachesSinceReview || 0))),
    );
  }
  const lines = [];
  if (record?.suspended) {
    lines.push(
      h(
        'p',
        { class: 'suspension', id: 'desk-suspension', role: 'status' },
        h('strong', {}, 'Suspended: '),
        `after ${limit || 'its'} breaches since the last review, ${ctx.me.name} has lost the right to be tasked first. `,
        'What lifts it: the secretariat’s review, which reinstates it (recorded in the ledger). Delivering what is open on time is what that review weighs.',
      ),
    );
  } else if (record && limit) {
    const left = Math.max(0, limit - (record.breachesSinceReview || 0));
    lines.push(h('p', { class: 'hint', id: 'desk-suspension' }, `In good standing: ${left} more breach${left === 1 ? '' : 'es'} before the review would suspend the right to be tasked first.`));
  }
  if (coming) {
    lines.push(
      h(
        'p',
        { class: 'next-breach', id: 'desk-next-breach' },
        countdownTo(coming.e.at, 'Next breach'),
        ` — ${coming.t.id}, unless ${coming.e.missed === 'Acknowledge' ? 'acknowledged' : 'delivered'} by then`,
      ),
    );
  }
  if (!parts.length && !lines.length) {
    return null;
  }
  return h('section', { class: ['desk-standing', record?.suspended && 'is-suspended'], 'aria-label': 'Standing in the ledger' }, parts.length ? h('dl', { class: 'kpis kpis-small' }, parts) : null, lines);
}

export async function renderDesk(target, { keepScroll = false } = {}) {
  panel = target;
  const scroll = keepScroll ? target.scrollTop : 0;
  const [all, ledger] = await Promise.all([get('/api/v1/taskings'), getOptional('/api/v1/ledger').catch(() => null)]);
  const record = (ledger?.guarantors || []).find((g) => g.guarantor === ctx.me.code) || null;
  if (panel !== target) {
    return;
  }
  // A live update must not take the cursor away from someone typing a decline reason.
  const focus = focusMark(target);
  const open = all.filter((t) => taskingOpen(t.state));
  const overdue = open.filter((t) => pastDeadline(t, serverNow()));
  const shown = sortTaskings(openOnly ? open : all);
  const toggle = h(
    'label',
    { class: 'toggle' },
    h('input', {
      type: 'checkbox',
      checked: !openOnly,
      onchange: (e) => {
        openOnly = !e.target.checked;
        renderDesk(target);
      },
    }),
    ' Show closed taskings',
  );
  replace(
    target,
    h(
      'div',
      { class: 'panel-head' },
      h('h1', {}, 'Desk'),
      h('span', { class: 'count', 'aria-label': `${open.length} open taskings` }, number(open.length)),
    ),
    standing(record, open),
    overdue.length
      ? h('p', { class: 'overdue-banner', role: 'status' }, `⚠ ${overdue.length} tasking${overdue.length === 1 ? ' is' : 's are'} past a deadline — act now, or decline with a reason.`)
      : null,
    toggle,
    shown.length
      ? h('div', { class: 'tasking-list desk-list' }, shown.map(card))
      : h('p', { class: 'empty' }, openOnly ? 'No open taskings. New ones appear here the moment they are issued.' : 'No taskings yet.'),
  );
  target.scrollTop = scroll;
  restoreFocus(target, focus);
}

function card(t) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const slot = h('div', { class: 'inline-form' });
  const run = async (button, path, body) => {
    button.disabled = true;
    error.hidden = true;
    try {
      await post(`/api/v1/taskings/${encodeURIComponent(t.id)}/${path}`, body);
      drafts.delete(t.id);
      ctx.changed(t.incident);
    } catch (e) {
      error.textContent = e instanceof ApiProblem ? e.errors.map((x) => x.message).join('; ') || e.message : e.message;
      error.hidden = false;
      button.disabled = false;
    }
  };
  const buttons = [];
  if (awaitingAcknowledgement(t.state)) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'acknowledge' }, onclick: (e) => run(e.currentTarget, 'acknowledge') }, 'Acknowledge'));
  }
  if (t.state === 'ACKNOWLEDGED') {
    buttons.push(h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'mobilising' }, onclick: (e) => run(e.currentTarget, 'mobilising') }, 'Report mobilising'));
  }
  if (['ACKNOWLEDGED', 'MOBILISING', 'PARTIALLY_DELIVERED'].includes(t.state)) {
    buttons.push(h('button', { type: 'button', class: 'btn', dataset: { action: 'delivered' }, onclick: () => deliveredForm(t, slot, run) }, 'Report delivered…'));
  }
  if (taskingOpen(t.state) && !t.delivered) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-danger', dataset: { action: 'decline' }, onclick: () => declineForm(t, slot, run) }, 'Decline…'));
  }
  const where = h(
    'div',
    { class: 'actions' },
    buttons,
    h('a', { class: 'btn btn-quiet', href: `#/desk/${encodeURIComponent(t.incident)}`, dataset: { action: 'map' }, 'aria-label': `Show ${t.incident} on the map` }, 'On map'),
  );
  const incident = cachedIncident(t.incident);
  const about = incident ? `${words(incident.type)} · severity ${incident.severity}${incident.scope?.name ? ` · ${incident.scope.name}` : ''}` : null;
  const el = taskingCard(t, { hubs: ctx.hubs, actions: [where, slot, error], about });
  if (drafts.has(t.id)) {
    const d = drafts.get(t.id);
    (d.kind === 'decline' ? declineForm : deliveredForm)(t, slot, run, d.value);
  }
  return el;
}

/** Decline needs a reason: it is recorded and shown to the coordination centre. */
function declineForm(t, slot, run, value = '') {
  const id = `decline-${t.id}`;
  const reason = h('textarea', { id, rows: 2, maxlength: 2000, required: true, value });
  reason.addEventListener('input', () => drafts.set(t.id, { kind: 'decline', value: reason.value }));
  drafts.set(t.id, { kind: 'decline', value });
  const confirm = h(
    'button',
    {
      type: 'submit',
      class: 'btn btn-danger',
    },
    'Decline tasking',
  );
  replace(
    slot,
    h(
      'form',
      {
        onsubmit: (e) => {
          e.preventDefault();
          if (!reason.value.trim()) {
            reason.setAttribute('aria-invalid', 'true');
            reason.focus();
            return;
          }
          run(confirm, 'decline', { reason: reason.value.trim() });
        },
      },
      h('label', { for: id }, 'Reason for declining (required)'),
      reason,
      h('div', { class: 'actions' }, confirm, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => cancel(t, slot) }, 'Cancel')),
    ),
  );
  if (!value) {
    reason.focus();
  }
}

function deliveredForm(t, slot, run, value) {
  const id = `delivered-${t.id}`;
  const outstanding = t.quantity - (t.delivered || 0);
  const amount = h('input', { id, type: 'number', min: 1, max: outstanding, step: 1, required: true, value: value || String(outstanding) });
  amount.addEventListener('input', () => drafts.set(t.id, { kind: 'delivered', value: amount.value }));
  drafts.set(t.id, { kind: 'delivered', value: amount.value });
  const confirm = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Confirm delivery');
  replace(
    slot,
    h(
      'form',
      {
        onsubmit: (e) => {
          e.preventDefault();
          run(confirm, 'delivered', { quantity: Number(amount.value) });
        },
      },
      h('label', { for: id }, `Quantity that arrived (outstanding: ${number(outstanding)})`),
      amount,
      h('div', { class: 'actions' }, confirm, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => cancel(t, slot) }, 'Cancel')),
    ),
  );
  if (!value) {
    amount.focus();
  }
}

function cancel(t, slot) {
  drafts.delete(t.id);
  replace(slot);
}

/** Frames the incident of a tasking on the map, with the lines from its hubs. */
export async function showOnMap(incidentId) {
  const incident = cachedIncident(incidentId) || (await get(`/api/v1/incidents/${encodeURIComponent(incidentId)}`));
  map.showSelection(incident, { frame: true });
}

export async function onChange() {
  if (panel && panel.isConnected) {
    await renderDesk(panel, { keepScroll: true });
  }
}

export function leaveDesk() {
  panel = null;
}
