// The canonical JSON of RFC 8785 (JCS), which is what a party signs: the server rebuilds the same
// text from the request it received and checks the signature against it, so a single byte of
// difference is a refused command. RFC 8785 was written so that ECMAScript produces it: strings,
// numbers, booleans and null serialize exactly as JSON.stringify does (section 3.2.2: the ES6
// number form, e.g. 1e+21, 0.1, -0 as 0; the short escapes and \u00XX for other controls), and
// object members are sorted by their names' UTF-16 code units, which is the order of the default
// Array.prototype.sort on strings. What is left to do here is the sorting, recursively.
// (A lone surrogate, which RFC 8785 refuses, is escaped by JSON.stringify as well as by the body we
// send; the server refuses such text at its field before it looks at the signature.)

/**
 * The RFC 8785 text of a JSON value (what JSON.parse returns: objects, arrays, strings, finite
 * numbers, booleans, null). Throws on what JSON cannot hold, instead of signing something the
 * server would read differently.
 */
export function canonicalize(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`JSON has no ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalize).join(',')}]`;
  }
  if (typeof value === 'object') {
    const names = Object.keys(value).sort();
    return `{${names.map((name) => `${JSON.stringify(name)}:${canonicalize(value[name])}`).join(',')}}`;
  }
  throw new TypeError(`JSON has no ${typeof value}`);
}
