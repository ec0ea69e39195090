import * as fs from 'node:fs';
import * as path from 'node:path';
import { objectId } from './git-pack.js';

/** One file of the benchmark's new revision. */
export interface ChangeFile {
  name: string;
  content: Buffer;
  /** 0o100644 or 0o100755, as in the revision it was copied from. */
  mode: number;
  /** Its blob id. */
  oid: Buffer;
}

/** The one changed package of the benchmark: a new revision, copied from the highest one. */
export interface BenchChange {
  package: string;
  /** The new revision folder relative to the universe folder: `packages/<L>/<name>/<n>`. */
  dir: string;
  revision: number;
  /** The revision it was copied from. */
  from: number;
  /** package.json `version` of the new revision (the old one with its patch number bumped). */
  version: string;
  files: ChangeFile[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A new revision of `pkg` (default: the middle package in name order): the highest revision
 * copied to highest + 1 with package.json `version` bumped to a value the package has not used.
 * Reads the universe folder, which must not hold an earlier change.
 */
export function computeChange(universe: string, pkg?: string): BenchChange {
  const packages = path.join(universe, 'packages');
  const all = fs
    .readdirSync(packages)
    .sort(byName)
    .flatMap((letter) => fs.readdirSync(path.join(packages, letter)).sort(byName).map((name) => ({ letter, name })));
  const chosen = pkg === undefined ? all[Math.floor(all.length / 2)] : all.find((p) => p.name === pkg);
  if (!chosen) throw new Error(`package ${pkg ?? '(any)'} not found under ${packages}`);
  const pkgDir = path.join(packages, chosen.letter, chosen.name);
  const numbers = fs
    .readdirSync(pkgDir)
    .filter((f) => /^\d+$/.test(f))
    .map(Number)
    .sort((a, b) => a - b);
  if (numbers.length === 0) throw new Error(`${pkgDir} has no revision folders`);
  const used = new Set<string>();
  for (const n of numbers) {
    try {
      used.add(String((JSON.parse(fs.readFileSync(path.join(pkgDir, String(n), 'package.json'), 'utf8')) as { version?: unknown }).version));
    } catch {
      // An unreadable package.json uses no version.
    }
  }
  const from = numbers.at(-1)!;
  const revision = from + 1;
  const fromDir = path.join(pkgDir, String(from));
  let version = '';
  const files = fs
    .readdirSync(fromDir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort(byName)
    .map((name) => {
      let content = fs.readFileSync(path.join(fromDir, name));
      if (name === 'package.json') {
        const doc = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
        version = bumpVersion(String(doc.version), used);
        doc.version = version;
        content = Buffer.from(JSON.stringify(doc, null, 2) + '\n');
      }
      const mode = fs.statSync(path.join(fromDir, name)).mode & 0o111 ? 0o100755 : 0o100644;
      return { name, content, mode, oid: objectId('blob', content) };
    });
  return { package: chosen.name, dir: `packages/${chosen.letter}/${chosen.name}/${revision}`, revision, from, version, files };
}

/**
 * `1.2.3-x` → `1.2.4-x` (semver-greater, the way DC/OS packages number framework releases);
 * a version without a patch number gets `-bench.N`. Skips versions the package already uses.
 * @internal Exported for its own test (test/bench/git-universe.test.ts).
 */
export function bumpVersion(version: string, used: ReadonlySet<string>): string {
  const m = /^(v?\d+\.\d+\.)(\d+)(.*)$/s.exec(version);
  for (let i = 1; ; i++) {
    const next = m ? `${m[1]}${Number(m[2]) + i}${m[3]}` : `${version}-bench.${i}`;
    if (!used.has(next)) return next;
  }
}
