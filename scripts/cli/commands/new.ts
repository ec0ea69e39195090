import * as path from 'node:path';
import { parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { displayPrefix, universeDir } from '../paths.js';
import { loadCatalog } from '../../lib/catalog/load.js';
import { defaultSettings } from '../../lib/policy/settings.js';
import { Analysis } from '../../lib/rules/analysis.js';
import { applyScaffold, planScaffold } from '../../lib/ops/scaffold.js';
import { WorktreeSnapshot } from '../../lib/snapshot/worktree.js';

/** `universe new --help`. */
export const help = `Usage: universe new NAME [--repo DIR]

Scaffolds a package in the newest packaging version: for a new NAME, revision 0 with a
package.json, config.json, marathon.json.mustache and resource.json that validate as they are;
for an existing package, the next revision, copied from the latest one (bump its version).
Existing files are never overwritten.

Options:
  --repo DIR    the universe folder (it holds packages/; default: the nearest folder at or above
                the current one that holds packages/ or repo/packages/)
  -h, --help    show this help
`;

/** Runs `universe new`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { repo: { type: 'string' } }, true);
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('universe new takes exactly one package NAME');
  const repo = universeDir(values.repo, io).label;
  const snapshot = new WorktreeSnapshot(repo);
  const catalog = await loadCatalog(snapshot);
  const plan = planScaffold(catalog, new Analysis(catalog, defaultSettings()), positionals[0]!);
  if ('error' in plan) throw new UsageError(plan.error);
  await applyScaffold(path.resolve(io.cwd, repo), plan);
  const prefix = displayPrefix(io.cwd, repo);
  io.out(`created ${plan.created === 'package' ? 'package' : 'revision'} ${plan.revision} of ${positionals[0]}:\n`);
  for (const f of plan.files) io.out(`  ${prefix}${f.path}\n`);
  for (const note of plan.notes ?? []) io.out(`note: ${note}\n`);
  io.out(`next: edit the files, then run universe validate --repo ${repo}\n`);
  return EXIT.ok;
}
