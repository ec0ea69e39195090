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

/**
 * The whole DC/OS Universe (the root of a mesosphere/universe checkout: repo/packages,
 * repo/meta/schema, scripts/gen_universe.py): UNIVERSE_DCOS_CORPUS when set (CI on GitHub clones
 * it at the corpus's commit), else ../shared/corpus/dcos-universe.
 */
export const DCOS_CORPUS_DIR = process.env.UNIVERSE_DCOS_CORPUS
  ? path.resolve(process.env.UNIVERSE_DCOS_CORPUS)
  : path.join(CORPUS_DIR, 'dcos-universe');

/** True when {@link DCOS_CORPUS_DIR} holds the packages, the schemas and the DC/OS build script. */
export function hasDcosCorpus(): boolean {
  return ['repo/packages', 'repo/meta/schema', 'scripts/gen_universe.py'].every((p) => fs.existsSync(path.join(DCOS_CORPUS_DIR, p)));
}

/**
 * Why a DC/OS Universe test cannot run: a skip when the folder is simply absent, a failure when
 * UNIVERSE_DCOS_CORPUS names a folder that is not a DC/OS Universe checkout.
 */
export function dcosCorpusMissing(): { skip: string } | { fail: string } | undefined {
  if (hasDcosCorpus()) return undefined;
  if (process.env.UNIVERSE_DCOS_CORPUS) return { fail: `UNIVERSE_DCOS_CORPUS=${DCOS_CORPUS_DIR} is not a DC/OS Universe checkout (no repo/packages, repo/meta/schema or scripts/gen_universe.py)` };
  return { skip: `${DCOS_CORPUS_DIR} not found (set UNIVERSE_DCOS_CORPUS to a mesosphere/universe checkout): DC/OS Universe tests skipped` };
}

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
