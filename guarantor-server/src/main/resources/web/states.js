// The one table of state names and colours. The map (canvas, which cannot read CSS) and the lists
// (CSS badges) both take their colours from here, so a state looks the same wherever it appears.
// Every colour carries white text at a contrast of at least 4.5:1.

import { h } from './dom.js';

export const INCIDENT_STATES = {
  ACTIVATED: { label: 'Activated', colour: '#c81e1e' },
  AWAITING_CORROBORATION: { label: 'Awaiting corroboration', colour: '#a15c07' },
  OUT_OF_SCOPE: { label: 'Out of scope', colour: '#5b6472' },
  RESOLVED: { label: 'Resolved', colour: '#15803d' },
  STOOD_DOWN: { label: 'Stood down', colour: '#1d4ed8' },
};

export const TASKING_STATES = {
  OVERDUE: { label: 'Overdue', colour: '#b42318' },
  ISSUED: { label: 'Issued', colour: '#1d4ed8' },
  ACKNOWLEDGED: { label: 'Acknowledged', colour: '#0f766e' },
  MOBILISING: { label: 'Mobilising', colour: '#6d28d9' },
  PARTIALLY_DELIVERED: { label: 'Partly delivered', colour: '#3f6212' },
  DELIVERED: { label: 'Delivered', colour: '#15803d' },
  LATE: { label: 'Delivered late', colour: '#8a4b00' },
  BREACHED: { label: 'Breached', colour: '#7f1d1d' },
  DECLINED: { label: 'Declined', colour: '#5b6472' },
  RELEASED: { label: 'Released', colour: '#5b6472' },
  WITHDRAWN: { label: 'Withdrawn (re-plan)', colour: '#5b6472' },
};

const OPEN_TASKING = new Set(['ISSUED', 'OVERDUE', 'ACKNOWLEDGED', 'MOBILISING', 'PARTIALLY_DELIVERED']);

export function taskingOpen(state) {
  return OPEN_TASKING.has(state);
}

export function awaitingAcknowledgement(state) {
  return state === 'ISSUED' || state === 'OVERDUE';
}

export function incidentColour(state) {
  return (INCIDENT_STATES[state] || INCIDENT_STATES.OUT_OF_SCOPE).colour;
}

export function taskingColour(state) {
  return (TASKING_STATES[state] || TASKING_STATES.RELEASED).colour;
}

/** Publishes the colours as CSS custom properties (--incident-ACTIVATED, --tasking-OVERDUE, …). */
export function publishColours(root = document.documentElement) {
  for (const [state, s] of Object.entries(INCIDENT_STATES)) {
    root.style.setProperty(`--incident-${state}`, s.colour);
  }
  for (const [state, s] of Object.entries(TASKING_STATES)) {
    root.style.setProperty(`--tasking-${state}`, s.colour);
  }
}

/** The treaty's grace period after a missed deadline, in ms; its end breaches the tasking. */
let graceMs = 2 * 3600 * 1000;

export function setGracePeriod(ms) {
  if (Number.isFinite(ms) && ms >= 0) {
    graceMs = ms;
  }
}

/**
 * What comes next for an open tasking, by the clock `now`: its acknowledgement or delivery
 * deadline, or, once that has passed unmet, the breach at the end of the grace period.
 * {kind, at, breach} or null for a closed tasking.
 */
export function nextEvent(t, now) {
  const next = nextDeadline(t);
  if (!next) {
    return null;
  }
  const due = Date.parse(next.at);
  if (t.state === 'OVERDUE' || due < now) {
    const what = next.kind === 'Acknowledge' ? 'not acknowledged' : 'not delivered';
    return { kind: 'Breach', at: new Date(due + graceMs).toISOString(), breach: true, missed: next.kind, what };
  }
  return { ...next, breach: false };
}

/**
 * Why an incident needs the duty officer: breached or overdue taskings, shortfalls. Closed and
 * out-of-scope incidents need nothing more. {level, breached, overdue, short, text} or null;
 * level is 'breach', 'overdue' or 'shortfall', the worst first.
 */
export function attention(i, now) {
  if (!['ACTIVATED', 'AWAITING_CORROBORATION'].includes(i.state)) {
    return null;
  }
  const ts = i.taskings || [];
  const breached = ts.filter((t) => t.state === 'BREACHED').length;
  const overdue = ts.filter((t) => taskingOpen(t.state) && pastDeadline(t, now)).length;
  const short = (i.shortfalls || []).length;
  if (!breached && !overdue && !short) {
    return null;
  }
  const level = breached ? 'breach' : overdue ? 'overdue' : 'shortfall';
  const parts = [];
  if (breached) {
    parts.push(`${breached} breached`);
  }
  if (overdue) {
    parts.push(`${overdue} overdue`);
  }
  if (short) {
    parts.push(`${short} shortfall${short === 1 ? '' : 's'}`);
  }
  return { level, breached, overdue, short, text: parts.join(' · ') };
}

/** Past a deadline it has not met: the server's OVERDUE state, or a delivery deadline passed. */
export function pastDeadline(t, now) {
  const next = nextDeadline(t);
  return t.state === 'OVERDUE' || (next !== null && Date.parse(next.at) < now);
}

/** The next deadline a tasking is working towards, or null once it is closed. */
export function nextDeadline(t) {
  if (awaitingAcknowledgement(t.state)) {
    return { kind: 'Acknowledge', at: t.acknowledgeBy };
  }
  if (taskingOpen(t.state)) {
    return { kind: 'Deliver', at: t.deliverBy };
  }
  return null;
}

/** A state badge; the text names the state so colour is never the only signal. */
export function incidentBadge(state) {
  return h('span', { class: 'badge', style: { '--badge': `var(--incident-${state})` } }, INCIDENT_STATES[state]?.label || state);
}

export function taskingBadge(state) {
  return h(
    'span',
    { class: ['badge', state === 'OVERDUE' && 'badge-overdue'], style: { '--badge': `var(--tasking-${state})` } },
    state === 'OVERDUE' ? '⚠ Overdue' : TASKING_STATES[state]?.label || state,
  );
}
