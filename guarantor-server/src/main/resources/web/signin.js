// Signing in with the same bearer token the API takes. The token stays in this tab's
// sessionStorage; the list of parties (public treaty data, no secrets) is remembered in
// localStorage so a demonstration can switch party with one click next time.

import { h, replace } from './dom.js';
import { words } from './format.js';

const PARTIES_KEY = 'guarantor.parties';
/** The demonstration server's token scheme (see the server's Tokens class): demo- + party code. */
export const DEMO_PREFIX = 'demo-';

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

/** The party code a token names, for the demonstration scheme; null for any other token. */
export function codeOf(token) {
  return token && token.startsWith(DEMO_PREFIX) ? token.slice(DEMO_PREFIX.length) : null;
}

/** Shows the sign-in form; calls submit(token) and shows its error message if it throws. */
export function renderSignIn(section, submit, message) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const error = h('p', { class: 'form-error', id: 'token-error', role: 'alert', hidden: !message }, message || '');
  input.setAttribute('aria-describedby', 'token-error token-hint');
  const go = async (token) => {
    error.hidden = true;
    try {
      await submit(token.trim());
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      input.focus();
    }
  };
  const parties = rememberedParties();
  replace(
    section,
    h(
      'div',
      { class: 'signin-card' },
      h('h1', { id: 'signin-title' }, 'Sign in'),
      h('p', {}, 'Sign in as your party with its access token. The token is kept in this browser tab only.'),
      h(
        'form',
        {
          onsubmit: (e) => {
            e.preventDefault();
            go(input.value);
          },
        },
        h('label', { for: 'token' }, 'Access token'),
        input,
        h('p', { class: 'field-hint', id: 'token-hint' }, `On a demonstration server a token is ${DEMO_PREFIX} and the party code, e.g. ${DEMO_PREFIX}SEC.`),
        error,
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'signin-submit' }, 'Sign in'),
      ),
      parties.length
        ? h(
            'section',
            { class: 'quick' },
            h('h2', {}, 'Demonstration parties'),
            h(
              'div',
              { class: 'quick-list' },
              parties.map((p) =>
                h(
                  'button',
                  { type: 'button', class: 'btn quick-party', onclick: () => go(`${DEMO_PREFIX}${p.code}`) },
                  h('strong', {}, p.code),
                  h('span', {}, `${p.name} · ${words(p.role === 'PROTECTED' ? 'PROTECTED_STATE' : p.role).toLowerCase()}`),
                ),
              ),
            ),
          )
        : null,
    ),
  );
  input.focus();
}
