// Client-side search over packages.json, with the same ranking idea as `universe search`: a query
// is split into terms, every term must match somewhere (AND), and a term scores most on the name
// (exact, then prefix, then substring), then tags, maintainer and description. Facet filters are
// exact, case-insensitive, and combine with AND.

/**
 * @typedef {{ q?: string, category?: string, tag?: string, maintainer?: string }} Query
 * @typedef {{ pkg: any, score: number }} Hit
 */

/**
 * The lower-cased terms of a query string.
 * @param {string | undefined} q
 * @returns {string[]}
 */
export function terms(q) {
  return (q ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');
}

/**
 * How well one term matches one package, 0 when it does not.
 * @param {any} pkg
 * @param {string} term
 */
function termScore(pkg, term) {
  const name = String(pkg.name).toLowerCase();
  let best = 0;
  if (name === term) best = 100;
  else if (name.startsWith(term)) best = 80;
  else if (name.includes(term)) best = 60;
  for (const tag of list(pkg.tags)) {
    const t = tag.toLowerCase();
    if (t === term) best = Math.max(best, 40);
    else if (t.includes(term)) best = Math.max(best, 30);
  }
  if (typeof pkg.maintainer === 'string' && pkg.maintainer.toLowerCase().includes(term)) best = Math.max(best, 20);
  if (typeof pkg.description === 'string' && pkg.description.toLowerCase().includes(term)) best = Math.max(best, 10);
  return best;
}

/**
 * @param {unknown} value
 * @returns {string[]}
 */
export function list(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}

/**
 * True when the package passes every facet filter of the query except `skip` (facet counts are
 * computed over the other filters, so a reader sees what choosing a value would give).
 * @param {any} pkg
 * @param {Query} query
 * @param {keyof Query} [skip]
 */
function passesFilters(pkg, query, skip) {
  const eq = (/** @type {string} */ a, /** @type {string} */ b) => a.toLowerCase() === b.toLowerCase();
  if (query.category && skip !== 'category' && !list(pkg.categories).some((c) => eq(c, /** @type {string} */ (query.category)))) return false;
  if (query.tag && skip !== 'tag' && !list(pkg.tags).some((t) => eq(t, /** @type {string} */ (query.tag)))) return false;
  if (query.maintainer && skip !== 'maintainer' && !(typeof pkg.maintainer === 'string' && eq(pkg.maintainer, query.maintainer))) return false;
  return true;
}

/**
 * The packages matching a query, best first, then by name.
 * @param {readonly any[]} packages
 * @param {Query} query
 * @param {keyof Query} [skip] a facet filter to ignore
 * @returns {Hit[]}
 */
export function search(packages, query, skip) {
  const ts = terms(query.q);
  /** @type {Hit[]} */
  const hits = [];
  for (const pkg of packages) {
    if (!passesFilters(pkg, query, skip)) continue;
    let score = 0;
    let all = true;
    for (const term of ts) {
      const s = termScore(pkg, term);
      if (s === 0) {
        all = false;
        break;
      }
      score += s;
    }
    if (all) hits.push({ pkg, score });
  }
  return hits.sort((a, b) => b.score - a.score || compare(a.pkg.name, b.pkg.name));
}

/**
 * Counts of each value of a facet over the hits, sorted by count then value.
 * @param {readonly Hit[]} hits
 * @param {(pkg: any) => string[]} valuesOf
 * @returns {Array<[string, number]>}
 */
export function facetCounts(hits, valuesOf) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const { pkg } of hits) for (const v of new Set(valuesOf(pkg))) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
}

/**
 * Code-unit order, the same in every browser and locale (the build sorts the same way).
 * @param {string} a
 * @param {string} b
 */
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
