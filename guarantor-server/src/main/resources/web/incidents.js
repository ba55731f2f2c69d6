// Incidents: the filtered set on the map and a paged list beside it, with filters by state, type,
// severity and time. The list pages on the server; the map holds every incident that matches the
// filters (fetched in pages of the API's maximum), so both stay quick at a thousand incidents.

import { get, query, serverNow, ApiProblem } from './api.js';
import { h, replace, select, focusMark, restoreFocus } from './dom.js';
import { INCIDENT_STATES, incidentBadge } from './states.js';
import { words, time, number } from './format.js';
import * as map from './map.js';

const PAGE = 50;
const MAP_PAGE = 1000;
const SINCE = [
  ['', 'Any'],
  ['1', 'Last hour'],
  ['24', 'Last 24 h'],
  ['168', 'Last 7 days'],
  ['720', 'Last 30 days'],
];

let ctx;
const filters = { state: '', type: '', severity: '', sinceHours: '' };
let offset = 0;
let picture = new Map();
let panel = null;

export function initIncidents(context) {
  ctx = context;
}

function sinceIso() {
  return filters.sinceHours ? new Date(serverNow() - Number(filters.sinceHours) * 3600000).toISOString() : '';
}

function matches(i) {
  return (
    (!filters.state || i.state === filters.state) &&
    (!filters.type || i.type === filters.type) &&
    (!filters.severity || String(i.severity) === filters.severity) &&
    (!filters.sinceHours || Date.parse(i.reportedAt) >= Date.parse(sinceIso()))
  );
}

function apiFilters() {
  return { state: filters.state, type: filters.type, severity: filters.severity, since: sinceIso() };
}

// ---- the picture: every matching incident on the map ------------------------------------------

/** Loads every incident matching the filters onto the map. */
export async function loadPicture() {
  const all = [];
  for (let at = 0; ; at += MAP_PAGE) {
    const page = await get(`/api/v1/incidents${query({ ...apiFilters(), limit: MAP_PAGE, offset: at })}`);
    all.push(...page.items);
    if (page.items.length < MAP_PAGE || all.length >= page.total) {
      break;
    }
  }
  picture = new Map(all.map((i) => [i.id, i]));
  map.setIncidents(all);
  if (ctx.me.role === 'OBSERVER') {
    map.setLegendNote('Observers see no places: incidents are listed, not mapped.');
  }
}

/** The incident as last fetched for the map, if it is on it. */
export function cachedIncident(id) {
  return picture.get(id);
}

/** Keeps the map current with an incident fetched elsewhere (its detail view). */
export function notePicture(incident) {
  if (picture.has(incident.id)) {
    picture.set(incident.id, incident);
    map.upsertIncident(incident);
  }
}

async function refreshOne(id) {
  try {
    const incident = await get(`/api/v1/incidents/${encodeURIComponent(id)}`);
    if (matches(incident)) {
      picture.set(id, incident);
      map.upsertIncident(incident);
    } else {
      picture.delete(id);
      map.removeIncident(id);
    }
    return incident;
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) {
      picture.delete(id);
      map.removeIncident(id);
      return null;
    }
    throw e;
  }
}

/**
 * After live events: refetch the incidents they name (or everything after a reconnect or a burst),
 * then the list page if it is on screen.
 */
export async function onChange({ incidents, everything }) {
  if (everything || incidents.size > 40) {
    await loadPicture();
  } else {
    await Promise.all([...incidents].map(refreshOne));
  }
  if (panel && panel.isConnected) {
    await renderList(panel, { keepScroll: true });
  }
}

// ---- list -----------------------------------------------------------------------------------------

function filterBar() {
  const types = ctx.threatTypes.map((t) => [t, words(t)]);
  const onChangeFilter = (key) => (e) => {
    filters[key] = e.target.value;
    offset = 0;
    renderList(panel);
    loadPicture().catch(ctx.fail);
  };
  const labelled = (text, control) => h('label', { class: 'filter' }, h('span', {}, text), control);
  return h(
    'form',
    { class: 'filters', 'aria-label': 'Filter incidents', onsubmit: (e) => e.preventDefault() },
    labelled(
      'State',
      select({ name: 'state', onchange: onChangeFilter('state') }, [['', 'All'], ...Object.entries(INCIDENT_STATES).map(([k, s]) => [k, s.label])], filters.state),
    ),
    labelled('Type', select({ name: 'type', onchange: onChangeFilter('type') }, [['', 'All'], ...types], filters.type)),
    labelled(
      'Severity',
      select({ name: 'severity', onchange: onChangeFilter('severity') }, [['', 'Any'], ...[1, 2, 3, 4, 5].map((s) => [String(s), `S${s}`])], filters.severity),
    ),
    labelled('Reported', select({ name: 'since', onchange: onChangeFilter('sinceHours') }, SINCE, filters.sinceHours)),
  );
}

function taskingSummary(i) {
  const ts = i.taskings || [];
  if (!ts.length) {
    return null;
  }
  const overdue = ts.filter((t) => t.state === 'OVERDUE').length;
  return h(
    'span',
    { class: ['row-taskings', overdue && 'has-overdue'] },
    `${ts.length} tasking${ts.length === 1 ? '' : 's'}`,
    overdue ? ` · ⚠ ${overdue} overdue` : '',
  );
}

function placeOf(i) {
  if (!i.scope) {
    return null;
  }
  return i.scope.name ? `${i.scope.name}${i.scope.code ? ` (${i.scope.code})` : ''}` : 'outside any territory';
}

function row(i) {
  const place = placeOf(i);
  return h(
    'li',
    {},
    h(
      'a',
      {
        class: 'incident-row',
        href: `#/incidents/${encodeURIComponent(i.id)}`,
        style: { '--state': `var(--incident-${i.state})` },
        'aria-current': map.selectedIncident() === i.id ? 'true' : null,
        dataset: { id: i.id, state: i.state },
      },
      h('span', { class: 'row-top' }, h('span', { class: 'row-id' }, i.id), incidentBadge(i.state)),
      h('span', { class: 'row-what' }, `${words(i.type)} · severity ${i.severity}`, place ? ` · ${place}` : ''),
      h('span', { class: 'row-meta' }, h('span', {}, `Reported ${time(i.reportedAt)}`), taskingSummary(i)),
    ),
  );
}

export async function renderList(target, { keepScroll = false } = {}) {
  panel = target;
  const scroll = keepScroll ? target.scrollTop : 0;
  const page = await get(`/api/v1/incidents${query({ ...apiFilters(), limit: PAGE, offset })}`);
  if (panel !== target) {
    return;
  }
  if (page.total > 0 && offset >= page.total) {
    offset = Math.max(0, Math.floor((page.total - 1) / PAGE) * PAGE);
    return renderList(target, { keepScroll });
  }
  const last = Math.min(offset + page.items.length, page.total);
  const focus = focusMark(target);
  replace(
    target,
    h(
      'div',
      { class: 'panel-head' },
      h('h1', {}, 'Incidents'),
      h('span', { class: 'count', 'aria-label': `${page.total} incidents` }, number(page.total)),
      ctx.may.report ? h('a', { class: 'btn btn-primary', href: '#/report' }, 'Report a threat') : null,
    ),
    filterBar(),
    page.items.length
      ? h('ol', { class: 'incident-list', 'aria-label': 'Incidents, newest first' }, page.items.map(row))
      : h('p', { class: 'empty' }, 'No incidents match these filters.'),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', class: 'btn', disabled: offset === 0, onclick: () => turn(-PAGE) }, '← Newer'),
      h('span', {}, page.total ? `${number(offset + 1)}–${number(last)} of ${number(page.total)}` : ''),
      h('button', { type: 'button', class: 'btn', disabled: last >= page.total, onclick: () => turn(PAGE) }, 'Older →'),
    ),
  );
  target.scrollTop = scroll;
  restoreFocus(target, focus);
}

function turn(delta) {
  offset = Math.max(0, offset + delta);
  renderList(panel).then(() => panel.querySelector('.incident-list a')?.focus());
}

export function forgetPanel() {
  panel = null;
}
