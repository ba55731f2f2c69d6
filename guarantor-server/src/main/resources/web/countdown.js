// Countdowns to deadlines. One timer for the whole page updates every countdown element in place
// once a second, so a list of hundreds of taskings costs one pass, not hundreds of timers.

import { h } from './dom.js';
import { countdown as clock } from './format.js';
import { serverNow } from './api.js';

/** Deadlines closer than this are flagged as due soon. */
const SOON_MS = 15 * 60 * 1000;

/**
 * A live countdown to an ISO instant: "in 1:59:30", and once passed "overdue 0:04:12" in the
 * overdue style. `label` prefixes it ("Acknowledge", "Deliver").
 */
export function countdownTo(iso, label) {
  const el = h('span', { class: 'countdown', dataset: { due: iso, label: label || '' } });
  paint(el, serverNow());
  return el;
}

function paint(el, now) {
  const due = Date.parse(el.dataset.due);
  if (Number.isNaN(due)) {
    el.textContent = '';
    return;
  }
  const left = due - now;
  const label = el.dataset.label ? `${el.dataset.label} ` : '';
  const text = left >= 0 ? `${label}in ${clock(left)}` : `${label}overdue ${clock(left)}`;
  if (el.textContent !== text) {
    el.textContent = text;
  }
  const passed = left < 0;
  // A deadline passing changes more than this text (order, banners, timelines): say so, once.
  if (el.dataset.passed === 'false' && passed) {
    el.dispatchEvent(new CustomEvent('deadlinepassed', { bubbles: true }));
  }
  el.dataset.passed = String(passed);
  el.classList.toggle('is-overdue', passed);
  el.classList.toggle('is-soon', !passed && left < SOON_MS);
}

function tick() {
  const now = serverNow();
  for (const el of document.querySelectorAll('.countdown[data-due]')) {
    paint(el, now);
  }
}

let timer = null;

export function startCountdowns() {
  if (timer === null) {
    timer = setInterval(tick, 1000);
  }
}
