import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { choice, parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { displayPrefix, universeDir } from '../paths.js';
import { reporter } from '../reporters/index.js';
import { jsonDiagnostics } from '../reporters/json.js';
import type { ReportOptions } from '../reporters/report.js';
import { isHttpUrl } from '../../lib/consume/fetch.js';
import { findInIndex, findInRepo } from '../../lib/consume/lookup.js';
import { parsePackageRef } from '../../lib/consume/select.js';
import { openIndex } from '../../lib/consume/source.js';
import type { RevisionDocument } from '../../lib/consume/types.js';
import { CannotRunError } from '../../lib/diagnostics/errors.js';
import type { Diagnostic, Summary } from '../../lib/diagnostics/types.js';
import { decodeUtf8 } from '../../lib/json/decode.js';
import { DESCRIPTOR_FILES, renderPackage } from '../../lib/ops/render.js';
import type { OptionsFile } from '../../lib/ops/render-options.js';

/** `universe render --help`. */
export const help = `Usage: universe render PACKAGE[@VERSION] [--options FILE] [--descriptor marathon|aurora]
                       [--repo DIR | --index URL-or-DIR] [--format pretty|json]

Renders a package's descriptor the way DC/OS installs it: the defaults of config.json merged with
your options, checked against config.json, resource.json merged last, the template rendered.
A Marathon app gets the labels DC/OS's package manager sets (DCOS_PACKAGE_NAME, _VERSION,
_SOURCE, _OPTIONS, _DEFINITION). Without @VERSION, the latest revision; when several revisions
carry the version, the highest.

Options:
  --options FILE     your options, a JSON object (default: none, the defaults alone)
  --descriptor D     marathon or aurora (default: the revision's Marathon template, else its
                     Aurora job)
  --repo DIR         read the package from this universe folder (default: the nearest folder
                     at or above the current one that holds packages/ or repo/packages/)
  --index LOC        read it from a built artifact instead: a folder or an http(s) URL
  --format F         pretty (default): the app as JSON or the job text on stdout, problems on
                     stderr; json: {"name","version","revision","descriptor","marathon"|"aurora",
                     "warnings"} or validate's {"diagnostics":[…],"summary":{…}}, on stdout

Options config.json does not declare are ignored (as DC/OS does) with a warning.
  -h, --help         show this help

Exit codes: 0 rendered, 1 bad options or a template that does not render, 2 unknown package
or version, unreadable index or options file.
`;

/** Largest options file read. */
const MAX_OPTIONS_BYTES = 4 * 1024 * 1024;

/** Runs `universe render`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    args,
    { options: { type: 'string' }, descriptor: { type: 'string' }, repo: { type: 'string' }, index: { type: 'string' }, format: { type: 'string' } },
    true,
  );
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the package to render: universe render PACKAGE[@VERSION]' : `one package at a time (got ${positionals.join(' ')})`);
  const ref = parsePackageRef(positionals[0]!);
  if (!ref) throw new UsageError(`'${positionals[0]}' is not PACKAGE or PACKAGE@VERSION`);
  const format = choice(values.format, 'format', ['pretty', 'json'] as const, 'pretty');
  const wanted = values.descriptor === undefined ? undefined : choice(values.descriptor, 'descriptor', ['marathon', 'aurora'] as const, 'marathon');
  if (values.repo !== undefined && values.index !== undefined) throw new UsageError('--repo and --index exclude each other: read the package from one of them');

  const found = await locate(values.index !== undefined ? { index: values.index } : { repo: universeDir(values.repo, io).label }, ref, io);
  const rev = found.revision;
  const descriptor = wanted ?? (rev.marathonTemplate !== undefined ? 'marathon' : rev.auroraTemplate !== undefined ? 'aurora' : undefined);
  const label = `${rev.package.name} ${rev.package.version} (revision ${rev.revision})`;
  if (descriptor === undefined) throw new CannotRunError(`${label} has no descriptor to render (no marathon.json.mustache nor job.aurora.mustache): it only ships a CLI or metadata`);
  if ((descriptor === 'marathon' ? rev.marathonTemplate : rev.auroraTemplate) === undefined) {
    throw new CannotRunError(`${label} has no ${DESCRIPTOR_FILES[descriptor]}: use --descriptor ${descriptor === 'marathon' ? 'aurora' : 'marathon'}`);
  }

  let options: OptionsFile | undefined;
  if (values.options !== undefined) {
    const read = readOptions(values.options, io);
    if ('diagnostic' in read) return report([read.diagnostic], format, io);
    options = read;
  }
  const configText = found.configText ? await found.configText() : undefined;
  const outcome = renderPackage({ revision: rev, descriptor, source: found.source, dir: found.dir, ...(options ? { options } : {}), ...(configText !== undefined ? { configText } : {}) });
  if (!outcome.ok) return report(outcome.diagnostics, format, io);
  if (format === 'json') {
    const body = descriptor === 'marathon' ? { marathon: outcome.marathon } : { aurora: outcome.aurora };
    const warnings = jsonDiagnostics(outcome.warnings);
    io.out(JSON.stringify({ name: rev.package.name, version: rev.package.version, revision: rev.revision, descriptor, ...body, warnings }, null, 2) + '\n');
    return EXIT.ok;
  }
  if (outcome.warnings.length > 0) io.err((await reporter('pretty'))({ diagnostics: outcome.warnings, summary: summaryOf(outcome.warnings), change: undefined }, pathsAsGiven(io)));
  if (descriptor === 'marathon') {
    io.out(JSON.stringify(outcome.marathon, null, 2) + '\n');
  } else {
    const text = outcome.aurora ?? '';
    io.out(text.endsWith('\n') || text === '' ? text : text + '\n');
  }
  return EXIT.ok;
}

interface Found {
  revision: RevisionDocument;
  /** The revision folder as diagnostics name it. */
  dir: string;
  /** DCOS_PACKAGE_SOURCE. */
  source: string;
  configText?: () => Promise<string | undefined>;
}

async function locate(from: { repo: string } | { index: string }, ref: NonNullable<ReturnType<typeof parsePackageRef>>, io: Io): Promise<Found> {
  if ('index' in from) {
    const source = await openIndex(isHttpUrl(from.index) ? from.index : path.resolve(io.cwd, from.index), undefined, from.index);
    const hit = await findInIndex(source, ref);
    const uri = isHttpUrl(from.index) ? from.index : pathToFileURL(path.resolve(io.cwd, from.index)).href;
    const name = hit.revision.package.name;
    return { revision: hit.revision, dir: `packages/${name.charAt(0).toUpperCase()}/${name}/${hit.revision.revision}`, source: uri };
  }
  const repo = from.repo;
  const hit = await findInRepo(path.resolve(io.cwd, repo), ref, repo);
  const prefix = displayPrefix(io.cwd, repo);
  return {
    revision: hit.revision,
    dir: prefix + hit.dir,
    source: pathToFileURL(path.resolve(io.cwd, repo)).href,
    ...(hit.revision.config !== undefined ? { configText: () => hit.text(`${hit.dir}/config.json`) } : {}),
  };
}

/** Reads the options file; a file that is not UTF-8 is a diagnostic, one that cannot be read a CannotRunError. */
function readOptions(file: string, io: Io): OptionsFile | { diagnostic: Diagnostic } {
  const abs = path.resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    const st = fs.statSync(abs);
    if (!st.isFile()) throw new CannotRunError(`the options file ${file} is not a file`);
    if (st.size > MAX_OPTIONS_BYTES) throw new CannotRunError(`the options file ${file} is ${st.size} bytes, more than the ${MAX_OPTIONS_BYTES} accepted`);
    bytes = fs.readFileSync(abs);
  } catch (e) {
    if (e instanceof CannotRunError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CannotRunError(`cannot read the options file ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.text === undefined) {
    return { diagnostic: { code: 'options-syntax', severity: 'error', message: `the options file is not UTF-8 text (invalid byte at offset ${decoded.invalidUtf8At ?? 0}): save it as UTF-8`, file, pointer: '', line: 1, column: 1 } };
  }
  return { file, text: decoded.text };
}

function summaryOf(diagnostics: readonly Diagnostic[]): Summary {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors, infos: 0, packages: 1, revisions: 1, files: new Set(diagnostics.map((d) => d.file)).size };
}

/** Reporter options for render's diagnostics, whose paths already say where the files are. */
function pathsAsGiven(io: Io): ReportOptions {
  return { color: io.color, prefix: '', checkoutPrefix: '' };
}

/** Prints why the package did not render (json on stdout, pretty on stderr); that is a problem found (exit 1) whatever the severities. */
async function report(diagnostics: Diagnostic[], format: 'pretty' | 'json', io: Io): Promise<number> {
  const text = (await reporter(format))({ diagnostics, summary: summaryOf(diagnostics), change: undefined }, pathsAsGiven(io));
  if (format === 'json') io.out(text);
  else io.err(text);
  return EXIT.problems;
}
