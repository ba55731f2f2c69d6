// Incidents: the filtered set on the map and a paged list beside it, with filters by state, type,
// severity and time. The list pages on the server; the map holds every incident that matches the
// filters (fetched in pages of the API's maximum), so both stay quick at a thousand incidents.

import { get, query, serverNow, ApiProblem } from './api.js';
import { h, replace, select, focusMark, restoreFocus } from './dom.js';
import { INCIDENT_STATES, incidentBadge, attention, nextEvent, taskingOpen } from './states.js';
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
const filters = { state: '', type: '', severity: '', sinceHours: '', attention: false, search: '' };
/** newest (the server's order), attention (worst first), deadline (nearest next deadline first). */
let sort = 'newest';
/** Incident ids to mark as new in the list (alerts.js adds them; they fade after a while). */
const fresh = new Set();
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

/** Whether the list is drawn from the picture here rather than paged by the server. */
function local() {
  return filters.attention || filters.search !== '' || sort !== 'newest';
}

/** Incident id, region (name or code) or a tasked guarantor's code contains the text. */
function found(i, text) {
  if (!text) {
    return true;
  }
  const q = text.toLowerCase();
  const hay = [i.id, i.scope?.name, i.scope?.code, ...(i.taskings || []).map((t) => t.guarantor)];
  return hay.some((x) => x && String(x).toLowerCase().includes(q));
}

const LEVEL = { breach: 0, overdue: 1, shortfall: 2 };

function nearestDeadline(i, now) {
  let best = Infinity;
  for (const t of i.taskings || []) {
    const e = taskingOpen(t.state) ? nextEvent(t, now) : null;
    if (e) {
      best = Math.min(best, Date.parse(e.at));
    }
  }
  return best;
}

/** The incidents of the picture that pass the list's own filters, in the chosen order. */
function localPage() {
  const now = serverNow();
  let list = [...picture.values()].filter((i) => found(i, filters.search));
  if (filters.attention) {
    list = list.filter((i) => attention(i, now));
  }
  const newest = (a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt) || b.id.localeCompare(a.id);
  if (sort === 'attention') {
    const rank = (i) => {
      const a = attention(i, now);
      return a ? LEVEL[a.level] : 9;
    };
    list.sort((a, b) => rank(a) - rank(b) || nearestDeadline(a, now) - nearestDeadline(b, now) || newest(a, b));
  } else if (sort === 'deadline') {
    list.sort((a, b) => nearestDeadline(a, now) - nearestDeadline(b, now) || newest(a, b));
  } else {
    list.sort(newest);
  }
  return { total: list.length, items: list.slice(offset, offset + PAGE) };
}

/** Marks incidents as new in the list until `ms` have passed. */
export function markFresh(ids, ms = 15000) {
  for (const id of ids) {
    fresh.add(id);
    setTimeout(() => {
      fresh.delete(id);
      document.querySelector(`.incident-row[data-id="${CSS.escape(id)}"]`)?.classList.remove('is-new');
    }, ms);
  }
}

/** Draws the list again if it is on screen (new rows to mark). */
export async function repaintList() {
  if (panel && panel.isConnected) {
    await renderList(panel, { keepScroll: true });
  }
}

/** Every incident of the picture (what the map holds). */
export function pictureIncidents() {
  return [...picture.values()];
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
    const loading = loadPicture();
    // A list drawn from the picture waits for it; a server-paged one need not.
    (local() ? loading.then(() => renderList(panel)) : Promise.all([loading, renderList(panel)])).catch(ctx.fail);
  };
  const labelled = (text, control) => h('label', { class: 'filter' }, h('span', {}, text), control);
  const search = h('input', {
    type: 'search',
    name: 'search',
    id: 'incident-search',
    value: filters.search,
    placeholder: 'INC-…, region, guarantor',
    autocomplete: 'off',
  });
  let typing = null;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      filters.search = search.value.trim();
      offset = 0;
      renderList(panel).catch(ctx.fail);
    }, 200);
  });
  return h(
    'form',
    { class: 'filters', 'aria-label': 'Filter incidents', onsubmit: (e) => e.preventDefault() },
    h('label', { class: 'filter filter-search' }, h('span', {}, 'Search'), search),
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
    labelled(
      'Order',
      select(
        {
          name: 'sort',
          onchange: (e) => {
            sort = e.target.value;
            offset = 0;
            renderList(panel).catch(ctx.fail);
          },
        },
        [
          ['newest', 'Newest first'],
          ['attention', 'Needs attention first'],
          ['deadline', 'Next deadline first'],
        ],
        sort,
      ),
    ),
    h(
      'label',
      { class: 'filter filter-check' },
      h('input', {
        type: 'checkbox',
        name: 'attention',
        checked: filters.attention,
        onchange: (e) => {
          filters.attention = e.target.checked;
          offset = 0;
          renderList(panel).catch(ctx.fail);
          map.onlyAttention(filters.attention);
        },
      }),
      h('span', {}, 'Needs attention only'),
    ),
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
  const needs = attention(i, serverNow());
  return h(
    'li',
    {},
    h(
      'a',
      {
        class: ['incident-row', needs && 'needs-attention', needs && `attention-${needs.level}`, fresh.has(i.id) && 'is-new'],
        href: `#/incidents/${encodeURIComponent(i.id)}`,
        style: { '--state': `var(--incident-${i.state})` },
        'aria-current': map.selectedIncident() === i.id ? 'true' : null,
        dataset: { id: i.id, state: i.state, attention: needs ? needs.level : 'none' },
      },
      h(
        'span',
        { class: 'row-top' },
        h('span', { class: 'row-id' }, i.id),
        fresh.has(i.id) ? h('span', { class: 'new-flag' }, 'New') : null,
        incidentBadge(i.state),
      ),
      needs ? h('span', { class: 'row-attention' }, `⚠ Needs attention: ${needs.text}`) : null,
      h('span', { class: 'row-what' }, `${words(i.type)} · severity ${i.severity}`, place ? ` · ${place}` : ''),
      h('span', { class: 'row-meta' }, h('span', {}, `Reported ${time(i.reportedAt)}`), taskingSummary(i)),
    ),
  );
}

export async function renderList(target, { keepScroll = false } = {}) {
  panel = target;
  const scroll = keepScroll ? target.scrollTop : 0;
  const page = local() ? localPage() : await get(`/api/v1/incidents${query({ ...apiFilters(), limit: PAGE, offset })}`);
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
      ? h('ol', { class: 'incident-list', 'aria-label': `Incidents, ${{ newest: 'newest first', attention: 'those needing attention first', deadline: 'nearest deadline first' }[sort]}` }, page.items.map(row))
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
