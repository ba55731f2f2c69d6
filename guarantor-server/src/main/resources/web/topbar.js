// The top bar's own furniture: a UTC clock (deadlines are in UTC everywhere) and the theme switch
// (light, dark, or as the system prefers; the choice is kept in this browser). Both work on the
// sign-in screen too.

import { h, replace } from './dom.js';
import { realNow } from './api.js';

const THEME_KEY = 'guarantor.theme';
const pad = (n) => String(n).padStart(2, '0');

/** 'light', 'dark' or 'auto' (follow prefers-color-scheme). */
function chosenTheme() {
  return localStorage.getItem(THEME_KEY) || 'auto';
}

/** The theme in effect: the choice, or the system's preference. */
export function effectiveTheme() {
  const t = chosenTheme();
  if (t !== 'auto') {
    return t;
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Puts the theme on the document (data-theme), and tells the map to redraw its colours. */
export function applyTheme() {
  document.documentElement.dataset.theme = effectiveTheme();
  document.dispatchEvent(new CustomEvent('themechange'));
}

const NEXT = { auto: 'light', light: 'dark', dark: 'auto' };
const LABEL = { auto: 'Theme: as the system (click for light)', light: 'Theme: light (click for dark)', dark: 'Theme: dark (click for the system’s)' };
const ICON = { auto: '◐', light: '☀', dark: '☾' };

export function initTopbar(slot) {
  const clock = h('time', { class: 'utc-clock', id: 'utc-clock', 'aria-label': 'Time now, UTC' });
  const paint = () => {
    // The real time by the server's clock, also in an exercise (whose own time is shown beside).
    const d = new Date(realNow());
    const text = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
    if (clock.textContent !== text) {
      clock.textContent = text;
      clock.dateTime = d.toISOString();
    }
  };
  paint();
  setInterval(paint, 1000);
  const theme = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    id: 'theme-switch',
    'aria-label': LABEL[chosenTheme()],
    title: LABEL[chosenTheme()],
    onclick: () => {
      localStorage.setItem(THEME_KEY, NEXT[chosenTheme()]);
      theme.textContent = ICON[chosenTheme()];
      theme.setAttribute('aria-label', LABEL[chosenTheme()]);
      theme.title = LABEL[chosenTheme()];
      applyTheme();
    },
  }, ICON[chosenTheme()]);
  replace(slot, clock, theme);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);
}
