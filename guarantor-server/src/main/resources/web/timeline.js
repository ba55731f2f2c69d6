// The incident's timeline from T0, rebuilt from the times the incident view carries: report,
// scope answer, activation, each tasking's issue, acknowledgement, escalation, decline and
// delivery, shortfalls and closing. Escalations are the deadlines that passed unmet, which follow
// from the deadlines and the times things happened. Intermediate steps the view no longer
// records (when a now-delivered tasking began mobilising) do not appear.

import { quantity, words } from './format.js';
import { awaitingAcknowledgement, taskingOpen } from './states.js';

/**
 * Entries [{at, kind, text, tasking?}] in time order. kind is one of report, scope, activation,
 * tasking, ack, escalation, delivery, decline, shortfall, close (used for the marker style).
 */
export function timeline(incident, now, hubName = (id) => id) {
  const out = [];
  const add = (at, kind, text, tasking) => {
    if (at) {
      out.push({ at, kind, text, tasking });
    }
  };
  add(incident.observedAt, 'report', 'Threat observed');
  add(incident.reportedAt, 'report', `Reported by ${incident.reporter || 'the protected state'}`);
  if (incident.scope) {
    const s = incident.scope;
    add(incident.reportedAt, 'scope', s.inScope ? `In scope: ${s.explanation}` : `Out of scope: ${s.explanation}`);
  }
  if (incident.state === 'AWAITING_CORROBORATION' || (incident.corroborations || []).length) {
    const by = (incident.corroborations || []).join(', ');
    add(incident.reportedAt, 'scope', `Awaiting corroboration${by ? ` (corroborated by ${by})` : ''}`);
  }
  if (incident.activatedAt) {
    const lines = (incident.requirements || []).length;
    add(incident.activatedAt, 'activation', `Activated — T0. Plan ${incident.plan || ''}: ${lines} line${lines === 1 ? '' : 's'}`);
  }
  for (const t of incident.taskings || []) {
    taskingEntries(t, now, add, hubName);
  }
  for (const s of incident.shortfalls || []) {
    add(s.recordedAt, 'shortfall', `Shortfall on line ${s.line}: ${quantity(s.missing, s.unit)} ${words(s.capability).toLowerCase()} not covered — ${s.reason}`);
  }
  if (incident.closedAt) {
    const verb = incident.state === 'RESOLVED' ? 'Resolved' : incident.state === 'STOOD_DOWN' ? 'Stood down' : 'Closed';
    add(incident.closedAt, 'close', `${verb}${incident.closingNote ? `: ${incident.closingNote}` : ''}`);
  }
  // Stable sort: entries at one instant keep the order of the flow above.
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function taskingEntries(t, now, add, hubName) {
  const what = `${t.id} to ${t.guarantor}: ${quantity(t.quantity, t.unit)} ${words(t.capability).toLowerCase()} from ${hubName(t.hub)}`;
  add(t.issuedAt, 'tasking', `Tasking ${what} (line ${t.line})`, t.id);
  const ackBy = Date.parse(t.acknowledgeBy);
  const ackAt = t.acknowledgedAt ? Date.parse(t.acknowledgedAt) : null;
  if ((ackAt !== null && ackAt > ackBy) || (awaitingAcknowledgement(t.state) && now > ackBy)) {
    add(t.acknowledgeBy, 'escalation', `Escalation: ${t.id} (${t.guarantor}) not acknowledged by its deadline`, t.id);
  }
  if (t.acknowledgedAt) {
    add(t.acknowledgedAt, 'ack', `${t.guarantor} acknowledged ${t.id}${ackAt > ackBy ? ' (late)' : ''}`, t.id);
  }
  const deliverBy = Date.parse(t.deliverBy);
  const doneAt = t.state === 'DELIVERED' || t.state === 'LATE' ? Date.parse(t.updatedAt) : null;
  if ((taskingOpen(t.state) && now > deliverBy) || (doneAt !== null && doneAt > deliverBy)) {
    add(t.deliverBy, 'escalation', `Escalation: ${t.id} (${t.guarantor}) not delivered by its deadline`, t.id);
  }
  switch (t.state) {
    case 'MOBILISING':
      add(t.updatedAt, 'ack', `${t.guarantor} mobilising for ${t.id}`, t.id);
      break;
    case 'PARTIALLY_DELIVERED':
      add(t.updatedAt, 'delivery', `${t.guarantor} delivered ${t.delivered} of ${quantity(t.quantity, t.unit)} for ${t.id}`, t.id);
      break;
    case 'DELIVERED':
      add(t.updatedAt, 'delivery', `${t.guarantor} delivered ${t.id} in full${doneAt > deliverBy ? ' (late)' : ''}`, t.id);
      break;
    case 'LATE':
      add(t.updatedAt, 'escalation', `${t.guarantor} delivered ${t.id} in full, after its deadline`, t.id);
      break;
    case 'BREACHED':
      add(t.updatedAt, 'escalation', `${t.id} breached by ${t.guarantor}: what it still owed went to other pledges`, t.id);
      break;
    case 'DECLINED':
      add(t.updatedAt, 'decline', `${t.guarantor} declined ${t.id}${t.declineReason ? `: ${t.declineReason}` : ''}`, t.id);
      break;
    case 'RELEASED':
      add(t.updatedAt, 'close', `${t.id} released with the incident`, t.id);
      break;
    case 'WITHDRAWN':
      add(t.updatedAt, 'close', `${t.id} withdrawn from ${t.guarantor} by the exact re-plan`, t.id);
      break;
    default:
      break;
  }
}
