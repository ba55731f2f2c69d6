// One incident in full, as the party may see it: scope answer, times, requirements, taskings
// with countdowns, shortfalls, the timeline from T0, and the actions its role allows (close,
// corroborate). The map shows it selected, with lines from the hubs of its taskings.

import { get, post, serverNow, ApiProblem } from './api.js';
import { h, replace, focusMark, restoreFocus } from './dom.js';
import { incidentBadge } from './states.js';
import { words, quantity, time, fromT0, clockTime, number } from './format.js';
import { timeline } from './timeline.js';
import { taskingCard } from './tasking.js';
import { notePicture } from './incidents.js';
import * as map from './map.js';

let ctx;
let panel = null;
let shownId = null;
/** A closing note being typed survives the live re-renders of its incident. */
const notes = new Map();

export function initIncident(context) {
  ctx = context;
}

function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function requirementsTable(i) {
  if (!i.requirements?.length) {
    return null;
  }
  return h(
    'section',
    { class: 'section' },
    h('h2', {}, 'Requirements'),
    h(
      'table',
      { class: 'table' },
      h('thead', {}, h('tr', {}, ['Line', 'Capability', 'Needed', 'Covered', 'Due'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        i.requirements.map((r) =>
          h(
            'tr',
            { class: r.covered < r.quantity ? 'is-short' : null },
            h('td', {}, r.line),
            h('td', {}, words(r.capability)),
            h('td', {}, quantity(r.quantity, r.unit)),
            h('td', {}, `${number(r.covered)}${r.covered < r.quantity ? ' — short' : ''}`),
            h('td', {}, time(r.dueAt)),
          ),
        ),
      ),
    ),
  );
}

async function act(button, path, body, error) {
  button.disabled = true;
  try {
    await post(path, body);
    ctx.changed(shownId);
  } catch (err) {
    if (error) {
      error.textContent = err.message;
      error.hidden = false;
    } else {
      ctx.fail(err);
    }
    button.disabled = false;
  }
}

function closeActions(i) {
  if (!ctx.may.close || ['OUT_OF_SCOPE', 'RESOLVED', 'STOOD_DOWN'].includes(i.state)) {
    return null;
  }
  const note = h('textarea', { id: 'close-note', rows: 2, maxlength: 2000, placeholder: 'What happened (kept in the record)', value: notes.get(i.id) || '' });
  note.addEventListener('input', () => notes.set(i.id, note.value));
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const close = (verb) => (e) => {
    notes.delete(i.id);
    act(e.currentTarget, `/api/v1/incidents/${encodeURIComponent(i.id)}/${verb}`, { note: note.value }, error);
  };
  return h(
    'section',
    { class: 'section no-print' },
    h('h2', {}, 'Close the incident'),
    h('label', { for: 'close-note' }, 'Note'),
    note,
    error,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary', id: 'close-resolve', onclick: close('resolve') }, 'Resolve'),
      h('button', { type: 'button', class: 'btn', id: 'close-stand-down', onclick: close('stand-down') }, 'Stand down'),
    ),
  );
}

function corroborateAction(i) {
  if (!ctx.may.corroborate || i.state !== 'AWAITING_CORROBORATION' || (i.corroborations || []).includes(ctx.me.code)) {
    return null;
  }
  return h(
    'div',
    { class: 'actions' },
    h(
      'button',
      { type: 'button', class: 'btn btn-primary', id: 'corroborate', onclick: (e) => act(e.currentTarget, `/api/v1/incidents/${encodeURIComponent(i.id)}/corroborate`, {}) },
      'Corroborate this report',
    ),
  );
}

function timelineSection(i) {
  const entries = timeline(i, serverNow(), (id) => ctx.hubs.get(id)?.name || id);
  const t0 = i.activatedAt || i.reportedAt;
  return h(
    'section',
    { class: 'section' },
    h('h2', {}, 'Timeline from T0'),
    h(
      'ol',
      { class: 'timeline' },
      entries.map((e) =>
        h('li', { class: `tl-${e.kind}` }, h('span', { class: 'tl-offset' }, fromT0(e.at, t0)), h('span', { class: 'tl-time' }, clockTime(e.at)), h('span', { class: 'tl-text' }, e.text)),
      ),
    ),
  );
}

/** "Why this pledge?": the server's reasons for the choice, fetched when opened. */
function whyDetails(t) {
  const mayAsk = ctx.me.role === 'SECRETARIAT' || (ctx.me.role === 'GUARANTOR' && t.guarantor === ctx.me.code);
  if (!mayAsk) {
    return null;
  }
  const body = h('div', { class: 'why-body' }, 'Asking the server…');
  const el = h('details', { class: 'why', dataset: { why: t.id } }, h('summary', {}, 'Why this pledge?'), body);
  let asked = false;
  el.addEventListener('toggle', async () => {
    if (!el.open || asked) {
      return;
    }
    asked = true;
    try {
      const w = await get(`/api/v1/taskings/${encodeURIComponent(t.id)}/why`);
      replace(
        body,
        h('p', {}, `Pledge ${w.pledge} of ${w.guarantor}: ${w.summary}.`),
        w.alternatives?.length
          ? h(
              'ul',
              { class: 'plain why-alternatives' },
              w.alternatives.map((a) => h('li', {}, `${a.pledge} (${a.guarantor}) lost: ${words(a.lost).toLowerCase()}${a.detail ? ` — ${a.detail}` : ''}`)),
            )
          : null,
      );
    } catch (e) {
      replace(body, `The reasons could not be fetched: ${e.message}`);
      asked = false;
    }
  });
  return el;
}

/** The secretariat may ask for an exact re-plan of an open incident. */
function replanAction(i) {
  if (ctx.me.role !== 'SECRETARIAT' || i.state !== 'ACTIVATED') {
    return null;
  }
  const status = h('p', { class: 'hint', role: 'status', id: 'replan-status' });
  return h(
    'section',
    { class: 'section no-print' },
    h('h2', {}, 'Re-plan'),
    h('p', { class: 'hint' }, 'The exact re-plan looks again at every open line of this incident against all pledges; it may move taskings between guarantors.'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          id: 'replan',
          onclick: async (e) => {
            const button = e.currentTarget;
            button.disabled = true;
            try {
              const answer = await post(`/api/v1/incidents/${encodeURIComponent(i.id)}/replan`, {});
              status.textContent = answer?.queued ? 'Re-plan queued: it runs after the one in progress.' : 'Re-plan started: changes appear here as soon as it is adopted.';
              ctx.changed(i.id);
            } catch (err) {
              status.textContent = `Re-plan refused: ${err.message}`;
            } finally {
              button.disabled = false;
            }
          },
        },
        'Re-plan this incident',
      ),
    ),
    status,
  );
}

function backLink() {
  return h('a', { class: 'back', href: '#/incidents' }, '← All incidents');
}

export async function renderDetail(target, id, { keepScroll = false, frame = false } = {}) {
  panel = target;
  shownId = id;
  const scroll = keepScroll ? target.scrollTop : 0;
  let i;
  try {
    i = await get(`/api/v1/incidents/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) {
      replace(target, backLink(), h('p', { class: 'empty' }, `Incident ${id} is not visible to ${ctx.me.name}.`));
      map.showSelection(null);
      return;
    }
    throw e;
  }
  if (shownId !== id || panel !== target) {
    return;
  }
  notePicture(i);
  map.showSelection(i, { frame });
  const taskings = i.taskings || [];
  const focus = focusMark(target);
  replace(
    target,
    backLink(),
    h(
      'div',
      { class: 'detail-head' },
      h('h1', {}, i.id),
      incidentBadge(i.state),
      h('button', { type: 'button', class: 'btn btn-quiet no-print', id: 'print-sitrep', onclick: () => window.print() }, 'Print situation report'),
    ),
    h('p', { class: 'print-only sitrep-head' }, `Situation report · ${ctx.treaty?.name || ''} · printed ${time(new Date(serverNow()).toISOString())} · ${ctx.me.name}`),
    h('p', { class: 'lede' }, `${words(i.type)} · severity ${i.severity}`),
    i.scope ? h('p', { class: ['scope-answer', i.scope.inScope ? 'is-in' : 'is-out'] }, h('strong', {}, i.scope.inScope ? 'In scope' : 'Out of scope'), ` — ${i.scope.explanation}`) : null,
    facts([
      ['Place', i.point ? `${i.scope?.name || ''} ${i.point.lat.toFixed(3)}, ${i.point.lon.toFixed(3)}`.trim() : null],
      ['Observed', time(i.observedAt)],
      ['Reported', time(i.reportedAt)],
      ['T0 (activated)', i.activatedAt ? time(i.activatedAt) : null],
      ['Closed', i.closedAt ? time(i.closedAt) : null],
      ['Reporter', i.reporter],
      ['Treaty / territory', i.scope ? `v${i.scope.treatyVersion} / ${i.scope.territoryVersion}` : null],
    ]),
    i.description ? h('blockquote', { class: 'description' }, i.description) : null,
    i.view === 'SUMMARY' ? h('p', { class: 'note' }, 'Observers see a summary: no place, description or taskings.') : null,
    corroborateAction(i),
    requirementsTable(i),
    taskings.length
      ? h(
          'section',
          { class: 'section' },
          h('h2', {}, i.view === 'OWN_TASKINGS' ? 'Your taskings' : 'Taskings'),
          h('div', { class: 'tasking-list' }, taskings.map((t) => taskingCard(t, { hubs: ctx.hubs, why: whyDetails(t) }))),
        )
      : null,
    i.shortfalls?.length
      ? h(
          'section',
          { class: 'section' },
          h('h2', {}, 'Shortfalls'),
          h('ul', { class: 'shortfalls' }, i.shortfalls.map((s) => h('li', {}, `Line ${s.line}: ${quantity(s.missing, s.unit)} ${words(s.capability).toLowerCase()} — ${s.reason}`))),
        )
      : null,
    timelineSection(i),
    replanAction(i),
    closeActions(i),
  );
  target.scrollTop = scroll;
  restoreFocus(target, focus);
}

/** After live events: re-render when they concern the incident on screen. */
export async function onChange({ incidents, everything }) {
  if (panel && panel.isConnected && shownId && (everything || incidents.has(shownId))) {
    await renderDetail(panel, shownId, { keepScroll: true });
  }
}

export function leaveDetail() {
  panel = null;
  shownId = null;
}
