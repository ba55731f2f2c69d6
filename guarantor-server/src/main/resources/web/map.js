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
    style: { color: '#9aa5b1', weight: 0.8, fillColor: '#f7f5f0', fillOpacity: 1 },
  }).addTo(layers.countries);
}

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
    territoryBounds = coveredLayer.getBounds();
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
      .bindTooltip(`${hub.name} · ${hub.country}`, { direction: 'right', offset: [8, 0] })
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
    map.fitBounds(territoryBounds, { padding: [24, 24], animate: false });
  } else {
    const points = [...hubs.values()].map((hub) => [hub.lat, hub.lon]);
    for (const m of markers.values()) {
      points.push(m.getLatLng());
    }
    if (points.length) {
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 6, animate: false });
    }
  }
  autoView = { zoom: map.getZoom(), center: map.getCenter() };
}

// ---- incidents ----------------------------------------------------------------------------------

function tooltip(incident) {
  const where = incident.scope?.name ? ` · ${incident.scope.name}` : '';
  return `${incident.id} · ${words(incident.type)} S${incident.severity} · ${INCIDENT_STATES[incident.state]?.label || incident.state}${where}`;
}

function style(incident) {
  return {
    renderer: topCanvas,
    radius: 3.5 + incident.severity,
    color: '#ffffff',
    weight: 1.5,
    fillColor: incidentColour(incident.state),
    fillOpacity: 0.95,
    // A click on an incident selects it; it must not also count as picking a place to report.
    bubblingMouseEvents: false,
  };
}

/** Drawing order: open incidents last, so closed and out-of-scope ones never hide them. */
const DRAW_ORDER = ['OUT_OF_SCOPE', 'STOOD_DOWN', 'RESOLVED', 'AWAITING_CORROBORATION', 'ACTIVATED'];

/** Replaces every incident marker; incidents without a point (observers' summaries) are skipped. */
export function setIncidents(list) {
  layers.incidents.clearLayers();
  markers.clear();
  const ordered = [...list].sort((a, b) => DRAW_ORDER.indexOf(a.state) - DRAW_ORDER.indexOf(b.state));
  for (const incident of ordered) {
    upsertIncident(incident, true);
  }
}

export function upsertIncident(incident, bulk = false) {
  const existing = markers.get(incident.id);
  if (!incident.point) {
    if (existing) {
      removeIncident(incident.id);
    }
    return;
  }
  const at = [incident.point.lat, incident.point.lon];
  if (existing) {
    existing.setLatLng(at);
    existing.setStyle(style(incident));
    existing.setRadius(3.5 + incident.severity);
    existing.setTooltipContent(tooltip(incident));
    layerBy(existing, incident.state);
    return;
  }
  const marker = L.circleMarker(at, style(incident))
    .bindTooltip(tooltip(incident), { direction: 'top', offset: [0, -6] })
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
  if (!bulk) {
    layerBy(marker, incident.state);
  }
}

function layerBy(marker, state) {
  if (DRAW_ORDER.indexOf(state) >= DRAW_ORDER.indexOf('AWAITING_CORROBORATION')) {
    marker.bringToFront();
  } else {
    marker.bringToBack();
  }
}

export function removeIncident(id) {
  const m = markers.get(id);
  if (m) {
    layers.incidents.removeLayer(m);
    markers.delete(id);
  }
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
    radius: 9 + incident.severity,
    color: '#111827',
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

function legend() {
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => {
    legendNote = h('p', { class: 'legend-note', hidden: true });
    const el = h(
      'div',
      { class: 'legend', role: 'group', 'aria-label': 'Map legend' },
      h(
        'ul',
        {},
        Object.entries(INCIDENT_STATES).map(([state, s]) =>
          h('li', {}, h('span', { class: 'swatch dot', style: { background: s.colour } }), s.label),
        ),
        h('li', {}, h('span', { class: 'swatch covered' }), 'Covered territory'),
        h('li', {}, h('span', { class: 'swatch waters' }), 'Covered waters'),
        h('li', {}, h('span', { class: 'swatch excluded' }), 'Excluded region'),
        h('li', {}, h('span', { class: 'swatch hub' }), 'Hub'),
      ),
      legendNote,
    );
    L.DomEvent.disableClickPropagation(el);
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
