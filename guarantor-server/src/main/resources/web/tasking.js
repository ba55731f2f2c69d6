// One tasking as a card, the same on the incident, the report's answer and the guarantor's desk:
// who sends what from where, its state, a countdown to its next deadline, and its times.

import { h } from './dom.js';
import { taskingBadge, nextDeadline, nextEvent, pastDeadline } from './states.js';
import { serverNow } from './api.js';
import { words, quantity, time, number } from './format.js';
import { countdownTo } from './countdown.js';

function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/**
 * hubs: Map of hub id → hub (for its name); about: a line on the incident (the desk's reminder
 * of what the tasking is for); actions: the buttons the viewer may use.
 */
export function taskingCard(t, { hubs, actions = null, about = null, why = null }) {
  const next = nextDeadline(t);
  const coming = nextEvent(t, serverNow());
  const from = hubs.get(t.hub)?.name || t.hub;
  // Remote capabilities (feeds, training places) travel no distance.
  const distance = t.distanceKm > 0 ? ` · ${number(Math.round(t.distanceKm))} km` : '';
  const margin = Math.abs(Math.round(t.marginMinutes / 6) / 10);
  return h(
    'article',
    { class: ['tasking', pastDeadline(t, serverNow()) && 'is-overdue'], dataset: { tasking: t.id, state: t.state, incident: t.incident }, 'aria-label': `Tasking ${t.id}` },
    h('header', { class: 'tasking-head' }, h('span', { class: 'tasking-id' }, t.id), h('span', { class: 'tasking-who' }, t.guarantor), taskingBadge(t.state)),
    h('p', { class: 'tasking-what' }, `${quantity(t.quantity, t.unit)} · ${words(t.capability)}`, t.delivered ? ` · ${number(t.delivered)} delivered` : ''),
    about ? h('p', { class: 'tasking-about' }, about) : null,
    h('p', { class: 'tasking-from' }, `From ${from}${distance} · line ${t.line} of ${t.incident}`),
    next ? h('p', { class: 'tasking-next' }, countdownTo(next.at, next.kind)) : null,
    // Past its deadline, the grace period runs: when it ends unremedied, the tasking is breached.
    coming?.breach ? h('p', { class: 'tasking-breach' }, countdownTo(coming.at, 'Breach'), ` unless ${coming.missed === 'Acknowledge' ? 'acknowledged' : 'delivered'} by then`) : null,
    facts([
      ['Ack. by', time(t.acknowledgeBy)],
      ['Deliver by', time(t.deliverBy)],
      ['Arrives', time(t.estimatedArrival)],
      ['Margin', `${t.marginMinutes < 0 ? '−' : ''}${margin} h`],
      ['Acknowledged', t.acknowledgedAt ? time(t.acknowledgedAt) : null],
      ['Declined because', t.declineReason],
    ]),
    why,
    actions,
  );
}
