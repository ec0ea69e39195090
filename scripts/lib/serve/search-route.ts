/**
 * `GET /search?q=&tag=&category=&maintainer=`: the shared package search (consume/search.ts)
 * over the loaded artifact — the static API's summaries when it has them (they carry
 * maintainers), index.json otherwise. Answers `{"query":{…},"count":n,"results":[…]}`; recent
 * answers are cached per artifact.
 */
import { searchPackages, type SearchQuery } from '../consume/search.js';
import type { Artifact } from './artifact.js';
import type { Representation } from './representation.js';
import { jsonRepresentation } from './respond.js';

/** Longest value accepted for a search parameter. */
const MAX_SEARCH_PARAM = 200;

/** Answers kept per artifact; the cache is emptied when full (queries are cheap to recompute). */
const CACHE_LIMIT = 512;

const PARAMS = ['q', 'tag', 'category', 'maintainer'] as const;

const caches = new WeakMap<Artifact, Map<string, Representation>>();

/** The query of a search request, or an error message. */
export function parseSearch(params: URLSearchParams): SearchQuery | { error: string } {
  const query: SearchQuery = {};
  for (const name of PARAMS) {
    const all = params.getAll(name);
    if (all.length > 1) return { error: `give ${name} at most once` };
    const v = all[0]?.trim();
    if (v === undefined || v === '') continue;
    if (v.length > MAX_SEARCH_PARAM) return { error: `${name} is longer than ${MAX_SEARCH_PARAM} characters` };
    query[name] = v;
  }
  return query;
}

/** The answer to a search. */
export function searchAnswer(artifact: Artifact, query: SearchQuery): Representation {
  let cache = caches.get(artifact);
  if (!cache) caches.set(artifact, (cache = new Map()));
  const key = JSON.stringify(PARAMS.map((p) => query[p] ?? null));
  let rep = cache.get(key);
  if (!rep) {
    const source = artifact.summaries.size > 0 ? { packages: [...artifact.summaries.values()] } : artifact.index;
    const results = searchPackages(source, query);
    rep = jsonRepresentation({ query, count: results.length, results });
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, rep);
  }
  return rep;
}
