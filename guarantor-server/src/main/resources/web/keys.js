// The officer's key in this browser. The private key is a WebCrypto Ed25519 CryptoKey made
// non-extractable, whether imported from a key file, generated here for an enrolment, or taken from
// a demonstration server: the page can sign with it, but no script (ours or an injected one) can
// read it out. It is kept in IndexedDB, which stores the CryptoKey object itself (structured clone),
// so it survives a reload and a closed tab; "Forget this key" deletes it.
//
// A stored key: {id, party, role, label, x, privateKey, source, addedAt}, where id is the RFC 7638
// thumbprint of x (the id the server knows the key by) and source says where it came from
// ('file', 'enrolled', 'demo').

const DB_NAME = 'guarantor';
const STORE = 'keys';
const ED25519 = { name: 'Ed25519' };
const PARTY_CODE = /^[A-Z]{3}$/;

// ---- base64url and small helpers ----------------------------------------------------------------

export function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) {
    s += String.fromCharCode(b);
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new KeyProblem('is not base64url text');
  }
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Random bytes as base64url, for nonces and nothing that must stay secret longer than a request. */
export function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** SHA-256 of the text's UTF-8 bytes, base64url (the form of key ids and enrolment code hashes). */
export async function sha256(text) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** The key's id: its RFC 7638 JWK thumbprint (the required members, sorted, no whitespace). */
export function thumbprint(x) {
  return sha256(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`);
}

/** A key file or key that cannot be used; the message says why, for the person choosing it. */
export class KeyProblem extends Error {}

/** Whether this browser signs with Ed25519 at all (Chromium 137+, Firefox 129+, Safari 17+). */
export async function supported() {
  try {
    await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

/** Ed25519 signature of the text's UTF-8 bytes, base64url (86 characters). */
export async function sign(privateKey, text) {
  return base64url(await crypto.subtle.sign(ED25519, privateKey, new TextEncoder().encode(text)));
}

// ---- making keys -----------------------------------------------------------------------------

/**
 * A key from a JWK private key file as the guarantor CLI writes it ({kty, crv, x, d, kid, party,
 * role, label}): imported non-extractable, after checking that kid is the thumbprint of x and that
 * x is the public key of d (a probe signed with d must verify under x). The file's d is not kept.
 */
export async function fromKeyFile(jwk, source = 'file') {
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) {
    throw new KeyProblem('This is not a key file: a key file is one JSON Web Key, {"kty":"OKP","crv":"Ed25519",…}.');
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new KeyProblem(`This is not an Ed25519 key (kty "${jwk.kty}", crv "${jwk.crv}"); the treaty's keys are Ed25519 (kty "OKP", crv "Ed25519").`);
  }
  if (typeof jwk.d !== 'string' || !jwk.d) {
    throw new KeyProblem('This file holds a public key only (no "d"): signing needs the private key file.');
  }
  if (typeof jwk.x !== 'string' || fromBase64urlOrNull(jwk.x)?.length !== 32 || fromBase64urlOrNull(jwk.d)?.length !== 32) {
    throw new KeyProblem('The key in this file is malformed: "x" and "d" must each be 32 bytes in base64url.');
  }
  if (!PARTY_CODE.test(jwk.party || '')) {
    throw new KeyProblem('The key file does not say whose key it is: its "party" must be a three-letter party code.');
  }
  if (jwk.role && jwk.role !== 'OFFICER') {
    throw new KeyProblem(`This is a ${String(jwk.role).toLowerCase()} key. A root key signs key changes only and belongs offline; sign in with an officer key.`);
  }
  const id = await thumbprint(jwk.x);
  if (jwk.kid !== undefined && jwk.kid !== id) {
    throw new KeyProblem(`The file's key id ("kid") is not the thumbprint of its public key: expected ${id}. The file was altered or mixed up.`);
  }
  let privateKey;
  let publicKey;
  try {
    privateKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, ED25519, false, ['sign']);
    publicKey = await crypto.subtle.importKey('raw', fromBase64url(jwk.x), ED25519, true, ['verify']);
  } catch (e) {
    // Chromium checks x against d itself, and answers a DataError (x and d are well-formed here).
    throw new KeyProblem(
      e.name === 'DataError'
        ? MISMATCH
        : `This browser could not import the key (${e.name}${e.message ? `: ${e.message}` : ''}).`,
    );
  }
  const probe = new TextEncoder().encode(`guarantor key check ${randomText(12)}`);
  const ok = await crypto.subtle.verify(ED25519, publicKey, await crypto.subtle.sign(ED25519, privateKey, probe), probe);
  if (!ok) {
    throw new KeyProblem(MISMATCH);
  }
  return { id, party: jwk.party, role: 'OFFICER', label: typeof jwk.label === 'string' ? jwk.label : '', x: jwk.x, privateKey, source, addedAt: new Date().toISOString() };
}

const MISMATCH = 'The file\'s public key ("x") is not the public key of its private key ("d"). The file was altered or mixed up.';

function fromBase64urlOrNull(text) {
  try {
    return fromBase64url(text);
  } catch {
    return null;
  }
}

/**
 * A new key pair made here for an enrolment: the private key is non-extractable from birth, so it
 * has never existed outside this browser's key store. Not stored until the server has registered it.
 */
export async function generate(party, label) {
  const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
  const x = base64url(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { id: await thumbprint(x), party, role: 'OFFICER', label, x, privateKey: pair.privateKey, source: 'enrolled', addedAt: new Date().toISOString() };
}

// ---- the store -------------------------------------------------------------------------------

let opening = null;

function db() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }).catch((e) => {
    opening = null;
    throw new KeyProblem(`This browser cannot keep keys (IndexedDB: ${e?.message || e}). A private window may not allow it.`);
  });
  return opening;
}

async function tx(mode, work) {
  const store = (await db()).transaction(STORE, mode).objectStore(STORE);
  return new Promise((resolve, reject) => {
    const req = work(store);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Keeps a key (replacing one with the same id). */
export function store(key) {
  return tx('readwrite', (s) => s.put(key));
}

/** The stored key with this id, or null. */
export async function load(id) {
  return (await tx('readonly', (s) => s.get(id))) || null;
}

/** Every stored key, by party then label. */
export async function all() {
  const keys = await tx('readonly', (s) => s.getAll());
  return keys.sort((a, b) => a.party.localeCompare(b.party) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}

/** Deletes the key from this browser for good. */
export function forget(id) {
  return tx('readwrite', (s) => s.delete(id));
}
