// The live connection: server-sent events from GET /api/v1/events. A notice says only that
// something the party may see has changed (type, incident, tasking, position); the views refetch
// it through the API, so the stream never carries more than the API would show.
//
// No gap at start: the page asks /health for the log position first and subscribes from there,
// so an event written while the first data loads is still delivered. After a drop, EventSource
// reconnects by itself with Last-Event-ID; if it gives up (the server was down or refused), we
// open a new one from the last position seen, backing off up to 15 s, and ask the views to
// reload once connected, in case anything was missed in between. An EventSource does not say why it
// was refused: before opening a new one, the page checks its session with a read (which signs in
// again if the session expired or the server restarted and forgot it), so the new stream carries a
// token the server takes.

import { get, getToken } from './api.js';

/** Every event type the engine writes; EventSource needs a listener per event name. */
const TYPES = [
  'TreatyAdopted',
  'IncidentReported',
  'IncidentOutOfScope',
  'IncidentAwaitingCorroboration',
  'IncidentCorroborated',
  'IncidentActivated',
  'TaskingIssued',
  'ShortfallRecorded',
  'TaskingAcknowledged',
  'TaskingDeclined',
  'TaskingMobilising',
  'TaskingDelivered',
  'TaskingOverdue',
  'TaskingEscalated',
  'TaskingBreached',
  'TaskingBackfilled',
  'TaskingLate',
  'TaskingReleased',
  'ConsequenceApplied',
  'GuarantorReinstated',
  'IncidentDecisionOverdue',
  'IncidentClosed',
  'message',
];

let source = null;
let lastId = null;
let retryMs = 1000;
let retryTimer = null;
let hadError = false;
let handlers = { event: () => {}, status: () => {}, resync: () => {} };

export async function startLive(on) {
  handlers = on;
  try {
    const res = await fetch('/health', { cache: 'no-store' });
    const health = await res.json();
    if (Number.isFinite(health.events)) {
      lastId = String(health.events);
    }
  } catch {
    // Without a starting position the stream begins at "now"; the first load covers the rest.
  }
  open();
}

export function stopLive() {
  clearTimeout(retryTimer);
  if (source) {
    source.close();
    source = null;
  }
  lastId = null;
}

function open() {
  const params = new URLSearchParams({ access_token: getToken() || '' });
  if (lastId !== null) {
    params.set('lastEventId', lastId);
  }
  source = new EventSource(`/api/v1/events?${params}`);
  handlers.status('connecting');
  source.onopen = () => {
    retryMs = 1000;
    handlers.status('live');
    if (hadError) {
      hadError = false;
      handlers.resync();
    }
  };
  source.onerror = () => {
    hadError = true;
    if (source.readyState === EventSource.CLOSED) {
      handlers.status('offline');
      source.close();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(reopen, retryMs);
      retryMs = Math.min(retryMs * 2, 15000);
    } else {
      handlers.status('reconnecting');
    }
  };
  for (const type of TYPES) {
    source.addEventListener(type, receive);
  }
}

async function reopen() {
  const closed = source;
  try {
    await get('/api/v1/me');
  } catch {
    // The server is still away (or refused, and the page is signing out): the stream says so.
  }
  if (!closed || source !== closed) {
    // Stopped meanwhile (signing out), or already opened again.
    return;
  }
  open();
}

function receive(e) {
  if (e.lastEventId) {
    lastId = e.lastEventId;
  }
  let notice;
  try {
    notice = JSON.parse(e.data);
  } catch {
    notice = { type: e.type };
  }
  handlers.event(notice);
}
