import * as path from 'node:path';
import { parse } from '../args.js';
import { EXIT, type Io } from '../io.js';
import { isHttpUrl } from '../../lib/consume/fetch.js';
import { searchPackages, type SearchQuery, type SearchResult } from '../../lib/consume/search.js';
import { openIndex } from '../../lib/consume/source.js';

/** `universe search --help`. */
export const help = `Usage: universe search [QUERY] [--tag T] [--category C] [--maintainer M]
                       [--index URL-or-DIR] [--json]

Searches a built universe. Every word of QUERY must match a package's name, a tag, its
description or its maintainer; name matches rank first (exact, then prefix, then substring),
then tags, description and maintainer. The filters are exact (case-insensitive) and combine.
Without a query or filter, every package is listed.

Options:
  --tag T           only packages with this tag
  --category C      only packages in this category (packaging version 6.0)
  --maintainer M    only packages with this maintainer
  --index LOC       the built artifact: a folder or an http(s) URL (default: target)
  --json            print {"packages":[{name, description, tags, categories, maintainer,
                    latest, versions, score, …}]}
  -h, --help        show this help

Exit codes: 0 searched (even with no match), 2 unreadable index.
`;

/** Runs `universe search`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    args,
    { tag: { type: 'string' }, category: { type: 'string' }, maintainer: { type: 'string' }, index: { type: 'string', default: 'target' }, json: { type: 'boolean', default: false } },
    true,
  );
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const location = values.index;
  const source = await openIndex(isHttpUrl(location) ? location : path.resolve(io.cwd, location), undefined, location);
  const query: SearchQuery = {};
  if (positionals.length > 0) query.q = positionals.join(' ');
  for (const k of ['tag', 'category', 'maintainer'] as const) {
    const v = values[k];
    if (v !== undefined) query[k] = v;
  }
  const results = searchPackages({ packages: await source.summaries() }, query);
  if (values.json) {
    io.out(JSON.stringify({ packages: results }, null, 2) + '\n');
    return EXIT.ok;
  }
  io.out(table(results, query));
  return EXIT.ok;
}

/** The pretty output: a table of name, latest version, description (truncated) and tags. */
export function table(results: readonly SearchResult[], query: SearchQuery): string {
  if (results.length === 0) {
    const what = [query.q !== undefined ? `'${query.q}'` : '', ...(['tag', 'category', 'maintainer'] as const).filter((k) => query[k] !== undefined).map((k) => `${k} ${query[k]}`)].filter((s) => s !== '');
    return `No package matches ${what.join(', ') || 'anything'}.\n`;
  }
  const rows = results.map((r) => [r.name + (r.deprecated ? ' (deprecated)' : ''), r.latest.version, oneLine(r.description), r.tags.join(', ')]);
  const head = ['NAME', 'VERSION', 'DESCRIPTION', 'TAGS'];
  const widths = [0, 1].map((i) => Math.min(40, Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length))));
  const descWidth = 60;
  const fmt = (cells: string[]): string =>
    [cut(cells[0]!, widths[0]!).padEnd(widths[0]!), cut(cells[1]!, widths[1]!).padEnd(widths[1]!), cut(cells[2]!, descWidth).padEnd(descWidth), cells[3]!].join('  ').trimEnd();
  const lines = [fmt(head), ...rows.map(fmt)];
  lines.push('', `${results.length} package${results.length === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function cut(s: string, width: number): string {
  return s.length <= width ? s : s.slice(0, width - 1) + '…';
}
