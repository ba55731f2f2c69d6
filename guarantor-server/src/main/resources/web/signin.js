// Signing in. A party acts here through an officer key that lives in this browser (keys.js): one
// already stored, a key file imported, a key made here and enrolled with a one-time code from the
// party's key officer, or, on a demonstration server, the demonstration key of any party. With a
// key, the page signs a server challenge for a session token (api.js). The list of parties (public
// treaty data, no secrets) is remembered in localStorage so a demonstration can switch party with
// one click next time.

import { ApiProblem, health, request, useKey } from './api.js';
import * as keys from './keys.js';
import { h, replace } from './dom.js';
import { words } from './format.js';

const PARTIES_KEY = 'guarantor.parties';

export function rememberParties(parties) {
  try {
    localStorage.setItem(PARTIES_KEY, JSON.stringify(parties.map(({ code, name, role }) => ({ code, name, role }))));
  } catch {
    // Private windows may refuse storage; the quick picks are a convenience only.
  }
}

function rememberedParties() {
  try {
    return JSON.parse(localStorage.getItem(PARTIES_KEY) || '[]');
  } catch {
    return [];
  }
}

/** What a refusal or a failure says, in words for the person signing in. */
export function messageOf(e) {
  if (e instanceof ApiProblem) {
    return e.reasons;
  }
  return e.message || String(e);
}

// ---- getting a key ------------------------------------------------------------------------------

/** Imports a chosen key file and keeps its key (non-extractable) in this browser. */
async function fromFile(file) {
  let jwk;
  try {
    jwk = JSON.parse(await file.text());
  } catch {
    throw new keys.KeyProblem(`${file.name} is not a key file (it is not JSON).`);
  }
  const key = await keys.fromKeyFile(jwk, 'file');
  await keys.store(key);
  return key;
}

/**
 * Makes a key pair here and registers its public key with a one-time code that the party's root
 * offered. The request is signed by the new key itself, which proves to the server that whoever
 * enrols holds it. The key is kept only once the server has registered it.
 */
async function enrol(party, code, label) {
  const key = await keys.generate(party, label);
  useKey(key);
  try {
    const answer = (await request('POST', '/api/v1/keys/enrol', { code, publicKey: key.x, label }, { anonymous: true, quiet401: true })).data;
    const registered = { ...key, label: answer.label ?? label };
    await keys.store(registered);
    return registered;
  } catch (e) {
    useKey(null);
    throw e;
  }
}

/** A demonstration party's officer key, as the demonstration server hands it out. */
async function demoKey(party) {
  const jwk = (await request('GET', `/api/v1/demo/keys/${encodeURIComponent(party)}`, undefined, { anonymous: true, quiet401: true })).data;
  const key = await keys.fromKeyFile(jwk, 'demo');
  await keys.store(key);
  return key;
}

// ---- the form -----------------------------------------------------------------------------------

/**
 * Shows the sign-in screen. submit(key) signs in with a stored key (and enters the picture); a
 * failure of it or of getting a key is shown on the screen.
 */
export async function renderSignIn(section, submit, message) {
  const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert', hidden: !message }, message || '');
  const busy = new Set();
  const attempt = async (control, work) => {
    if (busy.size) {
      return;
    }
    busy.add(control);
    control.disabled = true;
    error.hidden = true;
    try {
      await submit(await work());
    } catch (e) {
      error.textContent = messageOf(e);
      error.hidden = false;
      error.scrollIntoView({ block: 'nearest' });
    } finally {
      busy.delete(control);
      control.disabled = false;
    }
  };

  const [server, canSign, stored] = await Promise.all([health().catch(() => ({})), keys.supported(), keys.all().catch(() => [])]);

  const storedList = h('section', { class: 'signin-part', 'aria-labelledby': 'stored-title' });
  const showStored = (list) => {
    replace(
      storedList,
      h('h2', { id: 'stored-title' }, 'Keys in this browser'),
      list.length
        ? h(
            'ul',
            { class: 'key-list', id: 'stored-keys' },
            list.map((k) => {
              const signIn = h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'signin' } }, `Sign in as ${k.party}`);
              signIn.addEventListener('click', () => attempt(signIn, async () => k));
              const forget = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { action: 'forget' } }, 'Forget this key');
              const actions = h('div', { class: 'actions' }, signIn, forget);
              // Asked in place rather than in a dialog: forgetting cannot be undone here.
              forget.addEventListener('click', () => {
                const yes = h('button', { type: 'button', class: 'btn btn-danger', dataset: { action: 'forget-confirm' } }, 'Forget it');
                const no = h('button', { type: 'button', class: 'btn btn-quiet' }, 'Keep it');
                yes.addEventListener('click', async () => {
                  await keys.forget(k.id);
                  showStored(await keys.all());
                  storedList.querySelector('button, h2')?.focus();
                });
                no.addEventListener('click', () => {
                  replace(actions, signIn, forget);
                  forget.focus();
                });
                replace(actions, h('span', { class: 'hint' }, `Signing in as ${k.party} here will then need the key file or a new enrolment.`), yes, no);
                no.focus();
              });
              return h(
                'li',
                { class: 'stored-key', dataset: { key: k.id, party: k.party } },
                h('div', { class: 'key-what' }, h('strong', {}, k.party), h('span', {}, k.label || 'officer key'), h('code', { title: k.id }, `${k.id.slice(0, 10)}…`), h('span', { class: 'hint' }, SOURCES[k.source] || '')),
                actions,
              );
            }),
          )
        : h('p', { class: 'hint' }, 'None yet. Import your officer key file, or enrol this browser with a one-time code.'),
    );
  };
  showStored(stored);

  const file = h('input', { id: 'key-file', type: 'file', accept: '.jwk,.json,application/json,application/jwk+json' });
  file.addEventListener('change', () => {
    const chosen = file.files[0];
    if (chosen) {
      attempt(file, () => fromFile(chosen)).finally(() => {
        file.value = '';
      });
    }
  });

  const enrolParty = h('input', { id: 'enrol-party', name: 'party', autocomplete: 'off', spellcheck: 'false', maxlength: 3, required: true, pattern: '[A-Za-z]{3}', placeholder: 'POL' });
  const enrolCode = h('input', { id: 'enrol-code', name: 'code', type: 'password', autocomplete: 'one-time-code', spellcheck: 'false', required: true });
  const enrolLabel = h('input', { id: 'enrol-label', name: 'label', autocomplete: 'off', maxlength: 200, value: 'Browser key' });
  const enrolSubmit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'enrol-submit' }, 'Enrol this browser and sign in');

  replace(
    section,
    h(
      'div',
      { class: 'signin-card' },
      h('h1', { id: 'signin-title' }, 'Sign in'),
      h('p', {}, 'You act for your party with its officer key. The key stays in this browser: the page signs with it, but neither the page nor anything else can read it back out, and it is never sent to the server.'),
      canSign ? null : h('p', { class: 'form-error', role: 'alert' }, 'This browser cannot sign with Ed25519 keys. Use a current Chromium, Chrome, Edge, Firefox or Safari.'),
      error,
      storedList,
      // On a demonstration server the demonstration keys are what nearly everyone wants.
      server.demo ? demoPart(attempt) : null,
      h(
        'section',
        { class: 'signin-part', 'aria-labelledby': 'file-title' },
        h('h2', { id: 'file-title' }, 'Import a key file'),
        h('label', { for: 'key-file' }, 'Officer key file (.jwk)'),
        file,
        h('p', { class: 'field-hint' }, 'The file is read here and its key imported so that it cannot be read out again; nothing of it is sent. Keep the file safe, or delete it.'),
      ),
      h(
        'section',
        { class: 'signin-part', 'aria-labelledby': 'enrol-title' },
        h('h2', { id: 'enrol-title' }, 'Enrol this browser'),
        h(
          'form',
          {
            id: 'enrol-form',
            onsubmit: (e) => {
              e.preventDefault();
              attempt(enrolSubmit, () => enrol(enrolParty.value.trim().toUpperCase(), enrolCode.value.trim(), enrolLabel.value.trim()));
            },
          },
          h('label', { for: 'enrol-party' }, 'Party code'),
          enrolParty,
          h('label', { for: 'enrol-code' }, 'One-time enrolment code'),
          enrolCode,
          h('label', { for: 'enrol-label' }, 'Name for this key'),
          enrolLabel,
          h('p', { class: 'field-hint' }, "Your party's key officer offers the code (good once, for a short time). This browser makes a new key; only its public half goes to the server."),
          enrolSubmit,
        ),
      ),
    ),
  );
  (stored.length ? storedList.querySelector('button') : file)?.focus();
}

const SOURCES = { file: 'imported from a key file', enrolled: 'made in this browser', demo: 'demonstration key' };

/** On a demonstration server: any party's demonstration key, with one click for known parties. */
function demoPart(attempt) {
  const code = h('input', { id: 'demo-party', name: 'demo-party', autocomplete: 'off', spellcheck: 'false', maxlength: 3, required: true, pattern: '[A-Za-z]{3}', placeholder: 'SEC' });
  const go = h('button', { type: 'submit', class: 'btn', id: 'demo-submit' }, 'Sign in with its demonstration key');
  const pick = (p) => {
    const b = h('button', { type: 'button', class: 'btn quick-party', dataset: { party: p.code } }, h('strong', {}, p.code), h('span', {}, `${p.name} · ${words(p.role === 'PROTECTED' ? 'PROTECTED_STATE' : p.role).toLowerCase()}`));
    b.addEventListener('click', () => attempt(b, () => demoKey(p.code)));
    return b;
  };
  const remembered = rememberedParties();
  const list = h('div', { class: 'quick-list', id: 'demo-parties' }, remembered.map(pick));
  if (!remembered.length) {
    // A first visit: the demonstration server says which parties it has keys for.
    request('GET', '/api/v1/demo/keys', undefined, { anonymous: true, quiet401: true })
      .then(({ data }) => replace(list, (data.parties || []).map(pick)))
      .catch(() => {});
  }
  return h(
    'section',
    { class: 'signin-part quick', 'aria-labelledby': 'demo-title' },
    h('h2', { id: 'demo-title' }, 'Demonstration parties'),
    h('p', { class: 'hint' }, 'This server runs a demonstration: it hands out every party\'s key, so anyone here can act as any party, and its log proves nothing.'),
    list,
    h(
      'form',
      {
        id: 'demo-form',
        onsubmit: (e) => {
          e.preventDefault();
          attempt(go, () => demoKey(code.value.trim().toUpperCase()));
        },
      },
      h('label', { for: 'demo-party' }, 'Party code'),
      code,
      go,
    ),
  );
}
