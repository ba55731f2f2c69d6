// The page's entry: the sign-in screen, and the operations picture once signed in. Only the few
// modules that sign in load here; the picture (app.js and its twenty-odd modules) and Leaflet load
// after sign-in, so the sign-in screen is quick and runs no code it does not need.

import { whenUnauthenticated, currentSession, signIn as openSession, signOut as endSession, useKey } from './api.js';
import * as keys from './keys.js';
import { renderSignIn, messageOf } from './signin.js';
import { initTopbar, applyTheme } from './topbar.js';

const $ = (id) => document.getElementById(id);

let app = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`${src} did not load`));
    document.head.appendChild(s);
  });
}

/** The picture's code: Leaflet first (a classic script that defines L), then the app modules. */
async function loadApp() {
  if (!app) {
    if (!window.L) {
      await loadScript('/webjars/leaflet/1.9.4/dist/leaflet.js');
    }
    app = await import('./app.js');
  }
  return app;
}

async function enterAs(party) {
  await (await loadApp()).enterAs(party);
}

/** Signs in for reads with a key stored in this browser, then enters as its party. */
async function signIn(key) {
  // Loading the picture's code while the server answers the sign-in costs no time.
  const loading = loadApp();
  await openSession(key);
  await loading;
  await enterAs(currentSession().party);
}

let signingOut = false;

/** Ends the session (the key stays in this browser) and shows the sign-in screen with a message. */
async function signOut(message) {
  if (signingOut) {
    return;
  }
  signingOut = true;
  app?.stop();
  await endSession();
  sessionStorage.setItem('guarantor.signout', message || '');
  location.hash = '';
  location.reload();
}

function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  setTimeout(() => {
    el.hidden = true;
  }, 6000);
}

function showSignIn(message) {
  $('signin').hidden = false;
  $('workspace').hidden = true;
  $('page').hidden = true;
  renderSignIn($('signin'), signIn, message).catch((e) => toast(`The sign-in screen could not be shown: ${e.message}`));
}

async function boot() {
  applyTheme();
  initTopbar($('topbar-extra'));
  whenUnauthenticated((message) => signOut(message));
  $('signout').addEventListener('click', () => signOut(''));
  const message = sessionStorage.getItem('guarantor.signout');
  sessionStorage.removeItem('guarantor.signout');
  // A reload keeps the tab's session; its key comes back from the browser's key store.
  const session = currentSession();
  const key = session ? await keys.load(session.key).catch(() => null) : null;
  if (!key) {
    if (session) {
      await endSession();
    }
    showSignIn(message);
    return;
  }
  useKey(key);
  try {
    await enterAs(key.party);
  } catch (e) {
    showSignIn(messageOf(e));
  }
}

boot().catch((e) => toast(`The page could not start: ${e.message}`));
