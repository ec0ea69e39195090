import { readFileSync } from 'node:fs';
import { choice, parse } from '../args.js';
import type { Io } from '../io.js';
import { displayPrefix, universeDir } from '../paths.js';
import { exitCodeFor } from '../reporters/index.js';
import { formatCheckJson, formatCheckPretty } from '../reporters/check.js';
import { formatGithub } from '../reporters/github.js';
import { formatMarkdown } from '../reporters/markdown.js';
import { formatSarif } from '../reporters/sarif.js';
import { checkChanges } from '../../lib/ops/check.js';
import { locateRepository } from '../../lib/git/locate.js';
import { RULES } from '../../lib/rules/registry.js';
import { CHANGE_RULES } from '../../lib/rules/breaking/registry.js';

/** The output formats of `check`. */
const FORMATS = ['pretty', 'json', 'github', 'sarif', 'markdown'] as const;

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
                  github (Actions annotations), sarif (SARIF 2.1.0) or markdown (a PR summary)
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
    staged: { type: 'boolean' },
    format: { type: 'string' },
    strict: { type: 'boolean' },
    quiet: { type: 'boolean' },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  const format = choice(values.format, 'format', FORMATS, 'pretty');
  // An explicit --repo may lack packages/ in the working tree (a commit may have it): checkChanges says what is wrong.
  const repo = universeDir(typeof values.repo === 'string' ? values.repo : undefined, io, { verify: false }).label;
  const started = performance.now();
  const report = await checkChanges({
    repoDir: repo,
    ...(typeof values.base === 'string' ? { base: values.base } : {}),
    ...(typeof values.head === 'string' ? { head: values.head } : {}),
    staged: values.staged === true,
  });
  const ms = performance.now() - started;
  // Machine formats name files relative to the checkout's top (what GitHub expects).
  const gitPrefix = locateRepository(repo).prefix;
  const checkoutPrefix = gitPrefix === '' ? '' : `${gitPrefix}/`;
  switch (format) {
    case 'json':
      io.out(formatCheckJson(report));
      break;
    case 'github':
      io.out(formatGithub(report.diagnostics, report.summary, { prefix: checkoutPrefix }));
      break;
    case 'sarif': {
      const rules = [...RULES, ...CHANGE_RULES].map((r) => ({ id: r.id, description: r.description, severity: r.severity }));
      io.out(formatSarif(report, { prefix: checkoutPrefix, toolVersion: version(), rules }));
      break;
    }
    case 'markdown':
      io.out(formatMarkdown(report, { prefix: checkoutPrefix }));
      break;
    case 'pretty':
      if (values.quiet === true && report.diagnostics.length === 0 && report.overrides.length === 0) break;
      io.out(formatCheckPretty(report, { color: io.color, prefix: displayPrefix(io.cwd, repo), ms }));
      break;
  }
  return exitCodeFor(report.summary, values.strict === true);
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
