// Words and numbers for people. Times are shown in UTC everywhere: parties sit in several time
// zones and deadlines must read the same on every desk.

const ACRONYMS = new Set(['ISR', 'UTC', 'T0']);

// The treaty's own labels for its threat types, units and capabilities, and the units that count
// people: set from the treaty answer's vocabulary (setVocabulary), so a treaty that declares its
// own words is shown in them.
const labels = new Map();
const peopleUnits = new Set(['PERSONNEL']);

/** Takes in the vocabulary of the treaty in force ({ threatTypes, units, capabilities }). */
export function setVocabulary(vocabulary) {
  if (!vocabulary) {
    return;
  }
  labels.clear();
  peopleUnits.clear();
  for (const list of [vocabulary.threatTypes, vocabulary.units, vocabulary.capabilities]) {
    for (const term of list || []) {
      if (term.label) {
        labels.set(term.code, term.label);
      }
    }
  }
  for (const u of vocabulary.units || []) {
    if (u.people) {
      peopleUnits.add(u.code);
    }
  }
}

/** Whether an amount in this unit is a number of people (PERSONNEL, unless the treaty says otherwise). */
export function countsPeople(unit) {
  return peopleUnits.has(unit);
}

/** AIR_DEFENCE → "Air defence", ISR_HOURS → "ISR hours"; a treaty's own label where it gives one. */
export function words(constant) {
  if (!constant) {
    return '';
  }
  if (labels.has(constant)) {
    return labels.get(constant);
  }
  const parts = String(constant).split('_');
  return parts
    .map((p, i) => {
      if (ACRONYMS.has(p)) {
        return p;
      }
      const lower = p.toLowerCase();
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** A quantity with its unit: 1,500 personnel, 12 sorties, 240 ISR hours. */
export function quantity(amount, unit) {
  const n = Number(amount);
  const u = words(unit).toLowerCase().replace('isr', 'ISR');
  const singular = n === 1 && u.endsWith('s') && !countsPeople(unit) ? u.slice(0, -1) : u;
  return `${n.toLocaleString('en-GB')} ${singular}`;
}

export function number(n) {
  return Number(n).toLocaleString('en-GB');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** 28 Nov 2026 06:30Z (the year only when it is not the current one). */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  const year = d.getUTCFullYear() === new Date().getUTCFullYear() ? '' : ` ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
}

/** 06:30:15Z, for timeline entries that share a day. */
export function clockTime(iso) {
  const d = new Date(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** A span in the largest sensible units: 45 s, 12 min, 3 h 05 min, 2 d 4 h. */
export function span(ms) {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) {
    return `${s} s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${m} min`;
  }
  const hours = Math.floor(m / 60);
  if (hours < 48) {
    return `${hours} h ${pad(m % 60)} min`;
  }
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A running clock: 1:59:30, or 2 d 03:10:00 past a day. */
export function countdown(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(s / 86400);
  const clock = `${Math.floor((s % 86400) / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

/** Offset from T0 as in an operations log: T+1:05, T−0:03. */
export function fromT0(iso, t0) {
  const ms = new Date(iso) - new Date(t0);
  const m = Math.round(Math.abs(ms) / 60000);
  const sign = ms < 0 ? '−' : '+';
  return `T${sign}${Math.floor(m / 60)}:${pad(m % 60)}`;
}

/** ISO 8601 duration (PT12H, P1DT6H, PT90M) in milliseconds; NaN when unreadable. */
export function durationMs(iso) {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    String(iso || ''),
  );
  if (!m) {
    return NaN;
  }
  const [, d, hr, min, sec] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return (((d * 24 + hr) * 60 + min) * 60 + sec) * 1000;
}

/** PT36H → "36 h", PT90M → "1.5 h", P4D → "96 h": pledges are compared in hours. */
export function hours(iso) {
  const ms = durationMs(iso);
  if (Number.isNaN(ms)) {
    return String(iso || '—');
  }
  const h = ms / 3600000;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}
