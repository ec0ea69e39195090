import { choice, parse } from '../args.js';
import { EXIT, exitCodeFor, type Io } from '../io.js';
import { checkoutPrefix, displayPrefix, targetUnder } from '../paths.js';
import { FORMATS, reporter } from '../reporters/index.js';
import { validateUnder } from '../../lib/ops/validate-under.js';
import { POLICY_NAMES } from '../../lib/policy/settings.js';
import { WorktreeSnapshot } from '../../lib/snapshot/worktree.js';

/** `universe validate --help`. */
export const help = `Usage: universe validate [PATH] [--repo DIR] [--format F] [--strict] [--policy published|new]

Validates every package revision of the universe, the folder that holds packages/, and reports
every problem found in one run, sorted by file and line. Without --repo, the universe is the
nearest folder at or above the current one (or above PATH) that holds packages/ or repo/packages/,
as git finds its repository. With PATH (a package folder, a revision folder or a file in one),
only what is under PATH is validated and reported.

Options:
  --repo DIR      the universe folder (it holds packages/; a DC/OS Universe checkout's repo/ works);
                  default: found upwards
  --format F      pretty (default), json ({"diagnostics":[…],"summary":{…}}), github (GitHub
                  Actions annotations), sarif (SARIF 2.1.0, for code scanning) or markdown (a
                  summary for a pull-request comment); github, sarif and markdown name files from
                  the top of the git checkout
  --strict        exit 1 on warnings too
  --policy P      published (default): revisions are judged as already published, so legacy
                  packaging versions (2.0-5.0) keep their milder severities; new: every revision
                  is judged as universe check judges what a change adds (every rule at its full
                  severity)
  -h, --help      show this help

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 could not run.
`;

/** Runs `universe validate`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      repo: { type: 'string' },
      format: { type: 'string' },
      strict: { type: 'boolean', default: false },
      policy: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const format = choice(values.format, 'format', FORMATS, 'pretty');
  const target = targetUnder(positionals, values.repo, io);
  const repo = target.universe.label;
  const started = performance.now();
  const policy = choice(values.policy, 'policy', POLICY_NAMES, 'published');
  const result = await validateUnder(new WorktreeSnapshot(repo), target.under, { policy });
  const ms = performance.now() - started;
  const render = await reporter(format);
  const opts = { color: io.color, prefix: displayPrefix(io.cwd, repo), checkoutPrefix: checkoutPrefix(io.cwd, repo), ms };
  io.out(render({ diagnostics: result.diagnostics, summary: result.summary, change: undefined }, opts));
  return exitCodeFor(result.summary, values.strict);
}
