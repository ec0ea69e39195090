import { choice, parse } from '../args.js';
import { EXIT, exitCodeFor, type Io } from '../io.js';
import { checkoutPrefix, displayPrefix, universeDir } from '../paths.js';
import { FORMATS, reporter } from '../reporters/index.js';
import { fromCheck } from '../reporters/report.js';
import { checkChanges } from '../../lib/ops/check.js';
import { gitUserConfig } from '../git.js';

/** `universe check --help`. */
export const help = `Usage: universe check [--repo DIR] [--base REF] [--head REF | --staged] [--format F] [--strict]

Checks what changed in the universe between two versions of the git repository: validates the
changed packages (and the catalog-wide rules the change can affect) and runs the breaking-change
checks (breaking/*): a published revision edited or removed, a new revision numbered or versioned
wrongly, a configuration schema that would reject the options of users upgrading, a format change
without a new format version. Only what changed is read, so it is fast on any size of universe.

Options:
  --repo DIR      the universe folder inside a git working tree (default: the nearest folder at
                  or above the current one that holds packages/ or repo/packages/)
  --base REF      what to compare with (default: the merge base with origin/main, or main;
                  with --staged: HEAD)
  --head REF      a commit to check (default: the working tree)
  --staged        check the staged changes (the git index) against HEAD, as the pre-commit hook does
  --format F      pretty (default), json (diagnostics, summary, base, head, changes, overrides),
                  github (Actions annotations), sarif (SARIF 2.1.0) or markdown (a PR summary);
                  the same formats as universe validate, with what changed where they have room
  --strict        exit 1 on warnings too
  --quiet         (pretty) print nothing when there is nothing to report
  -h, --help      show this help

Overrides: a commit between base and head whose message has a trailer
  Universe-Allow: <check-id> <package>/<revision>: <reason>
turns that check's findings for that revision into notes; every override found is listed.
A shallow clone cannot be compared: fetch history first (git fetch --unshallow; in GitHub
Actions, actions/checkout with fetch-depth: 0).

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 could not run.
`;

/** Runs `universe check`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    repo: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    staged: { type: 'boolean', default: false },
    format: { type: 'string' },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const format = choice(values.format, 'format', FORMATS, 'pretty');
  // An explicit --repo may lack packages/ in the working tree (a commit may have it): checkChanges says what is wrong.
  const repo = universeDir(values.repo, io, { verify: false }).label;
  const started = performance.now();
  const checked = await checkChanges({
    repoDir: repo,
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.head !== undefined ? { head: values.head } : {}),
    staged: values.staged,
    // The user's excludes file (core.excludesFile, ~/.config/git/ignore) counts, as in git status.
    userConfig: gitUserConfig(),
  });
  const ms = performance.now() - started;
  const quiet = format === 'pretty' && values.quiet && checked.diagnostics.length === 0 && checked.overrides.length === 0;
  const render = await reporter(format);
  if (!quiet) io.out(render(fromCheck(checked), { color: io.color, prefix: displayPrefix(io.cwd, repo), checkoutPrefix: checkoutPrefix(io.cwd, repo), ms }));
  return exitCodeFor(checked.summary, values.strict);
}
