// Hash routes, so every page is a link that works on plain static hosting:
//   #/                          the home page; filters as a query: #/?q=kv&category=databases
//   #/package/<name>            a package at its latest version
//   #/package/<name>/<version>  a package at one version

/**
 * @typedef {import('./search.js').Query} Query
 * @typedef {{ view: 'home', query: Query } | { view: 'package', name: string, version?: string } | { view: 'missing', hash: string }} Route
 */

/** Query keys a home hash may carry. */
const QUERY_KEYS = /** @type {const} */ (['q', 'category', 'tag', 'maintainer']);

/**
 * The route of a location hash.
 * @param {string} hash location.hash, with its '#'
 * @returns {Route}
 */
export function parseHash(hash) {
  const raw = hash.replace(/^#/, '');
  if (raw === '' || raw === '/') return { view: 'home', query: {} };
  if (raw.startsWith('/?')) {
    const params = new URLSearchParams(raw.slice(2));
    /** @type {Query} */
    const query = {};
    for (const key of QUERY_KEYS) {
      const value = params.get(key);
      if (value !== null && value.trim() !== '') query[key] = value;
    }
    return { view: 'home', query };
  }
  const m = /^\/package\/([^/]+)(?:\/([^/]+))?\/?$/.exec(raw);
  if (m) {
    try {
      const name = decodeURIComponent(/** @type {string} */ (m[1]));
      return m[2] === undefined ? { view: 'package', name } : { view: 'package', name, version: decodeURIComponent(m[2]) };
    } catch {
      // A malformed escape is a link nobody wrote on purpose.
    }
  }
  return { view: 'missing', hash: raw };
}

/**
 * The hash of the home page with a query (empty values dropped, keys in a fixed order).
 * @param {Query} query
 */
export function homeHash(query) {
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '#/' : `#/?${text}`;
}

/**
 * The hash of a package page.
 * @param {string} name
 * @param {string} [version]
 */
export function packageHash(name, version) {
  return `#/package/${encodeURIComponent(name)}${version === undefined ? '' : `/${encodeURIComponent(version)}`}`;
}
