// Report a threat (the protected state's "call"). A click on the map sets the place and asks the
// server at once whether it is covered; filing shows the answer the server recorded and the
// taskings that resulted. The idempotency key is kept until the server has answered, so pressing
// "File" again after a dropped connection can never file the same threat twice; after a success
// the form is locked with that key until the officer asks for a new report, so a second click
// (or a double click) sends the same key and the server answers with the same incident.

import { post, getOptional, query, ApiProblem } from './api.js';
import { h, replace, select, field } from './dom.js';
import { words, quantity, time } from './format.js';
import { incidentBadge } from './states.js';
import { taskingCard } from './tasking.js';
import * as map from './map.js';

let ctx;
let form = null;
let key = null;
let checkAvailable = true;
let checkSeq = 0;
/** A filing in flight: a second submit meanwhile sends nothing. */
let filing = false;
/** The incident the current key filed: the form stays locked on it until "New report". */
let filed = null;

export function initReport(context) {
  ctx = context;
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `r-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** datetime-local value for now, in UTC (the form says so). */
function nowUtcLocal() {
  return new Date().toISOString().slice(0, 16);
}

export function renderReport(panel) {
  key = key || newKey();
  const lat = h('input', { id: 'r-lat', name: 'lat', type: 'number', step: 'any', min: -90, max: 90, required: true, inputmode: 'decimal' });
  const lon = h('input', { id: 'r-lon', name: 'lon', type: 'number', step: 'any', min: -180, max: 180, required: true, inputmode: 'decimal' });
  const scope = h('div', { id: 'scope-preview', class: 'scope-answer', role: 'status', 'aria-live': 'polite' }, 'Click the map to set the place, or type its coordinates.');
  const types = ctx.threatTypes.map((t) => [t, words(t)]);
  const result = h('div', { id: 'report-result', class: 'report-result' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });

  form = h(
    'form',
    { class: 'report-form', novalidate: true, 'aria-labelledby': 'report-title', onsubmit: submit },
    formError,
    field('Threat type', select({ id: 'r-type', name: 'type', required: true }, [['', 'Choose…'], ...types], '')),
    field('Severity', select({ id: 'r-severity', name: 'severity', required: true }, [['', 'Choose…'], ...[1, 2, 3, 4, 5].map((s) => [String(s), String(s)])], ''), {
      hint: '1 is the lowest, 5 the highest; the treaty’s plan for the type and severity decides what is sent.',
    }),
    h(
      'fieldset',
      { class: 'coords', id: 'r-location' },
      h('legend', {}, 'Place'),
      field('Latitude', lat),
      field('Longitude', lon),
      h('p', { class: 'field-error', id: 'r-location-error', hidden: true }),
    ),
    scope,
    field('Observed at (UTC)', h('input', { id: 'r-observed', name: 'observedAt', type: 'datetime-local', required: true, value: nowUtcLocal() })),
    field('Description', h('textarea', { id: 'r-description', name: 'description', rows: 3, maxlength: 2000 })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'r-submit' }, 'File the report'),
      h('button', { type: 'button', class: 'btn', id: 'r-new', hidden: true, onclick: newReport }, 'New report'),
    ),
  );

  const onCoords = () => {
    if (lat.value !== '' && lon.value !== '') {
      preview(Number(lat.value), Number(lon.value));
    }
  };
  lat.addEventListener('change', onCoords);
  lon.addEventListener('change', onCoords);

  replace(
    panel,
    h('div', { class: 'panel-head' }, h('h1', { id: 'report-title' }, 'Report a threat')),
    h('p', { class: 'lede' }, 'Everything here goes to the coordination centre and to the guarantors tasked.'),
    form,
    result,
  );
  if (filed) {
    lock(filed);
    showResult(filed);
  }
  map.pickWith((latlng) => {
    if (filed) {
      return;
    }
    lat.value = latlng.lat.toFixed(4);
    lon.value = latlng.lng.toFixed(4);
    preview(latlng.lat, latlng.lng);
  });
}

export function leaveReport() {
  map.pickWith(null);
  form = null;
}

/** Shows the point and the server's immediate scope answer for it. */
async function preview(lat, lon) {
  const box = document.getElementById('scope-preview');
  if (!box || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return;
  }
  clearError('location');
  map.showPick(lat, lon, null);
  if (!checkAvailable) {
    box.className = 'scope-answer';
    box.textContent = `${lat.toFixed(4)}, ${lon.toFixed(4)} — scope is judged when the report is filed.`;
    return;
  }
  const seq = ++checkSeq;
  box.className = 'scope-answer is-pending';
  box.textContent = 'Checking the covered territory…';
  // The territory in force when the threat was observed decides, as it will when filed.
  const observed = document.getElementById('r-observed')?.value;
  const at = observed ? new Date(`${observed}Z`).toISOString() : '';
  let answer;
  try {
    answer = await getOptional(`/api/v1/territory/check${query({ lat, lon, at })}`);
  } catch (e) {
    if (seq === checkSeq) {
      box.className = 'scope-answer';
      box.textContent = `Could not check the place: ${e.message}`;
    }
    return;
  }
  if (seq !== checkSeq) {
    return;
  }
  if (answer === null) {
    checkAvailable = false;
    return preview(lat, lon);
  }
  map.showPick(lat, lon, answer.inScope);
  box.className = `scope-answer ${answer.inScope ? 'is-in' : 'is-out'}`;
  replace(box, h('strong', {}, answer.inScope ? 'In scope' : 'Out of scope'), ` — ${answer.explanation}`);
}

function clearErrors() {
  for (const el of form.querySelectorAll('.field-error, .form-error')) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
  }
}

function clearError(name) {
  const el = document.getElementById(FIELD_IDS[name] ? `${FIELD_IDS[name]}-error` : '');
  if (el) {
    el.hidden = true;
  }
}

/** API paths → the form control whose message slot shows them. */
const FIELD_IDS = {
  type: 'r-type',
  severity: 'r-severity',
  location: 'r-location',
  lat: 'r-lat',
  lon: 'r-lon',
  observedAt: 'r-observed',
  description: 'r-description',
};

function showProblem(problem) {
  const general = [];
  for (const err of problem.errors.length ? problem.errors : [{ path: '', message: problem.message }]) {
    const parts = (err.path || '').split('/').filter(Boolean);
    const name = parts[0] === 'location' && parts[1] ? parts[1] : parts[0];
    const id = FIELD_IDS[name];
    const slot = id && document.getElementById(`${id}-error`);
    if (slot) {
      slot.textContent = slot.hidden ? err.message : `${slot.textContent}; ${err.message}`;
      slot.hidden = false;
      document.getElementById(id)?.setAttribute('aria-invalid', 'true');
    } else {
      general.push(err.message);
    }
  }
  const top = form.querySelector('.form-error');
  if (general.length) {
    top.textContent = general.join('; ');
    top.hidden = false;
  }
  const bad = form.querySelector('[aria-invalid="true"]');
  (bad?.matches('fieldset') ? bad.querySelector('input') : bad)?.focus();
}

/**
 * After a success the form shows what was filed and takes no new input: filing again would send
 * the same key (the server answers with the same incident); "New report" starts a new call.
 */
function lock(incident) {
  if (!form) {
    return;
  }
  for (const el of form.querySelectorAll('input, select, textarea')) {
    el.disabled = true;
  }
  const button = document.getElementById('r-submit');
  button.disabled = true;
  button.textContent = `Filed as ${incident.id}`;
  form.classList.add('is-filed');
  const again = document.getElementById('r-new');
  again.hidden = false;
}

/** Clears the form for the next call, with a new idempotency key. */
function newReport() {
  filed = null;
  key = newKey();
  const panel = form?.closest('.panel, .page');
  if (panel) {
    renderReport(panel);
    document.getElementById('r-type')?.focus();
  }
}

async function submit(e) {
  e.preventDefault();
  if (filing) {
    return;
  }
  if (filed) {
    // The form is locked on a filed report; if a submit still comes (a script, a stale click), it
    // carries the same key, and the server answers with the incident it already recorded.
    filing = true;
    try {
      showResult(await post('/api/v1/reports', { ...filed.body, key }));
    } catch (err) {
      ctx.fail(err);
    } finally {
      filing = false;
    }
    return;
  }
  clearErrors();
  const v = (id) => document.getElementById(id).value.trim();
  const observed = v('r-observed');
  const body = {
    key,
    type: v('r-type') || null,
    severity: v('r-severity') ? Number(v('r-severity')) : null,
    location: v('r-lat') === '' && v('r-lon') === '' ? null : { lat: v('r-lat') === '' ? null : Number(v('r-lat')), lon: v('r-lon') === '' ? null : Number(v('r-lon')) },
    observedAt: observed ? new Date(`${observed}Z`).toISOString() : null,
    description: v('r-description') || null,
  };
  const button = document.getElementById('r-submit');
  button.disabled = true;
  button.textContent = 'Filing…';
  filing = true;
  try {
    const incident = await post('/api/v1/reports', body);
    // The key stays with this report: only "New report" makes a new one.
    filed = { ...incident, body };
    showResult(incident);
    lock(incident);
    ctx.changed(incident.id);
  } catch (err) {
    if (err instanceof ApiProblem) {
      showProblem(err);
      if (err.status < 500) {
        // The server refused this content: a corrected report is a new call with a new key.
        key = newKey();
      }
    } else {
      showProblem({ errors: [], message: `The server did not answer (${err.message}). Filing again is safe: it cannot be recorded twice.` });
    }
  } finally {
    filing = false;
    if (!filed) {
      button.disabled = false;
      button.textContent = 'File the report';
    }
  }
}

function showResult(i) {
  const box = document.getElementById('report-result');
  if (!box) {
    return;
  }
  const taskings = i.taskings || [];
  replace(
    box,
    h(
      'section',
      { class: 'section result', 'aria-labelledby': 'result-title' },
      h('div', { class: 'detail-head' }, h('h2', { id: 'result-title' }, `Filed as ${i.id}`), incidentBadge(i.state)),
      i.scope
        ? h('p', { class: ['scope-answer', i.scope.inScope ? 'is-in' : 'is-out'] }, h('strong', {}, i.scope.inScope ? 'In scope' : 'Out of scope'), ` — ${i.scope.explanation}`)
        : null,
      i.activatedAt ? h('p', {}, `Activated at ${time(i.activatedAt)}: ${taskings.length} tasking${taskings.length === 1 ? '' : 's'} issued.`) : null,
      h('div', { class: 'tasking-list' }, taskings.map((t) => taskingCard(t, { hubs: ctx.hubs }))),
      i.shortfalls?.length
        ? h('ul', { class: 'shortfalls' }, i.shortfalls.map((s) => h('li', {}, `Line ${s.line}: ${quantity(s.missing, s.unit)} ${words(s.capability).toLowerCase()} not covered — ${s.reason}`)))
        : null,
      h('a', { class: 'btn', href: `#/incidents/${encodeURIComponent(i.id)}` }, 'Open the incident'),
    ),
  );
  box.scrollIntoView({ block: 'start', behavior: 'smooth' });
  if (i.point) {
    map.showPick(i.point.lat, i.point.lon, i.scope ? i.scope.inScope : null);
  }
}
