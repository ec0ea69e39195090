/**
 * Shared by the corpus tests: the DC/OS Universe's own build (gen_universe.py, run with a Python
 * that has Debian's python3-jsonschema and python3-pystache), and the comparison of its output
 * with ours (package order ignored, numbers by value, member order compared).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDcosPython } from '../../scripts/bench/python.js';
import { listFiles } from '../helpers/paths.js';

/** A DC/OS package object (package.json plus releaseVersion, resource, config, …). */
export type PackageObject = Record<string, unknown>;

/** The sort key of a package object: name, then releaseVersion as a number. */
export function packageKey(p: PackageObject): string {
  return `${String(p.name)}\u0000${String(p.releaseVersion).padStart(10, '0')}`;
}

/** Package objects sorted by name, then releaseVersion (a copy). */
export function sortPackages(ps: PackageObject[]): PackageObject[] {
  return [...ps].sort((a, b) => (packageKey(a) < packageKey(b) ? -1 : packageKey(a) > packageKey(b) ? 1 : 0));
}

/** The `packages` array of a DC/OS repository file's bytes. */
export function packagesOf(bytes: Buffer): PackageObject[] {
  return (JSON.parse(bytes.toString('utf8')) as { packages: PackageObject[] }).packages;
}

/**
 * The Python to run the DC/OS build with, or what to do without one: outside CI a missing
 * interpreter or module skips (`skip` is the one line to print); where the CI variable is set it
 * is a failure (`fail`), so CI never passes by skipping.
 */
export function pythonOrSkip(): { python: string } | { skip: string } | { fail: string } {
  const found = findDcosPython();
  if (found.python) return { python: found.python };
  if (process.env.CI) return { fail: `${found.reason} (CI is set, so this is a failure, not a skip)` };
  return { skip: found.reason! };
}

/**
 * Runs the DC/OS Universe's gen_universe.py on a packages folder into `outDir` (created), with
 * the schemas of `schemaDir` (SCHEMA_DIR). Rejects with the end of its output when it fails.
 */
export function runGenUniverse(py: string, script: string, packagesDir: string, outDir: string, schemaDir: string): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(py, [script, `--repository=${packagesDir}`, `--out-dir=${outDir}`], {
      // With a trailing slash, as the script's own default has it: without one, jsonschema's
      // resolver takes vX-repo-definitions.json for its own (empty) referrer and fails.
      env: { ...process.env, SCHEMA_DIR: schemaDir.endsWith('/') ? schemaDir : `${schemaDir}/` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d: Buffer): void => void (output = (output + d.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && !/^ERROR/m.test(output)) resolve();
      else reject(new Error(`gen_universe.py exited ${code}:\n${output}`));
    });
  });
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'absent' : s.length > 120 ? `${s.slice(0, 117)}...` : s;
};
const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const escapePointer = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The first difference between two JSON values as `<pointer>: ours X, theirs Y`, or undefined
 * when equal. Numbers compare by value (Python writes `1.0` where JSON.parse gives 1); object
 * members compare by name and then by order (the order of config.json is the install form's).
 */
export function jsonDifference(ours: unknown, theirs: unknown, pointer = ''): string | undefined {
  const at = pointer || '/';
  if (kind(ours) !== kind(theirs)) return `${at}: ours ${show(ours)}, theirs ${show(theirs)}`;
  if (Array.isArray(ours)) {
    const t = theirs as unknown[];
    for (let i = 0; i < Math.min(ours.length, t.length); i++) {
      const d = jsonDifference(ours[i], t[i], `${pointer}/${i}`);
      if (d) return d;
    }
    return ours.length === t.length ? undefined : `${at}: ours has ${ours.length} items, theirs ${t.length}`;
  }
  if (kind(ours) === 'object') {
    const o = ours as Record<string, unknown>;
    const t = theirs as Record<string, unknown>;
    for (const k of Object.keys(t)) if (!(k in o)) return `${pointer}/${escapePointer(k)}: ours absent, theirs ${show(t[k])}`;
    for (const k of Object.keys(o)) {
      if (!(k in t)) return `${pointer}/${escapePointer(k)}: ours ${show(o[k])}, theirs absent`;
      const d = jsonDifference(o[k], t[k], `${pointer}/${escapePointer(k)}`);
      if (d) return d;
    }
    const [ko, kt] = [Object.keys(o).join(','), Object.keys(t).join(',')];
    return ko === kt ? undefined : `${at}: member order differs: ours ${ko}, theirs ${kt}`;
  }
  return ours === theirs ? undefined : `${at}: ours ${show(ours)}, theirs ${show(theirs)}`;
}

/** The first difference between two DC/OS repository files (`{"packages": [...]}`), package order ignored. */
export function repoDifference(ours: Buffer, theirs: Buffer): string | undefined {
  const o = JSON.parse(ours.toString('utf8')) as { packages?: PackageObject[] };
  const t = JSON.parse(theirs.toString('utf8')) as { packages?: PackageObject[] };
  if (!Array.isArray(o.packages) || !Array.isArray(t.packages)) return jsonDifference(o, t);
  const [po, pt] = [sortPackages(o.packages), sortPackages(t.packages)];
  const label = (p: PackageObject | undefined): string => (p ? `${String(p.name)} revision ${String(p.releaseVersion)}` : 'nothing');
  for (let i = 0; i < Math.max(po.length, pt.length); i++) {
    const [a, b] = [po[i], pt[i]];
    if (!a || !b || packageKey(a) !== packageKey(b)) return `/packages sorted by (name, releaseVersion), item ${i}: ours ${label(a)}, theirs ${label(b)}`;
    const d = jsonDifference(a, b, '');
    if (d) return `${label(b)}: ${d}`;
  }
  const { packages: _o, ...restO } = o;
  const { packages: _t, ...restT } = t;
  return jsonDifference(restO, restT);
}

/**
 * Compares every file gen_universe.py wrote under `theirsDir` with ours under `oursDir` (our
 * `.gz` siblings aside, both sides must hold the same files): `.content_type` byte for byte,
 * JSON as values with package order ignored. Returns the first difference, naming the file.
 */
export function firstDcosDifference(oursDir: string, theirsDir: string): string | undefined {
  const theirs = listFiles(theirsDir);
  const ours = listFiles(oursDir).filter((f) => !f.endsWith('.gz'));
  const missing = theirs.find((f) => !ours.includes(f));
  if (missing) return `${missing}: written by gen_universe.py, missing from ours`;
  const extra = ours.find((f) => !theirs.includes(f));
  if (extra) return `${extra}: ours, not written by gen_universe.py`;
  for (const f of theirs) {
    const [o, t] = [fs.readFileSync(path.join(oursDir, f)), fs.readFileSync(path.join(theirsDir, f))];
    if (f.endsWith('.content_type')) {
      if (!o.equals(t)) return `${f}: ours ${show(o.toString())}, theirs ${show(t.toString())}`;
    } else if (f.endsWith('.json')) {
      const d = repoDifference(o, t);
      if (d) return `${f}: ${d}`;
    } else return `${f}: unexpected file from gen_universe.py`;
  }
  return undefined;
}
