import { choice, parse } from '../args.js';
import type { Io } from '../io.js';
import { displayPrefix } from '../paths.js';
import { exitCodeFor, FORMATS, report } from '../reporters/index.js';
import { validateSnapshot } from '../../lib/ops/validate.js';
import { threadMode } from '../threads.js';
import { WorktreeSnapshot } from '../../lib/snapshot/worktree.js';

/** `universe validate --help`. */
export const help = `Usage: universe validate [--repo DIR] [--format pretty|json|github] [--strict]

Validates every package revision in DIR, the folder that holds packages/ (default: repo), and
reports every problem found in one run, sorted by file and line.

Options:
  --repo DIR      the universe folder (it holds packages/; a DC/OS Universe checkout's repo/ works)
  --format F      pretty (default), json ({"diagnostics":[…],"summary":{…}}) or github
                  (GitHub Actions annotations)
  --strict        exit 1 on warnings too
  -h, --help      show this help

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 could not run.
`;

/** Runs `universe validate`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    repo: { type: 'string' },
    format: { type: 'string' },
    strict: { type: 'boolean' },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const format = choice(values.format, 'format', FORMATS, 'pretty');
  const repo = typeof values.repo === 'string' ? values.repo : 'repo';
  const started = performance.now();
  const result = await validateSnapshot(new WorktreeSnapshot(repo), undefined, { threads: threadMode() });
  const ms = performance.now() - started;
  io.out(report(format, result.diagnostics, result.summary, { color: io.color, prefix: displayPrefix(io.cwd, repo), ms }));
  return exitCodeFor(result.summary, values.strict === true);
}
