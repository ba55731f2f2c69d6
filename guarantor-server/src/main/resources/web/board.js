// The secretariat's deadline board: every open tasking of every incident, by the time to what
// comes next for it — its acknowledgement or delivery deadline, or, once that has passed unmet,
// the breach at the end of the treaty's grace period. The nearest first, each with a live
// countdown; a row opens its incident.

import { get, serverNow } from './api.js';
import { h, replace, focusMark, restoreFocus } from './dom.js';
import { nextEvent, taskingBadge } from './states.js';
import { words, quantity, time, number } from './format.js';
import { countdownTo } from './countdown.js';

let ctx;
let panel = null;

export function initBoard(context) {
  ctx = context;
}

/** Open taskings with what comes next for each, nearest first. */
export function schedule(taskings, now) {
  return taskings
    .map((t) => ({ t, next: nextEvent(t, now) }))
    .filter((x) => x.next)
    .sort((a, b) => Date.parse(a.next.at) - Date.parse(b.next.at) || a.t.id.localeCompare(b.t.id));
}

function row({ t, next }) {
  const hub = ctx.hubs.get(t.hub)?.name || t.hub;
  return h(
    'tr',
    { class: [next.breach && 'is-breach-coming', t.state === 'OVERDUE' && 'is-overdue'], dataset: { tasking: t.id, incident: t.incident, next: next.kind } },
    h('td', {}, countdownTo(next.at, next.breach ? `Breach (${next.what})` : next.kind)),
    h('td', { class: 'num' }, time(next.at)),
    h('td', {}, h('a', { href: `#/incidents/${encodeURIComponent(t.incident)}` }, t.incident)),
    h('td', {}, h('span', { class: 'tasking-id' }, t.id), ' ', taskingBadge(t.state)),
    h('td', {}, t.guarantor),
    h('td', {}, `${quantity(t.quantity, t.unit)} ${words(t.capability).toLowerCase()} from ${hub}`),
  );
}

export async function renderBoard(target, { keepScroll = false } = {}) {
  panel = target;
  const scroll = keepScroll ? target.scrollTop : 0;
  const open = await get('/api/v1/taskings?open=true');
  if (panel !== target) {
    return;
  }
  const rows = schedule(open, serverNow());
  const breaching = rows.filter((x) => x.next.breach).length;
  const focus = focusMark(target);
  replace(
    target,
    h(
      'div',
      { class: 'panel-head' },
      h('h1', {}, 'Deadlines'),
      h('span', { class: 'count', 'aria-label': `${rows.length} open taskings` }, number(rows.length)),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => window.print() }, 'Print'),
    ),
    h('p', { class: 'lede' }, 'Every open tasking, nearest deadline first. Past a deadline, the grace period runs; at its end the tasking is breached and backfilled.'),
    breaching ? h('p', { class: 'overdue-banner', role: 'status' }, `⚠ ${breaching} tasking${breaching === 1 ? ' is' : 's are'} in the grace period: breach unless remedied.`) : null,
    rows.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'table board', id: 'deadline-board' },
            h('caption', {}, 'Open taskings by time to their next deadline'),
            h('thead', {}, h('tr', {}, ['Next', 'At', 'Incident', 'Tasking', 'Guarantor', 'What'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, rows.map(row)),
          ),
        )
      : h('p', { class: 'empty' }, 'No open taskings.'),
  );
  target.scrollTop = scroll;
  restoreFocus(target, focus);
}

export async function onChange() {
  if (panel && panel.isConnected) {
    await renderBoard(panel, { keepScroll: true });
  }
}

export function leaveBoard() {
  panel = null;
}
