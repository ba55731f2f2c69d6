// Alerts for a duty officer who is not looking: a new incident, a new tasking (to a guarantor), a
// tasking gone overdue, a breach. Each is counted in the tab's title until the officer looks,
// sounds a short tone (unless switched off; the choice is kept in this browser), shows a desktop
// notification if the officer allowed them, and marks the new rows in the list. The first look
// after sign-in is the baseline: only what changes after it alerts.

import { h, replace } from './dom.js';
import { markFresh, pictureIncidents, repaintList } from './incidents.js';

const SOUND_KEY = 'guarantor.sound';

let ctx;
let baseline = null;
let unseen = 0;
let audio = null;
let soundButton = null;
let notifyButton = null;
/** Every alert so far, for the browser tests and the console: [{kind, id, text}]. */
const raised = [];

export function initAlerts(context, slot) {
  ctx = context;
  soundButton = h('button', { type: 'button', class: 'btn btn-quiet', id: 'alert-sound', onclick: toggleSound });
  notifyButton = h('button', { type: 'button', class: 'btn btn-quiet', id: 'alert-notify', onclick: askNotifications, title: 'Ask the browser for desktop notifications of alerts' }, 'Notify');
  replace(slot, soundButton, 'Notification' in window && Notification.permission !== 'granted' ? notifyButton : null);
  paintSound();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      seen();
    }
  });
  // Looking at the page (a click, a key) is seeing the alerts.
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, seen, { passive: true });
  }
  window.guarantorAlerts = raised;
}

export function soundOn() {
  return localStorage.getItem(SOUND_KEY) !== 'off';
}

function paintSound() {
  const on = soundOn();
  soundButton.textContent = on ? '♪ On' : '♪ Off';
  soundButton.setAttribute('aria-pressed', String(on));
  soundButton.setAttribute('aria-label', 'Alert sound');
  soundButton.title = on ? 'Alerts sound a tone; click to silence them' : 'Alerts are silent; click to hear them';
}

function toggleSound() {
  localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on');
  paintSound();
}

async function askNotifications() {
  const answer = await Notification.requestPermission();
  if (answer === 'granted') {
    notifyButton.remove();
  } else {
    notifyButton.textContent = 'Blocked';
    notifyButton.title = 'The browser blocks desktop notifications from this page';
    notifyButton.disabled = true;
  }
}

function tone(kind) {
  if (!soundOn()) {
    return;
  }
  try {
    audio = audio || new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = kind === 'breach' || kind === 'overdue' ? 880 : 660;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.4);
    window.guarantorTones = (window.guarantorTones || 0) + 1;
  } catch {
    // No audio device (a server without sound): the title and the rows still say it.
  }
}

function notify(text) {
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      new Notification('Guarantor', { body: text, tag: 'guarantor' });
    } catch {
      // Some browsers allow notifications from a service worker only.
    }
  }
}

function title() {
  const base = document.title.replace(/^\(\d+\) /, '');
  document.title = unseen ? `(${unseen}) ${base}` : base;
}

/** The officer has looked: the count in the title goes. */
export function seen() {
  if (unseen) {
    unseen = 0;
    title();
  }
}

/** Keeps the count when a view changes the title. */
export function retitle() {
  title();
}

/** What the picture holds now, as sets to compare with the last look. */
function look() {
  const incidents = new Set();
  const taskings = new Set();
  const overdue = new Set();
  const breached = new Set();
  for (const i of pictureIncidents()) {
    incidents.add(i.id);
    for (const t of i.taskings || []) {
      taskings.add(t.id);
      if (t.state === 'OVERDUE') {
        overdue.add(t.id);
      }
      if (t.state === 'BREACHED') {
        breached.add(t.id);
      }
    }
  }
  return { incidents, taskings, overdue, breached };
}

/** After every refresh: whatever appeared since the last look raises an alert. */
export function onChange() {
  const now = look();
  if (baseline === null) {
    baseline = now;
    return;
  }
  const added = (kind) => [...now[kind]].filter((id) => !baseline[kind].has(id));
  const alerts = [];
  const newIncidents = added('incidents');
  for (const id of newIncidents) {
    alerts.push({ kind: 'incident', id, text: `New incident ${id}` });
  }
  if (ctx.me.role === 'GUARANTOR') {
    for (const id of added('taskings')) {
      alerts.push({ kind: 'tasking', id, text: `New tasking ${id}` });
    }
  }
  for (const id of added('overdue')) {
    alerts.push({ kind: 'overdue', id, text: `Tasking ${id} is overdue` });
  }
  for (const id of added('breached')) {
    alerts.push({ kind: 'breach', id, text: `Tasking ${id} breached` });
  }
  baseline = now;
  if (!alerts.length) {
    return;
  }
  if (newIncidents.length) {
    markFresh(newIncidents);
    repaintList().catch(() => {});
  }
  raised.push(...alerts);
  unseen += alerts.length;
  title();
  const worst = alerts.find((a) => a.kind === 'breach') || alerts.find((a) => a.kind === 'overdue') || alerts[0];
  tone(worst.kind);
  notify(alerts.length === 1 ? alerts[0].text : `${worst.text} and ${alerts.length - 1} more`);
}
