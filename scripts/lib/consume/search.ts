/**
 * Package search over an index: free text ranked by where it matches, plus exact filters.
 * Shared by `universe search`, the server's `/search` and anything else that lists packages.
 */
import { compareStrings } from '../diagnostics/sort.js';
import { summarize } from './summary.js';
import type { IndexPackage, NativeIndex, PackageSummary } from './types.js';

/** What to search for; every member is optional and they combine with AND. */
export interface SearchQuery {
  /** Free text: each whitespace-separated word must match the name, a tag, the description or the maintainer. */
  q?: string;
  /** Exact tag (case-insensitive). */
  tag?: string;
  /** Exact category id (case-insensitive). */
  category?: string;
  /** Exact maintainer (case-insensitive). */
  maintainer?: string;
}

/** A package that matched, with its relevance (0 when there was no free text). */
export type SearchResult = PackageSummary & { score: number };

/** Points per word, by where it matches: a name match outranks everything else. */
const SCORES = { nameExact: 100, namePrefix: 60, nameSubstring: 40, tagExact: 30, tagSubstring: 15, description: 10, maintainer: 5 } as const;

/**
 * Searches the packages of a native index (index.json) or of a list of summaries (the static
 * API's packages.json, which also carries maintainers). Case-insensitive. Each word of `q` must
 * match somewhere; a package's score is the sum over the words of its best name match (exact,
 * prefix, substring), its best tag match (exact, substring), a description match and a
 * maintainer match ({@link SCORES}). Results are sorted by score (highest first), then name.
 */
export function searchPackages(index: NativeIndex | { packages: readonly PackageSummary[] }, query: SearchQuery): SearchResult[] {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
  const tag = lower(query.tag);
  const category = lower(query.category);
  const maintainer = lower(query.maintainer);
  const out: SearchResult[] = [];
  for (const entry of index.packages as ReadonlyArray<PackageSummary | IndexPackage>) {
    const pkg = Array.isArray(entry.versions) ? summarize(entry as IndexPackage) : (entry as PackageSummary);
    if (tag !== undefined && !pkg.tags.some((t) => t.toLowerCase() === tag)) continue;
    if (category !== undefined && !pkg.categories.some((c) => c.toLowerCase() === category)) continue;
    if (maintainer !== undefined && pkg.maintainer?.toLowerCase() !== maintainer) continue;
    let score = 0;
    let matched = true;
    for (const w of words) {
      const s = wordScore(pkg, w);
      if (s === 0) {
        matched = false;
        break;
      }
      score += s;
    }
    if (matched) out.push({ ...pkg, score });
  }
  return out.sort((a, b) => b.score - a.score || compareStrings(a.name, b.name));
}

function lower(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t.toLowerCase() : undefined;
}

function wordScore(pkg: PackageSummary, w: string): number {
  const name = pkg.name.toLowerCase();
  let s = name === w ? SCORES.nameExact : name.startsWith(w) ? SCORES.namePrefix : name.includes(w) ? SCORES.nameSubstring : 0;
  let tagScore = 0;
  for (const t of pkg.tags) {
    const lt = t.toLowerCase();
    if (lt === w) {
      tagScore = SCORES.tagExact;
      break;
    }
    if (lt.includes(w)) tagScore = SCORES.tagSubstring;
  }
  s += tagScore;
  if (pkg.description.toLowerCase().includes(w)) s += SCORES.description;
  if (pkg.maintainer?.toLowerCase().includes(w)) s += SCORES.maintainer;
  return s;
}
