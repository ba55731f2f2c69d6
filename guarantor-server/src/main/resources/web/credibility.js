// How credible is the guarantee: the server's latest Monte Carlo exercise over the treaty in force
// (GET /api/v1/credibility, docs/credibility.md), for the parties. Left out when the server runs
// none or the reader may not read it.
import { h } from './dom.js';
import { words, time } from './format.js';

const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

/** The credibility section, or null when there is nothing to show. */
export function credibilitySection(latest) {
  if (!latest) {
    return null;
  }
  const r = latest.report;
  const head = h('h2', { id: 'credibility' }, 'How credible is the guarantee');
  if (!r) {
    return h('section', { class: 'credibility', 'aria-labelledby': 'credibility' }, head,
      h('p', { class: 'hint' }, latest.status === 'failed' ? `The exercise failed: ${latest.error || 'unknown error'}` : 'The exercise is running…'));
  }
  const lines = [];
  for (const p of r.plans || []) {
    for (const l of p.lines || []) {
      if (l.samples) {
        lines.push({ plan: `${words(p.threat)} ${p.severity}`, ...l });
      }
    }
  }
  lines.sort((a, b) => (a.onTime ?? 1) - (b.onTime ?? 1));
  return h(
    'section',
    { class: 'credibility', 'aria-labelledby': 'credibility' },
    head,
    h(
      'p',
      { class: 'lede', dataset: { credibility: String(r.onTime) } },
      `${pct(r.onTime)} of plan lines got their promised quantity by the deadline over ${r.runs.toLocaleString('en')} simulated 72-hour crises (seed ${r.seed}, version ${r.version}${latest.status === 'running' ? '; a new exercise is running' : ''}${latest.finishedAt ? `, ${time(latest.finishedAt)}` : ''}).`,
    ),
    h('h3', {}, 'Weakest plan lines'),
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Plan'), h('th', {}, 'Line'), h('th', { class: 'num' }, 'P(on time)'), h('th', { class: 'num' }, 'Expected shortfall (unit-hours)'))),
      h('tbody', {}, lines.slice(0, 8).map((l) => h('tr', {}, h('td', {}, l.plan), h('td', {}, `${l.line}: ${words(l.capability)}`), h('td', { class: 'num' }, pct(l.onTime)), h('td', { class: 'num' }, l.expectedUnitHoursLate === null ? '—' : l.expectedUnitHoursLate.toFixed(1))))),
    ),
    h('h3', {}, 'Single points of failure'),
    h('p', { class: 'hint' }, `P(on time) if one guarantor or hub fails entirely, over the first ${r.criticalRuns} crises.`),
    h(
      'table',
      { class: 'data', dataset: { critical: 'true' } },
      h('thead', {}, h('tr', {}, h('th', {}, 'Fails'), h('th', { class: 'num' }, 'P(on time)'), h('th', { class: 'num' }, 'Drop'))),
      h('tbody', {}, (r.critical || []).slice(0, 8).map((c) => h('tr', { dataset: { party: c.code } }, h('td', {}, `${words(c.kind)} ${c.code}`), h('td', { class: 'num' }, pct(c.onTime)), h('td', { class: 'num' }, pct(c.drop))))),
    ),
  );
}
