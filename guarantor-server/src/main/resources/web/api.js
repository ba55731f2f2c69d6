// The one place that talks to the server. It attaches the party's token, turns problem+json
// bodies into ApiProblem errors that keep the field paths (so forms can show each message next to
// its field), and follows the server's clock so countdowns match the deadlines the server enforces.

const TOKEN_KEY = 'guarantor.token';

let token = sessionStorage.getItem(TOKEN_KEY);
let clockOffsetMs = 0;
/** An exercise's virtual time (epoch ms): it stands still until the secretariat moves it. */
let virtualNow = null;
let onUnauthenticated = () => {};

/** An error answer from the API: status, title, detail and [{path, type, message}]. */
export class ApiProblem extends Error {
  constructor(status, body) {
    const b = body && typeof body === 'object' ? body : {};
    super(b.detail || b.title || `HTTP ${status}`);
    this.status = status;
    this.title = b.title || `HTTP ${status}`;
    this.errors = Array.isArray(b.errors) ? b.errors : [];
  }
}

export function getToken() {
  return token;
}

/** Keeps the token for this tab only: closing the tab signs the party out. */
export function setToken(value) {
  token = value;
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

/** Now, by the server's clock (to within a second), in epoch milliseconds. */
export function serverNow() {
  return virtualNow ?? Date.now() + clockOffsetMs;
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

export async function request(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  noteServerClock(res);
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text };
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !quiet401) {
      onUnauthenticated();
    }
    throw new ApiProblem(res.status, data);
  }
  return { status: res.status, data };
}

export async function get(path) {
  return (await request('GET', path)).data;
}

export async function post(path, body = {}) {
  return (await request('POST', path, body)).data;
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
