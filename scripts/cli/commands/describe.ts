import * as path from 'node:path';
import { parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { describeRevision, type Description } from '../../lib/consume/describe.js';
import { isHttpUrl } from '../../lib/consume/fetch.js';
import { findInIndex } from '../../lib/consume/lookup.js';
import { constraintNotes } from '../../lib/consume/options.js';
import { parsePackageRef } from '../../lib/consume/select.js';
import { openIndex } from '../../lib/consume/source.js';

/** `universe describe --help`. */
export const help = `Usage: universe describe PACKAGE[@VERSION] [--index URL-or-DIR] [--json]

Shows a package of a built universe: name, version, revision, packaging version, description,
maintainer, tags, categories, website, licences, notes, its install options (name, type,
default, required, description and the values allowed: enum values, minimum/maximum,
minLength/maxLength, pattern, format; nested options with dotted names) and the versions
available.
Without @VERSION, the latest revision; when several revisions carry the version, the highest.

Options:
  --index LOC   the built artifact: a folder or an http(s) URL (default: target)
  --json        print the description as one JSON object
  -h, --help    show this help

Exit codes: 0 described, 2 unknown package or version, or unreadable index.
`;

/** Runs `universe describe`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { index: { type: 'string', default: 'target' }, json: { type: 'boolean', default: false } }, true);
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the package: universe describe PACKAGE[@VERSION]' : `one package at a time (got ${positionals.join(' ')})`);
  const ref = parsePackageRef(positionals[0]!);
  if (!ref) throw new UsageError(`'${positionals[0]}' is not PACKAGE or PACKAGE@VERSION`);
  const location = values.index;
  const source = await openIndex(isHttpUrl(location) ? location : path.resolve(io.cwd, location), undefined, location);
  const hit = await findInIndex(source, ref);
  const d = describeRevision(hit.entry, hit.revision);
  io.out(values.json ? JSON.stringify(d, null, 2) + '\n' : formatDescription(d));
  return EXIT.ok;
}

/** The description for people: a header, labelled fields, notes, an options table, the versions. */
export function formatDescription(d: Description): string {
  const lines = [`${d.name} ${d.version} (revision ${d.revision}, packaging version ${d.packagingVersion})`, d.description, ''];
  const field = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') lines.push(`${(label + ':').padEnd(14)}${value}`);
  };
  field('Maintainer', d.maintainer);
  field('Tags', d.tags.join(', '));
  field('Categories', d.categories.join(', '));
  field('Website', d.website);
  field('Source code', d.scm);
  field('Licences', d.licenses.map((l) => (l.url ? `${l.name} (${l.url})` : l.name)).join(', '));
  field('Min DC/OS', d.minDcosReleaseVersion);
  field('Depends on', d.dependencies ? Object.entries(d.dependencies).map(([k, v]) => `${k} ${v}`).join(', ') : undefined);
  field('Descriptors', d.descriptors.join(', ') || 'none (no template)');
  if (d.deprecated) field('DEPRECATED', d.deprecated.message + (d.deprecated.replacement ? ` (replacement: ${d.deprecated.replacement})` : ''));
  const notes: Array<[string, string | undefined]> = [['Pre-install notes', d.notes.preInstall], ['Post-install notes', d.notes.postInstall], ['Post-uninstall notes', d.notes.postUninstall]];
  for (const [label, text] of notes) if (text !== undefined) lines.push('', `${label}:`, ...text.split('\n').map((l) => `  ${l}`));
  lines.push('');
  if (d.options.length === 0) lines.push('Options: none');
  else {
    lines.push('Options:');
    const rows = d.options.map((o) => [o.name, o.type ?? '', o.default === undefined ? '' : short(JSON.stringify(o.default), 30), o.required ? 'yes' : '', describeCell(o)]);
    const head = ['NAME', 'TYPE', 'DEFAULT', 'REQUIRED', 'DESCRIPTION'];
    const widths = [0, 1, 2, 3].map((i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
    for (const r of [head, ...rows]) lines.push('  ' + r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd());
  }
  lines.push('', `Versions: ${d.versions.map((v) => `${v.version} (revision ${v.revision}${v.deprecated ? ', deprecated' : ''})`).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** The description, then what values are allowed: `Verbosity. (one of "debug", "info"; >= 1)`. */
function describeCell(o: Description['options'][number]): string {
  const text = (o.description ?? '').replace(/\s+/g, ' ').trim();
  const notes = o.constraints ? constraintNotes(o.constraints).map((n) => n.replace(/\s+/g, ' ')) : [];
  if (notes.length === 0) return text;
  return `${text}${text ? ' ' : ''}(${notes.join('; ')})`;
}

function short(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
