// The catalogue reads only the static directory API that `universe build` writes next to this
// page, with relative URLs, so any static web server (or `universe serve`) can host it. Every
// response is fetched once per page load and shared.

/** @type {Map<string, Promise<unknown>>} */
const cache = new Map();

/** A request that failed, with the URL and a sentence for the reader. */
export class LoadError extends Error {
  /**
   * @param {string} url
   * @param {number} status HTTP status, 0 when the request did not complete
   * @param {string} message
   */
  constructor(url, status, message) {
    super(message);
    this.url = url;
    this.status = status;
  }
}

/**
 * GETs a JSON document of the static API, once.
 * @param {string} url relative URL
 * @returns {Promise<any>}
 */
function getJson(url) {
  let pending = cache.get(url);
  if (!pending) {
    pending = load(url);
    cache.set(url, pending);
    // A failure is not cached: the reader may retry after the server is back.
    pending.catch(() => cache.delete(url));
  }
  return pending;
}

/** @param {string} url */
async function load(url) {
  let response;
  try {
    // No custom headers: the request must match index.html's preload of packages.json.
    response = await fetch(url);
  } catch {
    throw new LoadError(url, 0, `Could not reach the server for ${url}; check the connection and reload.`);
  }
  if (!response.ok) throw new LoadError(url, response.status, `The server answered ${response.status} for ${url}.`);
  try {
    return await response.json();
  } catch {
    throw new LoadError(url, response.status, `${url} is not valid JSON; rebuild the artifact with 'universe build'.`);
  }
}

/** @returns {Promise<{packages: any[]}>} packages.json: one summary per package, sorted by name */
export const getPackages = () => getJson('packages.json');

/** @returns {Promise<{categories: any[]}>} categories.json: the repository's declared categories */
export const getCategories = () => getJson('categories.json');

/**
 * @param {string} name
 * @returns {Promise<{name: string, versions: any[]}>} versions.json, highest revision first
 */
export const getVersions = (name) => getJson(`packages/${encodeURIComponent(name)}/versions.json`);

/**
 * @param {string} name
 * @param {string} version
 * @returns {Promise<any>} spec.json of the highest revision with that version
 */
export const getSpec = (name, version) => getJson(`packages/${encodeURIComponent(name)}/${versionSegment(version)}/spec.json`);

/**
 * The URL path segment of a version. The build names the folder encodeURIComponent(version);
 * a web server decodes the request path once before looking up the file, so the segment is
 * encoded once more (a plain version such as 1.2.0 is unchanged by both).
 * @param {string} version
 * @public Imported by test/web/catalogue-modules.test.ts through a computed path knip cannot follow:
 * the catalogue's DOM-free logic, tested without a browser.
 */
export function versionSegment(version) {
  return encodeURIComponent(encodeURIComponent(version));
}
