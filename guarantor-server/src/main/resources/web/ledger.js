// The compliance ledger ("the motivation mechanism"): each guarantor's record in charts and
// tables, readable by every party including observers; the server leaves out anything
// confidential (no incident, place, hub or tasking). Chart.js loads only when this view opens.

import { getOptional, getBlob, ApiProblem, post } from './api.js';
import { h, replace } from './dom.js';
import { words, number, time, span, quantity } from './format.js';

let page = null;
let ctx;
const charts = [];
let chartLib = null;

export function initLedger(context) {
  ctx = context;
}

function loadChartJs() {
  if (!chartLib) {
    chartLib = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/webjars/chart.js/4.5.1/dist/chart.umd.js';
      s.onload = () => resolve(window.Chart);
      s.onerror = () => reject(new Error('Chart.js did not load'));
      document.head.appendChild(s);
    });
  }
  return chartLib;
}

function destroyCharts() {
  while (charts.length) {
    charts.pop().destroy();
  }
}

const percentOrNull = (rate) => (rate === null || rate === undefined ? null : rate * 100);
const pct = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);
/** The guarantor's figures in units that count people (the ledger marks them), summed. */
const personnel = (g) => {
  const people = (g.units || []).filter((u) => u.people);
  if (!people.length) {
    return undefined;
  }
  const sum = (f) => people.reduce((a, u) => a + (u[f] || 0), 0);
  return { pledged: sum('pledged'), tasked: sum('tasked'), delivered: sum('delivered') };
};

/**
 * Of the taskings received, how many were acknowledged by their deadline. Not "of those
 * acknowledged": a guarantor that acknowledged 1 of 54 and let 35 lapse into breaches has not
 * acknowledged "100 % on time".
 */
function acknowledgedOnTimeRate(g) {
  return g.received ? g.acknowledgedOnTime / g.received : null;
}

/** Delivered in full by the deadline, of the taskings that reached a delivery outcome. */
function deliveredOnTimeRate(g) {
  const settled = (g.deliveredOnTime || 0) + (g.deliveredLate || 0) + (g.breached || 0);
  return settled ? g.deliveredOnTime / settled : null;
}

/** Taskings that reached an outcome that counts for reliability (see the published formula). */
function outcomes(g) {
  return (g.deliveredOnTime || 0) + (g.deliveredLate || 0) + (g.breached || 0) + (g.declined || 0);
}

/** Reliability only where there is a record: with none, it is the formula's prior, not a figure. */
function reliabilityOf(g) {
  return (g.hasRecord ?? outcomes(g)) ? g.reliability : null;
}

const fraction = (part, whole) => (whole ? `${pct(part / whole)} (${number(part)} of ${number(whole)})` : '—');

function totals(gs) {
  const sum = (f) => gs.reduce((a, g) => a + (g[f] || 0), 0);
  const received = sum('received');
  const settled = sum('deliveredOnTime') + sum('deliveredLate') + sum('breached');
  return [
    ['Taskings received', number(received)],
    ['Acknowledged on time', fraction(sum('acknowledgedOnTime'), received)],
    ['Acknowledged at all', fraction(sum('acknowledgedOnTime') + sum('acknowledgedLate'), received)],
    ['Delivered on time', fraction(sum('deliveredOnTime'), settled)],
    ['Breaches', number(sum('breached'))],
    ['Suspended guarantors', number(gs.filter((g) => g.suspended).length)],
  ];
}

function status(g) {
  const parts = [];
  if (g.suspended) {
    parts.push(h('span', { class: 'badge', style: { '--badge': 'var(--tasking-BREACHED)' } }, 'Suspended'));
  }
  if (g.notices) {
    parts.push(h('div', { class: 'standing' }, `${g.notices} public notice${g.notices === 1 ? '' : 's'}`));
  }
  if (g.fundContributions) {
    parts.push(h('div', { class: 'standing' }, `${number(g.fundContributions)} ${g.currency || ''} to the fund`));
  }
  if (g.suspended && ctx.me.role === 'SECRETARIAT') {
    const slot = h('span', {});
    slot.append(h('button', { type: 'button', class: 'btn btn-quiet', dataset: { action: 'reinstate' }, onclick: () => reinstateForm(g, slot) }, 'Reinstate…'));
    parts.push(' ', slot);
  }
  return parts.length ? parts : 'In good standing';
}

/** The secretariat's review: a note for the record, then the guarantor may be tasked first again. */
function reinstateForm(g, slot) {
  const id = `reinstate-${g.guarantor}`;
  const note = h('input', { id, type: 'text', maxlength: 2000, 'aria-label': `Review note for ${g.name}` });
  replace(
    slot,
    h(
      'form',
      {
        class: 'inline',
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            await post(`/api/v1/ledger/${encodeURIComponent(g.guarantor)}/reinstate`, { note: note.value });
            await onChange();
          } catch (err) {
            ctx.fail(err);
          }
        },
      },
      note,
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Reinstate'),
    ),
  );
  note.focus();
}

function recordTable(gs) {
  // Every tasking received ends in exactly one of: declined, delivered on time, delivered late,
  // breached, released or withdrawn (closed with its incident, or taken back by a re-plan), or is
  // still open; so those columns add up to "Received". Acknowledgements are counted beside them.
  const cols = ['Guarantor', 'Received', 'Ack. on time', 'Ack. late', 'Declined', 'Delivered on time', 'Delivered late', 'Breached', 'Released or withdrawn', 'Open', 'Median ack.', 'People-hours late', 'Reliability', 'Standing'];
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'table', id: 'ledger-table' },
      h('caption', {}, 'Record by guarantor (declined, delivered, breached, released or withdrawn and open add up to received)'),
      h('thead', {}, h('tr', {}, cols.map((c, i) => h('th', { scope: 'col', class: i > 0 && i < cols.length - 1 ? 'num' : null }, c)))),
      h(
        'tbody',
        {},
        gs.map((g) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, `${g.name} (${g.guarantor})`),
            [g.received, g.acknowledgedOnTime, g.acknowledgedLate, g.declined, g.deliveredOnTime, g.deliveredLate].map((n) => h('td', { class: 'num' }, number(n || 0))),
            h('td', { class: ['num', g.breached && 'is-bad'] }, number(g.breached || 0)),
            h('td', { class: 'num', dataset: { col: 'released' } }, number(g.released || 0)),
            h('td', { class: 'num' }, number(g.open || 0)),
            h('td', { class: 'num' }, g.medianAcknowledgementSeconds === null || g.medianAcknowledgementSeconds === undefined ? '—' : span(g.medianAcknowledgementSeconds * 1000)),
            h('td', { class: 'num' }, number(Math.round((g.peopleHoursLate || 0) * 10) / 10)),
            h('td', { class: 'num' }, reliabilityOf(g) === null ? h('span', { title: `No outcome yet: the formula starts every guarantor at ${pct(g.reliability)}` }, 'no record') : pct(g.reliability)),
            h('td', {}, status(g)),
          ),
        ),
      ),
    ),
  );
}

function unitTable(gs) {
  const rows = gs.flatMap((g) =>
    (g.units || []).map((u, i) =>
      h(
        'tr',
        { class: i === 0 ? 'group-start' : null },
        h('th', { scope: 'row' }, i === 0 ? g.guarantor : ''),
        h('td', {}, words(u.unit)),
        [u.pledged, u.tasked, u.delivered, u.deliveredLate, u.declined, u.breached, u.released, u.outstanding].map((n) => h('td', { class: 'num' }, number(n))),
        h('td', { class: 'num' }, number(Math.round(u.unitHoursLate * 10) / 10)),
      ),
    ),
  );
  return h(
    'details',
    { class: 'plan' },
    h('summary', {}, 'Pledged, tasked and delivered, by unit'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, ['Guarantor', 'Unit', 'Pledged', 'Tasked', 'Delivered', 'of which late', 'Declined', 'Breached', 'Released', 'Outstanding', 'Unit-hours late'].map((c, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null }, c)))),
        h('tbody', {}, rows),
      ),
    ),
  );
}

function declines(gs) {
  const items = gs.flatMap((g) => (g.declines || []).map((d) => ({ ...d, who: g.name })));
  if (!items.length) {
    return null;
  }
  items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return h(
    'section',
    { class: 'section' },
    h('h2', {}, 'Declines'),
    // A reason comes only to those who may read it (the decliner, the secretariat, the protected
    // state); anyone else sees that the guarantor declined, when and how much.
    h('ul', { class: 'plain declines' }, items.map((d) => h('li', {}, h('strong', {}, `${time(d.at)} · ${d.who}`), ` declined ${quantity(d.quantity, d.unit)}`, d.reason ? `: ${d.reason}` : ''))),
  );
}

const ENTRIES_SHOWN = 50;
let allEntries = false;

function history(entries) {
  if (!entries?.length) {
    return null;
  }
  const sorted = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const shown = allEntries ? sorted : sorted.slice(0, ENTRIES_SHOWN);
  const more =
    sorted.length > shown.length
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn',
            id: 'ledger-all-entries',
            onclick: () => {
              allEntries = true;
              onChange().catch(ctx.fail);
            },
          },
          `Show all ${number(sorted.length)} entries`,
        )
      : null;
  return h(
    'section',
    { class: 'section' },
    h('h2', {}, 'Entries'),
    h('p', { class: 'hint', id: 'ledger-entries-count' }, shown.length < sorted.length ? `The latest ${number(shown.length)} of ${number(sorted.length)} entries, newest first.` : `All ${number(sorted.length)} entries, newest first.`),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table', id: 'ledger-entries' },
        h('thead', {}, h('tr', {}, ['Time', 'Guarantor', 'Entry', 'Quantity', 'Hours late', 'Amount'].map((c, i) => h('th', { scope: 'col', class: i > 2 ? 'num' : null }, c)))),
        h(
          'tbody',
          {},
          shown.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, time(e.at)),
              h('td', {}, e.guarantor),
              h('td', {}, words(e.kind)),
              h('td', { class: 'num' }, e.unit ? quantity(e.quantity, e.unit) : e.quantity ? number(e.quantity) : '—'),
              h('td', { class: 'num' }, e.hoursLate ? number(Math.round(e.hoursLate * 10) / 10) : '—'),
              h('td', { class: 'num' }, e.amount ? number(e.amount) : '—'),
            ),
          ),
        ),
      ),
    ),
    more,
  );
}

/** The server's CSV, fetched with the party's token (a plain link could not carry it). */
async function downloadCsv() {
  let csv;
  try {
    csv = await getBlob('/api/v1/ledger.csv');
  } catch (e) {
    ctx.fail(new Error(`the CSV could not be fetched (${e.message})`));
    return;
  }
  const url = URL.createObjectURL(csv);
  const a = h('a', { href: url, download: 'guarantor-ledger.csv', hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function renderLedger(target) {
  page = target;
  let answer;
  try {
    answer = await getOptional('/api/v1/ledger');
  } catch (e) {
    if (e instanceof ApiProblem) {
      replace(target, h('h1', {}, 'Compliance ledger'), h('p', { class: 'note' }, `The ledger cannot be shown: ${e.message}`));
      return;
    }
    throw e;
  }
  if (page !== target) {
    return;
  }
  destroyCharts();
  if (answer === null || !Array.isArray(answer.guarantors)) {
    replace(
      target,
      h('h1', {}, 'Compliance ledger'),
      h('p', { class: 'note', id: 'ledger-absent' }, 'The ledger is not available yet on this server. Each guarantor’s on-time record, people-hours delivered against pledged and breaches will appear here once it is.'),
    );
    return;
  }
  const gs = answer.guarantors;
  const rates = h('canvas', { id: 'ledger-rates', role: 'img', 'aria-label': 'On-time rates by guarantor; the figures are in the table below' });
  const people = h('canvas', { id: 'ledger-people', role: 'img', 'aria-label': 'People pledged, tasked and delivered by guarantor; the figures are in the table below' });
  replace(
    target,
    h('div', { class: 'page-head' }, h('h1', {}, 'Compliance ledger'), h('button', { type: 'button', class: 'btn', onclick: () => downloadCsv().catch(ctx.fail) }, 'Download CSV')),
    h('p', { class: 'lede' }, `${answer.treaty || ''} · as of ${time(answer.asOf)} · public: no places, hubs or taskings`),
    h('dl', { class: 'kpis' }, totals(gs).map(([k, v]) => h('div', { class: 'kpi' }, h('dt', {}, k), h('dd', {}, v)))),
    h('div', { class: 'chart-row' }, h('figure', { class: 'chart' }, rates), h('figure', { class: 'chart' }, people)),
    recordTable(gs),
    unitTable(gs),
    declines(gs),
    history(answer.history),
    answer.reliabilityFormula ? h('p', { class: 'hint' }, `Reliability: ${answer.reliabilityFormula}.`) : null,
  );
  const Chart = await loadChartJs();
  if (page !== target) {
    return;
  }
  const labels = gs.map((g) => g.guarantor);
  // Canvas cannot read CSS: the theme's ink comes from its custom property.
  const ink = getComputedStyle(document.documentElement).getPropertyValue('--ink').trim() || '#1f2933';
  Chart.defaults.color = ink;
  Chart.defaults.borderColor = getComputedStyle(document.documentElement).getPropertyValue('--line').trim() || '#d5dbe1';
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom', labels: { color: ink } } },
  };
  const title = (text) => ({ display: true, text, color: ink, font: { size: 14, weight: '600' } });
  charts.push(
    new Chart(rates, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          // No bar where there is no record: a missing bar is not a 0 %, and the prior is not a result.
          { label: 'Acknowledged on time (of received)', data: gs.map((g) => percentOrNull(acknowledgedOnTimeRate(g))), backgroundColor: '#0f766e' },
          { label: 'Delivered on time', data: gs.map((g) => percentOrNull(deliveredOnTimeRate(g))), backgroundColor: '#1d4ed8' },
          { label: 'Reliability', data: gs.map((g) => percentOrNull(reliabilityOf(g))), backgroundColor: '#a15c07' },
        ],
      },
      options: { ...common, plugins: { ...common.plugins, title: title('On time and reliability (%)') }, scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
    }),
  );
  charts.push(
    new Chart(people, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Pledged', data: gs.map((g) => personnel(g)?.pledged || 0), backgroundColor: '#9aa5b1' },
          { label: 'Tasked', data: gs.map((g) => personnel(g)?.tasked || 0), backgroundColor: '#1d4ed8' },
          { label: 'Delivered', data: gs.map((g) => personnel(g)?.delivered || 0), backgroundColor: '#15803d' },
        ],
      },
      options: { ...common, plugins: { ...common.plugins, title: title('People') } },
    }),
  );
}

export function leaveLedger() {
  page = null;
  destroyCharts();
}

export async function onChange() {
  if (page && page.isConnected) {
    const y = window.scrollY;
    const open = page.querySelector('details')?.open;
    await renderLedger(page);
    if (open) {
      page.querySelector('details').open = true;
    }
    window.scrollTo(0, y);
  }
}
