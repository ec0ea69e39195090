/**
 * What repository.json's schema cannot say about the layered upstreams: names unique and never
 * `local` (the local packages' layer), URLs that are http(s) or paths, and name patterns that
 * compile. Tolerates any value: what the schema rejects is left to it.
 */
import type { SchemaIssue } from './issue.js';
import { namePatternProblem } from './name-patterns.js';

/** The name of the first layer, the universe's own packages; no upstream may take it. */
export const LOCAL_LAYER = 'local';

/** The issues of `upstreams` and `terminating` beyond the schema. */
export function upstreamIssues(value: unknown): SchemaIssue[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const v = value as { upstreams?: unknown; terminating?: unknown };
  const issues: SchemaIssue[] = [];
  patternIssues(v.terminating, '/terminating', issues);
  if (!Array.isArray(v.upstreams)) return issues;
  const first = new Map<string, number>();
  v.upstreams.forEach((u: unknown, i) => {
    if (!u || typeof u !== 'object' || Array.isArray(u)) return;
    const { name, url, include, exclude, terminating } = u as Record<string, unknown>;
    if (typeof name === 'string') {
      const j = first.get(name);
      if (name === LOCAL_LAYER) {
        issues.push({ pointer: `/upstreams/${i}/name`, keyword: 'reservedName', message: `upstream name '${LOCAL_LAYER}' is taken by this universe's own packages, always the first layer: give the upstream another name` });
      } else if (j !== undefined) {
        issues.push({ pointer: `/upstreams/${i}/name`, keyword: 'uniqueNames', message: `upstream name '${name}' is already used by upstreams/${j}: give each upstream its own name` });
      } else {
        first.set(name, i);
      }
    }
    if (typeof url === 'string') {
      const problem = urlProblem(url);
      if (problem) issues.push({ pointer: `/upstreams/${i}/url`, keyword: 'url', message: problem });
    }
    patternIssues(include, `/upstreams/${i}/include`, issues);
    patternIssues(exclude, `/upstreams/${i}/exclude`, issues);
    patternIssues(terminating, `/upstreams/${i}/terminating`, issues);
  });
  return issues;
}

/** Why an upstream's `url` cannot be used, or undefined. */
function urlProblem(url: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  // A Windows drive letter (C:\universe) is a path, not a scheme.
  if (scheme === undefined || /^[a-z]:[\\/]/i.test(url)) return undefined;
  const lower = scheme.toLowerCase();
  if (lower !== 'http' && lower !== 'https') {
    return `url '${url}' is neither an http(s) URL nor a folder or file path: give the URL of a universe built by universe build (or of a DC/OS repository JSON), or a path to one`;
  }
  try {
    new URL(url);
    return undefined;
  } catch {
    return `url '${url}' is not a valid URL: give the http(s) URL of a universe built by universe build (or of a DC/OS repository JSON)`;
  }
}

function patternIssues(patterns: unknown, pointer: string, issues: SchemaIssue[]): void {
  if (!Array.isArray(patterns)) return;
  patterns.forEach((p: unknown, i) => {
    if (typeof p !== 'string' || p === '') return; // the schema says what is wrong with these
    const problem = namePatternProblem(p);
    if (problem) issues.push({ pointer: `${pointer}/${i}`, keyword: 'namePattern', message: `name pattern '${p}' cannot be used (${problem}): close every bracket and brace, or leave them out` });
  });
}
