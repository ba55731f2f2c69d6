// The operations picture once signed in: the views a party's role allows, and the wiring of the
// live updates that keep every view current. What a party sees and may do mirrors the API's rules
// (the server enforces them; the page only leaves out what would be refused). main.js signs in and
// loads this module (and Leaflet) only then, so the sign-in screen loads none of it.

import { get, getOptional, getPublic, ApiProblem, serverNow, signingKey } from './api.js';
import { h, replace } from './dom.js';
import { publishColours, attention, setGracePeriod } from './states.js';
import { startCountdowns } from './countdown.js';
import { words, durationMs, setVocabulary } from './format.js';
import { rememberParties } from './signin.js';
import * as map from './map.js';
import * as incidents from './incidents.js';
import * as incident from './incident.js';
import * as report from './report.js';
import * as desk from './desk.js';
import * as treaty from './treaty.js';
import * as ledger from './ledger.js';
import { startLive, stopLive } from './live.js';
import { onUpdate, queueChange } from './updates.js';
import { initExercise, resync as resyncExercise } from './exercise.js';
import * as board from './board.js';
import * as alerts from './alerts.js';

const $ = (id) => document.getElementById(id);

const ctx = {
  me: null,
  treaty: null,
  hubs: new Map(),
  threatTypes: [],
  may: { report: false, close: false, corroborate: false, desk: false },
  changed: (incidentId) => queueChange({ incident: incidentId, tasking: 'any' }),
  fail: (e) => toast(e instanceof ApiProblem ? e.message : `Something went wrong: ${e.message}`),
};

// ---- entering the picture -----------------------------------------------------------------------

/** Enters the picture as the party the session signed in. */
export async function enterAs(party) {
  const answer = await get('/api/v1/treaty');
  const me = answer.treaty.parties.find((p) => p.code === party);
  if (!me) {
    throw new Error(`The server signed this key in as ${party}, which is no party of the treaty in force.`);
  }
  rememberParties(answer.treaty.parties);
  await enter(me, answer);
}

/** Stops the live stream (before signing out). */
export function stop() {
  stopLive();
}

/** Takes in the treaty in force; true when its version differs from the one shown before. */
function adoptTreaty(answer) {
  const t = answer.treaty;
  const changed = !ctx.treaty || ctx.treaty.version !== t.version || ctx.treaty.id !== t.id;
  ctx.treaty = t;
  // The public view of the treaty has no hubs: the map then shows the territory alone.
  const hubs = t.hubs || [];
  ctx.hubs = new Map(hubs.map((x) => [x.id, x]));
  setVocabulary(answer.vocabulary);
  // The treaty's threat types in its own order; a server that sends no vocabulary, those planned for.
  ctx.threatTypes = answer.vocabulary ? answer.vocabulary.threatTypes.map((x) => x.code) : [...new Set(t.plans.map((p) => p.threat))].sort();
  setGracePeriod(durationMs(t.gracePeriod));
  $('treaty-name').textContent = t.name;
  map.setHubs(hubs);
  return changed;
}

function tabs() {
  const list = [['#/incidents', 'Operations']];
  if (ctx.may.report) {
    list.push(['#/report', 'Report a threat']);
  }
  if (ctx.may.desk) {
    list.push(['#/desk', 'Desk']);
  }
  if (ctx.may.board) {
    list.push(['#/board', 'Deadlines']);
  }
  list.push(['#/treaty', 'Treaty'], ['#/ledger', 'Ledger']);
  return list;
}

async function loadTerritory() {
  const [countries, territory] = await Promise.all([
    getPublic('/api/v1/atlas/countries').catch(() => null),
    getOptional('/api/v1/territory').catch(() => null),
  ]);
  map.setTerritory(territory);
  map.setCountries(countries, map.focusBounds());
  if (!countries || !territory) {
    map.setLegendNote(!territory ? 'Territory layer not available from this server.' : 'Base map not available from this server.');
  }
}

async function enter(me, answer) {
  ctx.me = me;
  const role = me.role;
  ctx.may = {
    report: role === 'PROTECTED' && answer.treaty.protectedState === me.code,
    close: role === 'SECRETARIAT' || (role === 'PROTECTED' && answer.treaty.protectedState === me.code),
    corroborate: role === 'GUARANTOR',
    desk: role === 'GUARANTOR',
    board: role === 'SECRETARIAT',
  };
  publishColours();
  startCountdowns();
  $('signin').hidden = true;
  $('workspace').hidden = false;
  $('session').hidden = false;
  const key = signingKey();
  replace(
    $('whoami'),
    h('span', { class: 'whoami-name', title: key ? `Signing with ${key.party}'s key "${key.label || 'officer key'}" (${key.id})` : null }, me.name),
    h('span', { class: 'role' }, words(role === 'PROTECTED' ? 'PROTECTED_STATE' : role)),
  );
  const nav = $('tabs');
  replace(nav, tabs().map(([href, label]) => h('a', { href, class: 'tab' }, label)));
  nav.hidden = false;

  alerts.initAlerts(ctx, $('alerts'));
  map.initMap($('map'), { select: onMapSelect });
  map.judgeAttention((i) => attention(i, serverNow()));
  // A handle for diagnostics in the browser console and for the browser tests, which click
  // places on the map by latitude and longitude.
  window.guarantor = { map: map.leafletMap() };
  adoptTreaty(answer);
  // A first frame from the hubs at once; the territory, when it arrives, refines it (unless the
  // user has moved the map meanwhile).
  map.frameTerritory();
  await initExercise(ctx, $('exercise'));
  for (const init of [incidents.initIncidents, incident.initIncident, report.initReport, desk.initDesk, ledger.initLedger, board.initBoard]) {
    init(ctx);
  }
  onUpdate(
    [
      async (change) => {
        // A new treaty version may bring a new territory; a reconnect rechecks, in case.
        if ((change.treaty || change.everything) && adoptTreaty(await get('/api/v1/treaty'))) {
          await loadTerritory();
        }
      },
      () => resyncExercise(),
      (change) => incidents.onChange(change),
      (change) => incident.onChange(change),
      () => desk.onChange(),
      () => treaty.onChange(),
      () => ledger.onChange(),
      () => board.onChange(),
      () => alerts.onChange(),
    ],
    ctx.fail,
  );
  // The stream's starting position is read before any data, so nothing written meanwhile is
  // missed; then the base map, the view and the incidents load side by side.
  await startLive({ event: (n) => queueChange(n), status: showLive, resync: () => queueChange({ everything: true }) });
  window.addEventListener('hashchange', () => route().catch(ctx.fail));
  // Marks for the load check: the first of view and base map is the first render.
  const firstRender = () => {
    if (!performance.getEntriesByName('guarantor:first-render').length) {
      performance.mark('guarantor:first-render');
    }
  };
  const base = loadTerritory().then(() => {
    map.frameTerritory();
    performance.mark('guarantor:base-map');
    firstRender();
  });
  const view = route().then(() => {
    performance.mark('guarantor:view');
    firstRender();
  });
  await Promise.all([base, view, incidents.loadPicture()]);
  // What is on the picture now is the alerts' baseline: only what changes after it alerts.
  alerts.onChange();
  // The desk names each tasking's incident from the picture, which may arrive after the desk.
  await desk.onChange();
  performance.mark('guarantor:interactive');
}

// ---- views --------------------------------------------------------------------------------------

let current = null;

function leave() {
  incident.leaveDetail();
  report.leaveReport();
  desk.leaveDesk();
  treaty.leaveTreaty();
  ledger.leaveLedger();
  board.leaveBoard();
  incidents.forgetPanel();
}

function showWorkspace() {
  const wasHidden = $('workspace').hidden;
  $('workspace').hidden = false;
  $('page').hidden = true;
  if (wasHidden) {
    map.refreshSize();
  }
  return $('panel');
}

function showPage() {
  $('workspace').hidden = true;
  $('page').hidden = false;
  return $('page');
}

function defaultRoute() {
  return ctx.may.desk ? '#/desk' : '#/incidents';
}

async function route() {
  const hash = location.hash || defaultRoute();
  const [, view, arg] = hash.split('/');
  const allowed = { incidents: true, report: ctx.may.report, desk: ctx.may.desk, board: ctx.may.board, treaty: true, ledger: true };
  if (!allowed[view]) {
    location.replace(defaultRoute());
    return;
  }
  for (const tab of document.querySelectorAll('#tabs .tab')) {
    tab.toggleAttribute('aria-current', tab.getAttribute('href') === `#/${view}`);
    if (tab.hasAttribute('aria-current')) {
      tab.setAttribute('aria-current', 'page');
    }
  }
  const entering = current !== view;
  if (entering) {
    leave();
  }
  current = view;
  switch (view) {
    case 'incidents':
      // List and detail share the panel: whichever was on screen must stop drawing into it.
      if (arg) {
        incidents.forgetPanel();
        await incident.renderDetail(showWorkspace(), decodeURIComponent(arg), { frame: true });
      } else {
        incident.leaveDetail();
        map.showSelection(null);
        await incidents.renderList(showWorkspace());
      }
      break;
    case 'report':
      map.showSelection(null);
      report.renderReport(showWorkspace());
      break;
    case 'desk':
      await desk.renderDesk(showWorkspace());
      if (arg) {
        await desk.showOnMap(decodeURIComponent(arg));
      } else {
        map.showSelection(null);
      }
      break;
    case 'board':
      map.showSelection(null);
      await board.renderBoard(showWorkspace());
      break;
    case 'treaty':
      await treaty.renderTreaty(showPage());
      break;
    case 'ledger':
      await ledger.renderLedger(showPage());
      break;
    default:
      break;
  }
  if (entering) {
    document.title = `Guarantor — ${document.querySelector('#tabs [aria-current]')?.textContent || 'operations'}`;
    alerts.retitle();
  }
}

function onMapSelect(id) {
  // While reporting, a click is for choosing the place; jumping away would lose the form.
  if (current === 'report') {
    return;
  }
  location.hash = ctx.may.desk && current === 'desk' ? `#/desk/${encodeURIComponent(id)}` : `#/incidents/${encodeURIComponent(id)}`;
}

// ---- live updates ----------------------------------------------------------------------------

function showLive(status) {
  const el = $('live');
  el.dataset.status = status;
  el.querySelector('.live-text').textContent = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline — retrying' }[status] || status;
}

// ---- small things -------------------------------------------------------------------------------

let toastTimer = null;

export function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 6000);
}

window.addEventListener('resize', () => map.refreshSize());
document.addEventListener('deadlinepassed', (e) => {
  queueChange({ incident: e.target.closest('[data-incident]')?.dataset.incident, type: 'DeadlinePassed' });
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && current === 'incidents' && location.hash.split('/').length > 2 && !e.target.closest('input, textarea, select')) {
    location.hash = '#/incidents';
  }
});

