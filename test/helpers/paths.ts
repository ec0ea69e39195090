import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (tests run from dist/test/…, sources live beside dist/). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared corpus folder, when it exists (CI always has it; a fresh clone does not). */
export const CORPUS_DIR = path.resolve(PROJECT_ROOT, '../shared/corpus');

/** True when ../shared/corpus is present. */
export function hasCorpus(): boolean {
  return fs.existsSync(path.join(CORPUS_DIR, 'universe-sample', 'packages'));
}

/** The message printed when a corpus test is skipped. */
export const NO_CORPUS = `../shared/corpus not found next to the project: corpus tests skipped (CI always has it)`;

/** Every file under a folder, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
