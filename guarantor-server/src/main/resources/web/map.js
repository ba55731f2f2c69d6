// The operations map. No tile server: the base map is country outlines that our own server sends
// as GeoJSON, so the page works offline and asks no other host for anything. Incidents and lines
// are drawn on canvas (preferCanvas) so a thousand markers stay smooth; only the few excluded
// regions are SVG, because canvas cannot fill with the hatch pattern that sets them apart.

import { h } from './dom.js';
import { INCIDENT_STATES, incidentColour, taskingColour } from './states.js';
import { words, quantity } from './format.js';

const L = window.L;

/** Most urgent first: a hub's line takes the colour of its most urgent tasking. */
const URGENCY = ['OVERDUE', 'ISSUED', 'ACKNOWLEDGED', 'MOBILISING', 'PARTIALLY_DELIVERED', 'DELIVERED', 'LATE', 'BREACHED', 'DECLINED', 'RELEASED', 'WITHDRAWN'];

let map;
let countryCanvas;
let territoryCanvas;
let topCanvas;
let exclusionSvg;
const layers = {};
const markers = new Map();
let hubs = new Map();
let selectedId = null;
let onSelect = () => {};
let onPick = null;
let territoryBounds = null;
let exclusionLayers = [];
/** Set once a selection has been framed: the opening frame must not undo it. */
let framedSelection = false;
/** The view this module last chose by itself; if it changed since, someone moved the map. */
let autoView = null;

export function initMap(el, { select }) {
  onSelect = select;
  map = L.map(el, {
    preferCanvas: true,
    minZoom: 3,
    maxZoom: 12,
    zoomSnap: 0.25,
    worldCopyJump: false,
    keyboard: true,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Boundaries: Natural Earth (public domain)');
  // Panes keep the drawing order whatever order the data arrives in: countries, then the
  // territory, then exclusions, then incidents and lines (Leaflet's overlay pane, 400).
  map.createPane('countries').style.zIndex = 200;
  map.createPane('territory').style.zIndex = 250;
  map.createPane('exclusions').style.zIndex = 350;
  countryCanvas = L.canvas({ pane: 'countries', padding: 0.3 });
  territoryCanvas = L.canvas({ pane: 'territory', padding: 0.3 });
  exclusionSvg = L.svg({ pane: 'exclusions', padding: 0.3 });
  topCanvas = L.canvas({ padding: 0.3 });
  for (const name of ['countries', 'covered', 'excluded', 'lines', 'incidents', 'selection', 'hubs', 'pick']) {
    layers[name] = L.layerGroup().addTo(map);
  }
  map.on('click', (e) => {
    if (onPick) {
      onPick(e.latlng);
    }
  });
  // Any view will do until the treaty's hubs and territory frame the map.
  map.setView([0, 0], 3);
  map.on('zoomend', labelExclusions);
  map.on('zoomend', redrawIncidents);
  legend().addTo(map);
  return map;
}

export function leafletMap() {
  return map;
}

/** Redraws after the container changed size (view switch, window resize). */
export function refreshSize() {
  if (map) {
    map.invalidateSize({ pan: false });
  }
}

// ---- base layers --------------------------------------------------------------------------------

/** [west, south, east, north] of a GeoJSON geometry. */
function bbox(geometry) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else {
      c.forEach(walk);
    }
  };
  walk(geometry.coordinates);
  return b;
}

/**
 * The base map. Only countries near the treaty's territory and hubs are drawn (`focus`, a
 * Leaflet bounds): the rest of the world would cost time to draw and never be looked at.
 */
export function setCountries(geojson, focus) {
  layers.countries.clearLayers();
  if (!geojson) {
    return;
  }
  const near = (f) => {
    if (!focus || !f.geometry) {
      return Boolean(f.geometry);
    }
    const [w, s, e, n] = bbox(f.geometry);
    return focus.intersects(L.latLngBounds([s, w], [n, e]));
  };
  L.geoJSON(geojson.features.filter(near), {
    renderer: countryCanvas,
    interactive: false,
    style: countryStyle,
  }).addTo(layers.countries);
}

/** Canvas cannot read CSS: the theme's map colours come from its custom properties. */
function cssColour(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function countryStyle() {
  return { color: cssColour('--map-border', '#9aa5b1'), weight: 0.8, fillColor: cssColour('--map-land', '#f7f5f0'), fillOpacity: 1 };
}

document.addEventListener('themechange', () => {
  if (!map) {
    return;
  }
  layers.countries.eachLayer((g) => g.setStyle?.(countryStyle));
  redrawIncidents();
});

/** Covered territory (teal) and excluded regions (hatched red), from GET /api/v1/territory. */
export function setTerritory(geojson) {
  layers.covered.clearLayers();
  layers.excluded.clearLayers();
  territoryBounds = null;
  if (!geojson || !Array.isArray(geojson.features)) {
    return;
  }
  const kind = (f) => f.properties?.kind;
  const covered = geojson.features.filter((f) => kind(f) !== 'excluded' && kind(f) !== 'waters');
  const waters = geojson.features.filter((f) => kind(f) === 'waters');
  const excluded = geojson.features.filter((f) => kind(f) === 'excluded');
  L.geoJSON(waters, {
    renderer: territoryCanvas,
    interactive: false,
    style: { color: '#0f766e', weight: 1, dashArray: '4 3', fillColor: '#14b8a6', fillOpacity: 0.08 },
  }).addTo(layers.covered);
  const coveredLayer = L.geoJSON(covered, {
    renderer: territoryCanvas,
    interactive: false,
    style: { color: '#0f766e', weight: 1.6, fillColor: '#14b8a6', fillOpacity: 0.2 },
  }).addTo(layers.covered);
  const excludedLayer = L.geoJSON(excluded, {
    renderer: exclusionSvg,
    interactive: false,
    style: { color: '#b42318', weight: 1.6, fillColor: 'url(#hatch-excluded)', fillOpacity: 0.75 },
    onEachFeature: (f, layer) => {
      const p = f.properties || {};
      layer.bindTooltip(`Excluded: ${p.name || p.code || ''}`, {
        permanent: true,
        direction: 'center',
        className: 'excluded-label',
      });
    },
  }).addTo(layers.excluded);
  exclusionLayers = excludedLayer.getLayers();
  if (coveredLayer.getLayers().length) {
    // The frame holds the covered territory and the excluded regions: both are the treaty's.
    territoryBounds = coveredLayer.getBounds();
    if (exclusionLayers.length) {
      territoryBounds.extend(excludedLayer.getBounds());
    }
  }
  labelExclusions();
}

/** Names an excluded region only when it is drawn wide enough to carry its label. */
function labelExclusions() {
  for (const layer of exclusionLayers) {
    const b = layer.getBounds();
    const width = map.latLngToLayerPoint(b.getNorthEast()).x - map.latLngToLayerPoint(b.getSouthWest()).x;
    if (width > 90) {
      layer.openTooltip();
    } else {
      layer.closeTooltip();
    }
  }
}

/** Where the treaty acts: its territory and its hubs, with room around them. */
export function focusBounds() {
  const b = L.latLngBounds([]);
  if (territoryBounds && territoryBounds.isValid()) {
    b.extend(territoryBounds);
  }
  for (const hub of hubs.values()) {
    b.extend([hub.lat, hub.lon]);
  }
  return b.isValid() ? b.pad(1) : null;
}

export function setHubs(list) {
  hubs = new Map(list.map((hub) => [hub.id, hub]));
  layers.hubs.clearLayers();
  for (const hub of list) {
    L.marker([hub.lat, hub.lon], {
      // Leaflet positions the icon element with a transform, so the diamond is an inner span.
      icon: L.divIcon({ className: 'hub-icon', iconSize: [16, 16], html: '<span></span>' }),
      title: `Hub ${hub.name} (${hub.country})`,
      alt: `Hub ${hub.name}`,
      keyboard: true,
    })
      .bindTooltip(hub.name, { permanent: true, direction: 'right', offset: [8, 0], className: 'hub-name' })
      .addTo(layers.hubs);
  }
}

/**
 * Frames the covered territory, or failing that whatever is on the map. Programmatic moves are not
 * animated: Leaflet drops a second move made while a zoom animation runs.
 */
export function frameTerritory() {
  const moved = autoView && (autoView.zoom !== map.getZoom() || !autoView.center.equals(map.getCenter()));
  if (framedSelection || moved) {
    return;
  }
  if (territoryBounds && territoryBounds.isValid()) {
    // Beside an open legend, not under it.
    const legendEl = document.getElementById('map-legend');
    const left = legendEl?.open ? legendEl.offsetWidth + 16 : 24;
    map.fitBounds(territoryBounds, { paddingTopLeft: [left, 24], paddingBottomRight: [24, 24], animate: false });
  } else {
    const points = [...hubs.values()].map((hub) => [hub.lat, hub.lon]);
    for (const i of incidentData.values()) {
      points.push([i.point.lat, i.point.lon]);
    }
    if (points.length) {
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 6, animate: false });
    }
  }
  autoView = { zoom: map.getZoom(), center: map.getCenter() };
}

// ---- incidents ----------------------------------------------------------------------------------
//
// Incidents closer on screen than CLUSTER_PX are drawn as one group with their count (those at
// the same spot never separate, however far one zooms). The grouping is redone after each zoom;
// a thousand incidents cost one pass over a grid. An incident that needs attention (breached or
// overdue taskings, shortfalls) is drawn larger, last, with a heavy dark ring; a group that holds
// one is ringed too.

const CLUSTER_PX = 22;
/** Drawing order: open incidents last, so closed and out-of-scope ones never hide them. */
const DRAW_ORDER = ['OUT_OF_SCOPE', 'STOOD_DOWN', 'RESOLVED', 'AWAITING_CORROBORATION', 'ACTIVATED'];
const ATTENTION_RING = { breach: '#450a0a', overdue: '#7f1d1d', shortfall: '#78350f' };
const incidentData = new Map();
let attentionOf = () => null;
let attentionOnly = false;

function tooltip(incident) {
  const where = incident.scope?.name ? ` · ${incident.scope.name}` : '';
  const needs = attentionOf(incident);
  return `${incident.id} · ${words(incident.type)} S${incident.severity} · ${INCIDENT_STATES[incident.state]?.label || incident.state}${where}${needs ? ` · ⚠ ${needs.text}` : ''}`;
}

function radiusOf(incident) {
  return 6 + incident.severity;
}

function style(incident) {
  const needs = attentionOf(incident);
  return {
    renderer: topCanvas,
    radius: radiusOf(incident) + (needs ? 3 : 0),
    color: needs ? ATTENTION_RING[needs.level] : '#ffffff',
    weight: needs ? 4 : 2,
    fillColor: incidentColour(incident.state),
    fillOpacity: 0.95,
    // A click on an incident selects it; it must not also count as picking a place to report.
    bubblingMouseEvents: false,
  };
}

/** How incidents are judged to need attention (states.js's attention, at the page's clock). */
export function judgeAttention(fn) {
  attentionOf = fn;
}

/** Shows only the incidents that need attention. */
export function onlyAttention(on) {
  attentionOnly = on;
  redrawIncidents();
}

/** Replaces every incident; incidents without a point (observers' summaries) are not drawn. */
export function setIncidents(list) {
  incidentData.clear();
  for (const incident of list) {
    if (incident.point) {
      incidentData.set(incident.id, incident);
    }
  }
  redrawIncidents();
}

export function upsertIncident(incident) {
  if (incident.point) {
    incidentData.set(incident.id, incident);
  } else {
    incidentData.delete(incident.id);
  }
  redrawIncidents();
}

export function removeIncident(id) {
  if (incidentData.delete(id)) {
    redrawIncidents();
  }
}

/** Drawing rank: the higher, the later (on top). Those needing attention go last, worst last. */
function rank(incident) {
  const needs = attentionOf(incident);
  return needs ? 10 + ['shortfall', 'overdue', 'breach'].indexOf(needs.level) : DRAW_ORDER.indexOf(incident.state);
}

/** Groups the incidents by where they fall on screen at the current zoom. */
function groups() {
  const cells = new Map();
  const out = [];
  const list = [...incidentData.values()].filter((i) => !attentionOnly || attentionOf(i));
  list.sort((a, b) => rank(a) - rank(b));
  for (const incident of list) {
    const p = map.project([incident.point.lat, incident.point.lon], map.getZoom());
    const key = `${Math.floor(p.x / CLUSTER_PX)}:${Math.floor(p.y / CLUSTER_PX)}`;
    let g = cells.get(key);
    if (!g) {
      g = { members: [] };
      cells.set(key, g);
      out.push(g);
    }
    g.members.push(incident);
  }
  return out;
}

function redrawIncidents() {
  if (!map) {
    return;
  }
  layers.incidents.clearLayers();
  markers.clear();
  for (const g of groups()) {
    if (g.members.length === 1) {
      drawIncident(g.members[0]);
    } else {
      drawGroup(g.members);
    }
  }
}

function drawIncident(incident) {
  const marker = L.circleMarker([incident.point.lat, incident.point.lon], style(incident))
    .bindTooltip(tooltip(incident), { direction: 'top', offset: [0, -8] })
    .on('click', (e) => {
      // While reporting, a click picks the place, also on an incident already there (the same
      // town can be struck twice); otherwise it selects the incident.
      if (onPick) {
        onPick(e.latlng);
      } else {
        onSelect(incident.id);
      }
    });
  markers.set(incident.id, marker);
  marker.addTo(layers.incidents);
}

/** A group: its count in a circle coloured by its most pressing member. */
function drawGroup(members) {
  const lead = members[members.length - 1];
  const needs = members.map((m) => attentionOf(m)).filter(Boolean);
  const lat = members.reduce((a, m) => a + m.point.lat, 0) / members.length;
  const lon = members.reduce((a, m) => a + m.point.lon, 0) / members.length;
  const samePlace = members.every((m) => m.point.lat === members[0].point.lat && m.point.lon === members[0].point.lon);
  const size = members.length < 10 ? 30 : members.length < 100 ? 36 : 42;
  const label = `${members.length} incidents${needs.length ? `, ${needs.length} needing attention` : ''}`;
  const icon = L.divIcon({
    className: ['incident-group', needs.length && 'needs-attention'].filter(Boolean).join(' '),
    iconSize: [size, size],
    html: '',
  });
  const marker = L.marker([lat, lon], { icon, title: label, alt: label, keyboard: true, bubblingMouseEvents: false });
  marker.on('add', () => {
    const el = marker.getElement();
    const inner = h('span', { class: 'incident-group-count', style: { '--group': incidentColour(lead.state) } }, String(members.length));
    el.replaceChildren(inner);
    el.dataset.count = String(members.length);
    el.dataset.ids = members.map((m) => m.id).join(' ');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', label);
  });
  marker.on('click', (e) => {
    if (onPick) {
      onPick(e.latlng);
      return;
    }
    if (samePlace || map.getZoom() >= map.getMaxZoom()) {
      // They never separate: list them, each a link to its incident.
      L.popup({ className: 'group-popup', maxHeight: 260 })
        .setLatLng([lat, lon])
        .setContent(
          h(
            'div',
            {},
            h('strong', {}, `${members.length} incidents here`),
            h(
              'ul',
              { class: 'plain' },
              [...members].reverse().map((m) =>
                h('li', {}, h('a', { href: `#/incidents/${encodeURIComponent(m.id)}` }, m.id), ` · ${INCIDENT_STATES[m.state]?.label || m.state}${attentionOf(m) ? ` · ⚠ ${attentionOf(m).text}` : ''}`),
              ),
            ),
          ),
        )
        .openOn(map);
    } else {
      map.fitBounds(L.latLngBounds(members.map((m) => [m.point.lat, m.point.lon])), { padding: [60, 60], maxZoom: map.getMaxZoom(), animate: false });
    }
  });
  marker.addTo(layers.incidents);
}

/** The incidents drawn, each as {id or ids, count}: for checks in the console and the tests. */
export function drawnIncidents() {
  const out = [];
  layers.incidents.eachLayer((l) => {
    const el = l.getElement?.();
    if (el && el.dataset.ids) {
      out.push({ ids: el.dataset.ids.split(' '), count: Number(el.dataset.count) });
    }
  });
  for (const id of markers.keys()) {
    out.push({ ids: [id], count: 1 });
  }
  return out;
}

// ---- selection: the incident and the lines from the hubs of its taskings ----------------------

/** Points along the great circle, so long lines (Brize Norton → Kharkiv) curve as they fly. */
function greatCircle(from, to, steps = 32) {
  const rad = Math.PI / 180;
  const [lat1, lon1, lat2, lon2] = [from[0] * rad, from[1] * rad, to[0] * rad, to[1] * rad];
  const d =
    2 *
    Math.asin(
      Math.sqrt(Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2),
    );
  if (d === 0) {
    return [from, to];
  }
  const out = [];
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    const a = Math.sin((1 - f) * d) / Math.sin(d);
    const b = Math.sin(f * d) / Math.sin(d);
    const x = a * Math.cos(lat1) * Math.cos(lon1) + b * Math.cos(lat2) * Math.cos(lon2);
    const y = a * Math.cos(lat1) * Math.sin(lon1) + b * Math.cos(lat2) * Math.sin(lon2);
    const z = a * Math.sin(lat1) + b * Math.sin(lat2);
    out.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / rad, Math.atan2(y, x) / rad]);
  }
  return out;
}

/**
 * Highlights one incident and draws a line from each hub its taskings come from, coloured by the
 * most urgent tasking on it. `frame` moves the map to show it all (used when chosen from a list).
 */
export function showSelection(incident, { frame = false } = {}) {
  layers.selection.clearLayers();
  layers.lines.clearLayers();
  selectedId = incident ? incident.id : null;
  if (!incident || !incident.point) {
    return;
  }
  const at = [incident.point.lat, incident.point.lon];
  if (incident.location && incident.location.type !== 'Point') {
    L.geoJSON(incident.location, {
      renderer: topCanvas,
      interactive: false,
      style: { color: incidentColour(incident.state), weight: 2, dashArray: '4 4', fillOpacity: 0.08 },
    }).addTo(layers.selection);
  }
  L.circleMarker(at, {
    renderer: topCanvas,
    radius: 12 + incident.severity,
    color: cssColour('--map-ink', '#111827'),
    weight: 3,
    fill: false,
    interactive: false,
  }).addTo(layers.selection);

  const byHub = new Map();
  for (const t of incident.taskings || []) {
    if (!byHub.has(t.hub)) {
      byHub.set(t.hub, []);
    }
    byHub.get(t.hub).push(t);
  }
  const bounds = L.latLngBounds([at]);
  for (const [hubId, taskings] of byHub) {
    const hub = hubs.get(hubId);
    if (!hub) {
      continue;
    }
    taskings.sort((a, b) => URGENCY.indexOf(a.state) - URGENCY.indexOf(b.state));
    const lead = taskings[0].state;
    const done = taskings.every((t) => t.state === 'DELIVERED' || t.state === 'LATE');
    const path = greatCircle([hub.lat, hub.lon], at);
    L.polyline(path, {
      renderer: topCanvas,
      color: taskingColour(lead),
      weight: lead === 'OVERDUE' ? 4 : 3,
      opacity: 0.9,
      dashArray: done ? null : '8 6',
    })
      .bindTooltip(
        h(
          'div',
          { class: 'line-tip' },
          h('strong', {}, hub.name),
          taskings.map((t) =>
            h('div', {}, `${t.guarantor} · ${quantity(t.quantity, t.unit)} ${words(t.capability).toLowerCase()} · ${words(t.state).toLowerCase()}`),
          ),
        ),
        { sticky: true },
      )
      .addTo(layers.lines);
    L.circleMarker([hub.lat, hub.lon], {
      renderer: topCanvas,
      radius: 6,
      color: taskingColour(lead),
      weight: 3,
      fill: false,
      interactive: false,
    })
      .bindTooltip(`${hub.name}`, { permanent: true, direction: 'right', offset: [8, 0], className: 'hub-label' })
      .addTo(layers.selection);
    bounds.extend([hub.lat, hub.lon]);
  }
  if (frame) {
    framedSelection = true;
    if (byHub.size) {
      map.fitBounds(bounds, { padding: [48, 48], maxZoom: 7, animate: false });
    } else {
      map.setView(at, Math.max(map.getZoom(), 6), { animate: false });
    }
  }
}

export function selectedIncident() {
  return selectedId;
}

// ---- picking a place to report ------------------------------------------------------------------

/** While set, a click on the map calls handler(latlng) and the cursor is a crosshair. */
export function pickWith(handler) {
  onPick = handler;
  map.getContainer().classList.toggle('is-picking', Boolean(handler));
  if (!handler) {
    layers.pick.clearLayers();
  }
}

export function showPick(lat, lon, inScope) {
  layers.pick.clearLayers();
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
    return;
  }
  const cls = inScope === true ? 'is-in' : inScope === false ? 'is-out' : '';
  L.marker([lat, lon], {
    icon: L.divIcon({ className: `pick-pin ${cls}`, iconSize: [22, 22], html: '' }),
    interactive: false,
    keyboard: false,
  }).addTo(layers.pick);
}

// ---- legend -------------------------------------------------------------------------------------

let legendNote = null;

/** Every colour and line on the map, named; folded on narrow maps so it never covers them. */
function legend() {
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => {
    legendNote = h('p', { class: 'legend-note', hidden: true });
    const item = (swatch, text) => h('li', {}, swatch, text);
    const line = (state, text, cls = '') => item(h('span', { class: `swatch line ${cls}`, style: { '--line-colour': taskingColour(state) } }), text);
    const el = h(
      'details',
      { class: 'legend', id: 'map-legend', open: map.getSize().x >= 800 && map.getSize().y >= 560 },
      h('summary', {}, 'Legend'),
      h(
        'div',
        { class: 'legend-body', role: 'group', 'aria-label': 'Map legend' },
        h('p', { class: 'legend-head' }, 'Incidents'),
        h(
          'ul',
          {},
          Object.values(INCIDENT_STATES).map((st) => item(h('span', { class: 'swatch dot', style: { background: st.colour } }), st.label)),
          item(h('span', { class: 'swatch dot attention' }), 'Needs attention (breach, overdue, shortfall)'),
          item(h('span', { class: 'swatch group' }, '3'), 'Incidents at one place, with their count'),
          item(h('span', { class: 'swatch selected' }), 'Selected incident'),
        ),
        h('p', { class: 'legend-head' }, 'Taskings of the selected incident (from hub)'),
        h(
          'ul',
          {},
          line('OVERDUE', 'Overdue (heavy)', 'heavy'),
          line('ISSUED', 'Issued, not acknowledged'),
          line('ACKNOWLEDGED', 'Acknowledged'),
          line('MOBILISING', 'Mobilising'),
          line('DELIVERED', 'Delivered (solid line)', 'solid'),
          line('BREACHED', 'Breached'),
          item(h('span', { class: 'swatch line dashed-note' }), 'Dashed: still on the way'),
        ),
        h('p', { class: 'legend-head' }, 'Treaty'),
        h(
          'ul',
          {},
          item(h('span', { class: 'swatch covered' }), 'Covered territory'),
          item(h('span', { class: 'swatch waters' }), 'Covered waters'),
          item(h('span', { class: 'swatch excluded' }), 'Excluded region'),
          item(h('span', { class: 'swatch hub' }), 'Hub (named)'),
        ),
        legendNote,
      ),
    );
    el.addEventListener('toggle', () => el.classList.toggle('is-open', el.open));
    el.classList.toggle('is-open', el.open);
    L.DomEvent.disableClickPropagation(el);
    L.DomEvent.disableScrollPropagation(el);
    return el;
  };
  return control;
}

/** A line under the legend, e.g. why no incidents are drawn for this party. */
export function setLegendNote(text) {
  if (legendNote) {
    legendNote.textContent = text || '';
    legendNote.hidden = !text;
  }
}
