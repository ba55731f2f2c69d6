// The treaty in force: parties, hubs, pledges in people and hours, response plans and the
// territory version. Everything comes from GET /api/v1/treaty, so any treaty loaded reads the same.
// The public's view of it (view PUBLIC) has no hubs and no pledges, only what each guarantor
// pledged in all: the page then shows those totals in their place.

import { get, currentSession, ApiProblem } from './api.js';
import { h, replace, focusMark, restoreFocus } from './dom.js';
import { words, quantity, hours, number, time, durationMs, countsPeople } from './format.js';
import { proposalsPanel, versionHistory } from './amendments.js';
import { credibilitySection } from './credibility.js';
import { byPledge, certificationBanner, certificationClass, certificationRank, certificationText } from './certification.js';

let page = null;

/** columns: labels, or [label, 'num'] for a right-aligned number column. */
function table(columns, rows, { caption, className } = {}) {
  return h(
    'table',
    { class: ['table', className] },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => (Array.isArray(c) ? h('th', { scope: 'col', class: c[1] }, c[0]) : h('th', { scope: 'col' }, c))))),
    h('tbody', {}, rows),
  );
}

function caveats(c) {
  if (!c) {
    return '—';
  }
  const parts = [];
  if (Array.isArray(c.threatTypes) && c.threatTypes.length) {
    parts.push(`only ${c.threatTypes.map((t) => words(t).toLowerCase()).join(', ')}`);
  }
  if (c.minSeverity && c.minSeverity > 1) {
    parts.push(`severity ≥ ${c.minSeverity}`);
  }
  if (Array.isArray(c.excludedRegions) && c.excludedRegions.length) {
    parts.push(`not in ${c.excludedRegions.join(', ')}`);
  }
  for (const [k, v] of Object.entries(c)) {
    if (!['threatTypes', 'minSeverity', 'excludedRegions'].includes(k) && v !== null && v !== '' && !(Array.isArray(v) && !v.length)) {
      parts.push(`${words(k.replace(/([A-Z])/g, '_$1').toUpperCase()).toLowerCase()}: ${Array.isArray(v) ? v.join(', ') : v}`);
    }
  }
  return parts.length ? parts.join('; ') : '—';
}

function transport(t) {
  if (!t || t.mode === 'NONE') {
    return 'remote';
  }
  return `${words(t.mode).toLowerCase()}, ${number(t.speedKmh)} km/h + ${hours(t.handling)} handling`;
}

function pledgeSummary(treaty) {
  const by = new Map();
  for (const p of treaty.pledges) {
    const s = by.get(p.guarantor) || { personnel: 0, count: 0, fastest: Infinity, fastestText: '' };
    s.count += 1;
    if (countsPeople(p.quantity.unit)) {
      s.personnel += p.quantity.amount;
    }
    const readyHours = parseFloat(hours(p.readiness));
    if (readyHours < s.fastest) {
      s.fastest = readyHours;
      s.fastestText = hours(p.readiness);
    }
    by.set(p.guarantor, s);
  }
  const names = new Map(treaty.parties.map((p) => [p.code, p.name]));
  return table(
    ['Guarantor', ['People pledged', 'num'], ['Pledges', 'num'], ['Fastest readiness', 'num']],
    [...by.entries()].map(([code, s]) =>
      h('tr', {}, h('th', { scope: 'row' }, `${names.get(code) || code} (${code})`), h('td', { class: 'num' }, number(s.personnel)), h('td', { class: 'num' }, s.count), h('td', { class: 'num' }, s.fastestText)),
    ),
    { caption: 'People and hours by guarantor' },
  );
}

/** The public view's pledges: per guarantor, the quantity of each capability pledged in all. */
function pledgedTotals(totals, treaty) {
  const names = new Map(treaty.parties.map((p) => [p.code, p.name]));
  return table(
    ['Guarantor', 'Capability', ['Pledged', 'num']],
    (totals || []).map((x) =>
      h('tr', {}, h('th', { scope: 'row' }, `${names.get(x.guarantor) || x.guarantor} (${x.guarantor})`), h('td', {}, words(x.capability)), h('td', { class: 'num' }, quantity(x.quantity.amount, x.quantity.unit))),
    ),
    { caption: 'Pledged by guarantor, in all' },
  );
}

/** The pledge table's order and filter, kept across live refreshes. */
const pledgeView = { column: 0, descending: false, filter: '' };

/**
 * The pledges as a table that sorts by any column (its header is a button; aria-sort says the
 * order) and filters by any text in a row (guarantor, capability, hub, caveats…).
 */
function pledges(treaty, inUse, certs) {
  const hubs = new Map(treaty.hubs.map((x) => [x.id, x.name]));
  const cols = ['Pledge', 'Guarantor', 'Capability', ['Quantity', 'num'], ['Ready in', 'num'], 'Hub', 'Transport', 'Caveats'];
  if (inUse) {
    cols.push(['In use', 'num']);
  }
  if (certs) {
    cols.push('Certification');
  }
  // Each row: the cells' text, and the values it sorts by (numbers where a column is numeric).
  const data = treaty.pledges.map((p) => {
    const cells = [p.id, p.guarantor, words(p.capability), quantity(p.quantity.amount, p.quantity.unit), hours(p.readiness), hubs.get(p.hub) || p.hub, transport(p.transport), caveats(p.caveats)];
    const keys = [p.id, p.guarantor, words(p.capability), p.quantity.amount, durationMs(p.readiness), cells[5], cells[6], cells[7]];
    if (inUse) {
      cells.push(p.id in inUse ? number(inUse[p.id]) : '—');
      keys.push(p.id in inUse ? inUse[p.id] : -1);
    }
    const cert = certs ? certs.get(p.id) : null;
    if (certs) {
      cells.push(certificationText(cert));
      keys.push(certificationRank(cert));
    }
    return { cells, keys, cert };
  });
  const holder = h('div', { class: 'pledge-table' });
  const draw = () => {
    const q = pledgeView.filter.toLowerCase();
    const rows = data.filter((r) => !q || r.cells.some((c) => String(c).toLowerCase().includes(q)));
    const k = pledgeView.column;
    rows.sort((a, b) => {
      const x = a.keys[k];
      const y = b.keys[k];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { numeric: true });
      return pledgeView.descending ? -c : c;
    });
    const head = cols.map((c, i) => {
      const [label, cls] = Array.isArray(c) ? c : [c, null];
      const sorted = i === k;
      return h(
        'th',
        { scope: 'col', class: cls, 'aria-sort': sorted ? (pledgeView.descending ? 'descending' : 'ascending') : null },
        h(
          'button',
          {
            type: 'button',
            class: 'sort',
            dataset: { column: String(i) },
            onclick: () => {
              pledgeView.descending = sorted ? !pledgeView.descending : false;
              pledgeView.column = i;
              draw();
              holder.querySelector(`button[data-column="${i}"]`)?.focus();
            },
          },
          label,
          h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (pledgeView.descending ? ' ▼' : ' ▲') : ''),
        ),
      );
    });
    replace(
      holder,
      h(
        'table',
        { class: 'table table-wide', id: 'pledge-table' },
        h('caption', {}, `Pledges (${rows.length === data.length ? data.length : `${rows.length} of ${data.length}`})`),
        h('thead', {}, h('tr', {}, head)),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              { dataset: r.cert ? { pledge: r.cells[0], certification: r.cert.status } : { pledge: r.cells[0] } },
              r.cells.map((c, i) =>
                i === 0
                  ? h('th', { scope: 'row' }, c)
                  : h('td', { class: [Array.isArray(cols[i]) ? cols[i][1] : null, certs && i === cols.length - 1 && certificationClass(r.cert)] }, c),
              ),
            ),
          ),
        ),
      ),
    );
  };
  const filter = h('input', { type: 'search', id: 'pledge-filter', value: pledgeView.filter, placeholder: 'guarantor, capability, hub…', autocomplete: 'off' });
  filter.addEventListener('input', () => {
    pledgeView.filter = filter.value.trim();
    draw();
  });
  draw();
  return h('div', {}, h('div', { class: 'field field-inline' }, h('label', { for: 'pledge-filter' }, 'Filter pledges'), filter), h('div', { class: 'table-scroll' }, holder));
}

function plans(treaty) {
  const byThreat = new Map();
  for (const plan of treaty.plans) {
    if (!byThreat.has(plan.threat)) {
      byThreat.set(plan.threat, []);
    }
    byThreat.get(plan.threat).push(plan);
  }
  return [...byThreat.entries()].map(([threat, list]) =>
    h(
      'details',
      { class: 'plan' },
      h('summary', {}, `${words(threat)} — ${list.length} severit${list.length === 1 ? 'y' : 'ies'}`),
      table(
        ['Severity', 'Line', 'Capability', ['Quantity', 'num'], ['Within', 'num']],
        list
          .sort((a, b) => a.severity - b.severity)
          .flatMap((plan) =>
            plan.lines.map((line, i) =>
              h(
                'tr',
                { class: i === 0 ? 'group-start' : null },
                h('td', {}, i === 0 ? `S${plan.severity}` : ''),
                h('td', {}, line.line),
                h('td', {}, words(line.capability)),
                h('td', { class: 'num' }, quantity(line.quantity.amount, line.quantity.unit)),
                h('td', { class: 'num' }, hours(line.deadline)),
              ),
            ),
          ),
      ),
    ),
  );
}

/**
 * A read that this reader's role may be refused (403) or this server may not have (404…): null
 * then, so the view leaves that part out instead of failing.
 */
async function readable(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiProblem && [403, 404, 405, 501].includes(e.status)) {
      return null;
    }
    throw e;
  }
}

/** The versions and, for each after the first, what changed from the one before. */
async function history() {
  const versions = await readable('/api/v1/treaty/versions');
  const diffs = new Map();
  if (versions) {
    await Promise.all(
      (versions.items || [])
        .filter((v, i) => i > 0)
        .map(async (v, i) => {
          const d = await readable(`/api/v1/treaty/diff?from=${versions.items[i].version}&to=${v.version}`);
          if (d) {
            diffs.set(v.version, d);
          }
        }),
    );
  }
  return { versions, diffs };
}

export async function renderTreaty(target) {
  page = target;
  const answer = await get('/api/v1/treaty');
  if (page !== target) {
    return;
  }
  const t = answer.treaty;
  const me = t.parties.find((p) => p.code === currentSession()?.party) || null;
  // Observers may read neither proposals nor certifications: the server would refuse them.
  const party = me && me.role !== 'OBSERVER';
  const [proposals, certs, past, credible] = await Promise.all([
    party ? readable('/api/v1/amendments') : null,
    party && t.pledges ? readable('/api/v1/certifications') : null,
    history(),
    party ? readable('/api/v1/credibility') : null,
  ]);
  if (page !== target) {
    return;
  }
  const focus = focusMark(target);
  const voted = async (id) => {
    await renderTreaty(target);
    target.querySelector(`[data-proposal="${CSS.escape(id)}"] h3`)?.focus();
  };
  const a = t.activation || {};
  const terr = t.territory || {};
  replace(
    target,
    h('h1', {}, t.name),
    h('p', { class: 'lede' }, `${t.id} · version ${t.version} · in force from ${time(t.effectiveFrom)}`),
    t.notice ? h('p', { class: 'notice' }, t.notice) : null,
    certificationBanner(certs, me),
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Rules'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Activation'),
          h('dd', {}, a.kind === 'AUTOMATIC' ? 'Automatic on an in-scope report' : `${words(a.kind)}: ${a.corroborations} guarantors within ${hours(a.within)}`),
          h('dt', {}, 'Acknowledge within'),
          h('dd', {}, hours(t.acknowledgementDeadline)),
          h('dt', {}, 'Decision limit'),
          h('dd', {}, hours(t.decisionLimit)),
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Territory'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Version'),
          h('dd', { id: 'territory-version' }, terr.version || '—'),
          h('dt', {}, 'Includes'),
          h('dd', {}, (terr.include || []).join(', ') || '—'),
          h('dt', {}, 'Excludes'),
          h('dd', {}, (terr.exclude || []).join(', ') || '—'),
          (terr.custom || []).length ? [h('dt', {}, 'Custom areas'), h('dd', {}, terr.custom.map((c) => c.name || c.code || c.id).join(', '))] : null,
          h('dt', {}, 'Waters'),
          h('dd', {}, `${terr.watersNm ?? 0} nautical miles`),
        ),
      ),
      past.versions
        ? null
        : h(
            'section',
            { class: 'card' },
            h('h2', {}, 'Versions'),
            h('ul', { class: 'plain' }, (answer.versions || []).map((v) => h('li', {}, `v${v.version} from ${time(v.effectiveFrom)}`))),
          ),
    ),
    proposalsPanel(proposals, voted),
    h('h2', {}, 'Parties'),
    table(
      ['Code', 'Name', 'Role'],
      t.parties.map((p) => h('tr', {}, h('td', {}, p.code), h('td', {}, p.name), h('td', {}, words(p.role === 'PROTECTED' ? 'PROTECTED_STATE' : p.role)))),
    ),
    answer.view === 'PUBLIC' || !t.pledges
      ? [
          h('h2', {}, 'Pledges'),
          h('p', { class: 'hint' }, 'The public view: what each guarantor pledged in all. Where pledges wait, how fast they are ready and how they travel are for the treaty’s parties.'),
          pledgedTotals(answer.pledged, t),
        ]
      : [
          h('h2', {}, 'Pledges in people and hours'),
          pledgeSummary(t),
          pledges(t, answer.pledgesInUse, byPledge(certs)),
          h('h2', {}, 'Hubs'),
          table(
            ['Hub', 'Name', 'Country', ['Position', 'num']],
            t.hubs.map((x) => h('tr', {}, h('td', {}, x.id), h('td', {}, x.name), h('td', {}, x.country), h('td', { class: 'num' }, `${x.lat.toFixed(2)}, ${x.lon.toFixed(2)}`))),
          ),
        ],
    h('h2', {}, 'Response plans'),
    h('p', { class: 'hint' }, 'Agreed in advance: for each threat and severity, what is sent and within how many hours of T0.'),
    plans(t),
    credibilitySection(credible),
    versionHistory(past.versions, past.diffs),
  );
  restoreFocus(target, focus);
}

export function leaveTreaty() {
  page = null;
}

export async function onChange() {
  if (page && page.isConnected) {
    const y = window.scrollY;
    const open = [...page.querySelectorAll('details[open] summary')].map((s) => s.textContent);
    await renderTreaty(page);
    for (const s of page.querySelectorAll('details summary')) {
      if (open.includes(s.textContent)) {
        s.parentElement.open = true;
      }
    }
    window.scrollTo(0, y);
  }
}
