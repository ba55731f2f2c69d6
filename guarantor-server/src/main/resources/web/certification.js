// Where each pledge's certification stands (GET /api/v1/certifications), in the pledge table and as a
// warning: a certification about to lapse is the guarantor's to renew before its pledge stops
// counting, and the secretariat's to chase for every pledge.

import { h } from './dom.js';
import { time, durationMs, span } from './format.js';

/** The order a sorted column puts them in: what needs action first. */
const RANK = { EXPIRED: 0, UNCERTIFIED: 1, EXPIRING: 2, CERTIFIED: 3 };

/** Map of pledge id → its certification view, or null when the reader may not read them. */
export function byPledge(certs) {
  return certs ? new Map((certs.items || []).map((c) => [c.pledge, c])) : null;
}

/** The cell's text: what the status means for the pledge, in words. */
export function certificationText(c) {
  if (!c) {
    return '—';
  }
  const void_ = c.counts ? '' : ' — does not count';
  switch (c.status) {
    case 'CERTIFIED':
      return `Certified until ${time(c.validUntil)}`;
    case 'EXPIRING':
      return `⚠ Expiring ${time(c.validUntil)}${void_}`;
    case 'EXPIRED':
      return `Expired ${time(c.validUntil)}${void_}`;
    default:
      return `Uncertified${void_}`;
  }
}

export function certificationRank(c) {
  return c ? RANK[c.status] ?? 4 : 5;
}

/** The class that marks the cell: a warning while it expires, struck out once it does not count. */
export function certificationClass(c) {
  if (!c) {
    return null;
  }
  if (c.status === 'EXPIRING') {
    return 'cert-expiring';
  }
  return c.counts ? null : 'cert-void';
}

/**
 * The banner for the reader: a guarantor's own pledges, or every pledge for the secretariat,
 * that are expiring or expired. Null when there is none (or the reader has no pledges to mind).
 */
export function certificationBanner(certs, me) {
  if (!certs || !me || !['GUARANTOR', 'SECRETARIAT'].includes(me.role)) {
    return null;
  }
  const mine = (certs.items || []).filter((c) => me.role === 'SECRETARIAT' || c.guarantor === me.code);
  const expiring = mine.filter((c) => c.status === 'EXPIRING');
  const expired = mine.filter((c) => c.status === 'EXPIRED');
  if (!expiring.length && !expired.length) {
    return null;
  }
  const warn = durationMs(certs.warnBefore);
  const line = (list, what) =>
    list.length ? h('li', {}, `${list.length} ${what}: `, list.map((c) => `${c.pledge} (${time(c.validUntil)})`).join(', ')) : null;
  return h(
    'div',
    { class: 'cert-banner', id: 'cert-banner', role: 'status' },
    h('p', {}, h('strong', {}, '⚠ Certification: '), me.role === 'SECRETARIAT' ? 'pledges need inspecting again.' : 'your pledges need inspecting again.'),
    h(
      'ul',
      {},
      line(expired, 'expired'),
      line(expiring, `expiring${Number.isFinite(warn) ? ` within ${span(warn)}` : ''}`),
    ),
    certs.required ? h('p', { class: 'cert-banner-note' }, 'Under this treaty a pledge counts for allocation only while its certification is in force.') : null,
  );
}
