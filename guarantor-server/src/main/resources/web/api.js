// The one place that talks to the server. Every request that changes state is signed with the
// officer's key in this browser (docs/security.md): the RFC 8785 text of {at, body, key, log, nonce,
// party, request}, Ed25519, in the Guarantor-* headers. Reads carry the bearer token of a session
// that the key signed in for; when it expires, or the server forgets it (a restart), the page signs
// in again with the key, silently, and asks once more. Problem+json bodies become ApiProblem errors
// that keep the field paths (so forms can show each message next to its field), and the server's
// clock is followed so countdowns match the deadlines the server enforces.

import { canonicalize } from './canonical.js';
import { randomText, sign } from './keys.js';

const SESSION_KEY = 'guarantor.session';

/** Renew a session this long before the server would let it expire. */
const RENEW_BEFORE_MS = 60 * 1000;

/** {token, expiresAt, party, role, key}: the server's answer to a sign-in, kept for this tab. */
let session = readSession();
/** The stored key ({id, party, privateKey, …}) that signs for this tab. */
let signer = null;
let renewing = null;
let renewTimer = null;
let logId = null;
let clockOffsetMs = 0;
/** An exercise's virtual time (epoch ms): it stands still until the secretariat moves it. */
let virtualNow = null;
let onUnauthenticated = () => {};

/** The refusals that mean this key will sign nothing more here: it must be replaced. */
const KEY_REFUSED = ['KEY_REVOKED', 'KEY_UNKNOWN'];

/** An error answer from the API: status, title, detail and [{path, type, message}]. */
export class ApiProblem extends Error {
  constructor(status, body) {
    const b = body && typeof body === 'object' ? body : {};
    super(b.detail || b.title || `HTTP ${status}`);
    this.status = status;
    this.title = b.title || `HTTP ${status}`;
    this.errors = Array.isArray(b.errors) ? b.errors : [];
  }

  /** Whether the server gave this reason type (e.g. KEY_REVOKED). */
  has(...types) {
    return this.errors.some((e) => types.includes(e.type));
  }

  /** The server's reasons in words (without the field paths), or the detail. */
  get reasons() {
    return this.errors.map((e) => e.message).join('; ') || this.message;
  }
}

function readSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return s && typeof s.token === 'string' ? s : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the session for this tab only: closing the tab forgets the token (the key stays in the
 * browser's key store, so signing in again is one click).
 */
function setSession(value) {
  session = value;
  clearTimeout(renewTimer);
  if (value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    scheduleRenewal();
  } else {
    sessionStorage.removeItem(SESSION_KEY);
  }
}

function scheduleRenewal() {
  clearTimeout(renewTimer);
  const expires = Date.parse(session?.expiresAt);
  if (!signer || !Number.isFinite(expires)) {
    return;
  }
  const wait = Math.max(expires - (Date.now() + clockOffsetMs) - RENEW_BEFORE_MS, 5000);
  // A failure here is not final: the next read that is refused tries again, and says why if not.
  renewTimer = setTimeout(() => renew().catch(() => {}), wait);
}

export function getToken() {
  return session?.token || null;
}

/** The session this tab holds ({token, expiresAt, party, role, key}), or null. */
export function currentSession() {
  return session;
}

/** The key that signs for this tab, or null. */
export function signingKey() {
  return signer;
}

/** Signs with this stored key from now on (null: with none). */
export function useKey(key) {
  signer = key;
  scheduleRenewal();
}

/** Called with a message when the server refuses this tab's key or session for good. */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

/**
 * Signs in for reads with the key: a fresh challenge from the server, signed, buys a session token
 * (docs/security.md, "Sign-in for reads"). Throws the server's refusal (e.g. KEY_REVOKED) as is.
 */
export async function signIn(key) {
  useKey(key);
  const { challenge, log } = (await request('GET', '/api/v1/session/challenge', undefined, { anonymous: true })).data;
  if (log) {
    logId = log;
  }
  const answer = (await request('POST', '/api/v1/session', { challenge }, { anonymous: true, quiet401: true })).data;
  if (answer.party !== key.party) {
    throw new Error(`The server signed this key in as ${answer.party}, not ${key.party}.`);
  }
  setSession({ token: answer.token, expiresAt: answer.expiresAt, party: answer.party, role: answer.role, key: answer.key });
  return answer;
}

/** Signs in again with the same key; concurrent callers share one attempt. */
function renew() {
  if (!signer) {
    return Promise.reject(new Error('No key in this browser signs for this tab.'));
  }
  renewing ??= signIn(signer).finally(() => {
    renewing = null;
  });
  return renewing;
}

/** Ends the session on the server (best effort) and forgets it here; the key stays stored. */
export async function signOut() {
  if (getToken()) {
    await request('DELETE', '/api/v1/session', undefined, { quiet401: true }).catch(() => {});
  }
  setSession(null);
  signer = null;
}

/** GET /health: status, log position, the log's id and whether it is a demonstration. */
export async function health() {
  const res = await fetch('/health', { cache: 'no-store' });
  noteServerClock(res);
  const answer = await res.json();
  if (answer.log) {
    logId = answer.log;
  }
  return answer;
}

async function currentLogId() {
  return logId ?? (await health()).log;
}

/**
 * The Guarantor-* headers that sign a request. The signing time is the server's (as far as its
 * Date header tells), so a browser whose clock is off by minutes still signs acceptably; the path
 * is the one fetch will send (as the server sees it, without the query).
 */
async function signatureHeaders(method, path, body) {
  if (!signer) {
    throw new Error('No key in this browser signs for you: sign in again.');
  }
  const log = await currentLogId();
  const at = new Date(Date.now() + clockOffsetMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const nonce = randomText(18);
  const text = canonicalize({
    at,
    // The body exactly as the server will parse it from what JSON.stringify sends.
    body: body === undefined ? {} : JSON.parse(JSON.stringify(body)),
    key: signer.id,
    log,
    nonce,
    party: signer.party,
    request: `${method} ${new URL(path, location.href).pathname}`,
  });
  return {
    'Guarantor-Key': signer.id,
    'Guarantor-Party': signer.party,
    'Guarantor-Signed-At': at,
    'Guarantor-Nonce': nonce,
    'Guarantor-Signature': await sign(signer.privateKey, text),
  };
}

/** Now, by the server's clock (to within a second), in epoch milliseconds. */
export function serverNow() {
  return virtualNow ?? Date.now() + clockOffsetMs;
}

/** Now by the server's real clock, also in an exercise (for the UTC clock in the top bar). */
export function realNow() {
  return Date.now() + clockOffsetMs;
}

/** Counts down by an exercise's virtual clock from now on (ISO instant of the engine's time). */
export function useVirtualClock(iso) {
  const t = Date.parse(iso);
  if (Number.isFinite(t)) {
    virtualNow = t;
  }
}

function noteServerClock(res) {
  const date = res.headers.get('Date');
  if (!date || virtualNow !== null) {
    return;
  }
  // The Date header has whole seconds; half a second is the expected truncation. Small
  // differences are noise, so only a real skew moves the countdowns.
  const offset = Date.parse(date) + 500 - Date.now();
  if (Number.isFinite(offset) && Math.abs(offset) > 2000) {
    clockOffsetMs = offset;
  }
}

/**
 * One request. POST and DELETE are signed; others carry the session token. A refused read (401)
 * signs in again with the key and is asked once more; a signed request is never sent twice, so a
 * refusal of it (the key revoked, a bad signature) reaches the caller to show.
 *
 * @param opts.quiet401 a 401 is the caller's to handle (sign-in itself)
 * @param opts.anonymous send no token (sign-in itself)
 * @param opts.blob answer the body as a Blob (downloads)
 */
export async function request(method, path, body, { quiet401 = false, anonymous = false, blob = false, again = false, cache = 'no-store' } = {}) {
  const headers = { Accept: 'application/json' };
  const token = getToken();
  if (token && !anonymous) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const signed = method === 'POST' || method === 'DELETE';
  if (signed) {
    Object.assign(headers, await signatureHeaders(method, path, body));
  }
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache,
  });
  noteServerClock(res);
  if (res.ok && blob) {
    return { status: res.status, data: await res.blob() };
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text };
    }
  }
  if (res.ok) {
    return { status: res.status, data };
  }
  const problem = new ApiProblem(res.status, data);
  if (signed && problem.has('BAD_SIGNATURE')) {
    // Perhaps the server now runs another log: read its id afresh for the next request.
    logId = null;
  }
  if (res.status === 401 && !quiet401) {
    if (!signed && !again && signer) {
      // The session expired, or the server restarted and forgot it: sign in again and ask again.
      try {
        await renew();
      } catch (e) {
        if (e instanceof ApiProblem) {
          onUnauthenticated(`The server no longer signs this key in: ${e.reasons}`);
        }
        throw e instanceof ApiProblem ? e : problem;
      }
      return request(method, path, body, { quiet401, anonymous, blob, again: true, cache });
    }
    if (!signed) {
      onUnauthenticated('The server no longer accepts this session; sign in again.');
    } else if (problem.has(...KEY_REFUSED)) {
      onUnauthenticated(`The server refused this browser's key: ${problem.reasons}`);
    }
  }
  throw problem;
}

export async function get(path) {
  return (await request('GET', path)).data;
}

export async function post(path, body = {}) {
  return (await request('POST', path, body)).data;
}

/**
 * A GET of public data that the browser may keep as the server says (the base map: the same for
 * everyone, 190 KB, cacheable for an hour): no token, the HTTP cache's ordinary rules. Null when
 * the route is absent.
 */
export async function getPublic(path) {
  try {
    return (await request('GET', path, undefined, { anonymous: true, cache: 'default' })).data;
  } catch (e) {
    if (e instanceof ApiProblem && [404, 405, 501].includes(e.status)) {
      return null;
    }
    throw e;
  }
}

/** A GET whose answer is a file (the ledger's CSV), as a Blob. */
export async function getBlob(path) {
  return (await request('GET', path, undefined, { blob: true })).data;
}

/**
 * GET for endpoints that a server version may not have yet: null when the route is absent
 * (404, 405, 501), so the page can leave that layer or view out instead of failing.
 */
export async function getOptional(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiProblem && [404, 405, 501].includes(e.status)) {
      return null;
    }
    throw e;
  }
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
