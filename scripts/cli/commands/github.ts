import * as fs from 'node:fs';
import { parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { formatMarkdown } from '../reporters/markdown.js';
import { fromCheck } from '../reporters/report.js';
import type { CheckReport } from '../../lib/change/types.js';
import { commentBody, labelsFor, MANAGED_LABELS } from '../../lib/github/comment.js';
import { MAX_REPORT_BYTES, parseCheckReport } from '../../lib/github/report-file.js';
import { CannotRunError } from '../../lib/ops/errors.js';

/** `universe github --help`. */
export const help = `Usage: universe github report --report FILE [--pr N] [--repo-slug OWNER/NAME] [--dry-run]

Posts the result of a check on its pull request: one sticky comment (found again by a hidden
marker and edited in place, never duplicated) holding the markdown summary, and the labels
new-package, update and breaking. These three labels mirror the latest report: the ones that
apply are added, the ones that no longer apply are removed; other labels are left alone.

Run it from a workflow triggered by workflow_run, never from the pull request's own workflow, so
that code from a pull request never holds a write token.

Options:
  --report FILE           the JSON written by universe check --format json (at most 5 MB)
  --pr N                  the pull request number (default: the workflow_run event's first
                          pull request, from GITHUB_EVENT_PATH; forks need --pr)
  --repo-slug OWNER/NAME  the repository (default: GITHUB_REPOSITORY)
  --repo DIR              the universe folder relative to the checkout, for paths (default: repo)
  --title TEXT            the heading of the comment (default: Universe check)
  --comment-author LOGIN  whose comment is the sticky one (default: any bot account, which is
                          what the Actions token and GitHub Apps post as)
  --dry-run               print the comment body and the labels; call nothing
  -h, --help              show this help

Environment: GITHUB_TOKEN (needs pull-requests: write and issues: write), GITHUB_REPOSITORY,
GITHUB_API_URL (default https://api.github.com), GITHUB_EVENT_PATH.
When the event is a workflow_run, the pull request must come from the run's head repository and
branch: a number planted in an artifact cannot redirect the comment to another pull request.

Exit codes: 0 posted (whatever the report says), 2 could not run.
`;

const MAX_EVENT_BYTES = 10 * 1024 * 1024;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const TIMEOUT_MS = 120_000;

/** Runs `universe github`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      report: { type: 'string' },
      pr: { type: 'string' },
      'repo-slug': { type: 'string' },
      repo: { type: 'string', default: 'repo' },
      title: { type: 'string' },
      'comment-author': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0] !== 'report') throw new UsageError(`expected the subcommand 'report' (got '${positionals.join(' ')}')`);
  if (values.report === undefined) throw new UsageError('--report FILE is required');
  const flagPr = values.pr === undefined ? undefined : prFromFlag(values.pr);
  const flagSlug = values['repo-slug'] === undefined ? undefined : slugOf(values['repo-slug'], '--repo-slug');

  const report = readReport(values.report);
  const prefix = prefixOf(values.repo);
  const title = values.title;
  const body = commentBody(formatMarkdown(fromCheck(report), title === undefined ? { prefix } : { prefix, title }));
  const labels = labelsFor(report);
  if (values['dry-run']) {
    io.out(`${body}\nlabels: ${labels.length ? labels.join(', ') : '(none)'}\n`);
    return EXIT.ok;
  }

  const env = process.env;
  const token = env.GITHUB_TOKEN;
  if (!token) throw new CannotRunError('GITHUB_TOKEN is not set: in a workflow, pass env: GITHUB_TOKEN: ${{ github.token }} with pull-requests: write and issues: write.');
  const slug = flagSlug ?? (env.GITHUB_REPOSITORY ? slugOf(env.GITHUB_REPOSITORY, 'GITHUB_REPOSITORY') : undefined);
  if (!slug) throw new CannotRunError('no repository: pass --repo-slug OWNER/NAME or set GITHUB_REPOSITORY.');
  const event = workflowRun(env.GITHUB_EVENT_PATH);
  const issueNumber = flagPr ?? event?.pr;
  if (issueNumber === undefined) {
    throw new CannotRunError('no pull request number: pass --pr N (a workflow_run event from a fork lists no pull requests, so take the number from the check-report artifact).');
  }
  const baseUrl = apiUrl(env.GITHUB_API_URL);

  // Loaded here so that other commands, and --dry-run, never load Octokit.
  const { GithubClient } = await import('../../lib/github/client.js');
  const client = new GithubClient({ token, baseUrl, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const ref = { owner: slug.owner, repo: slug.repo, issueNumber };
  if (flagPr !== undefined && event?.headRepo && event.headBranch) {
    const head = await client.pullRequestHead(ref);
    if (head.repo?.toLowerCase() !== event.headRepo.toLowerCase() || head.branch !== event.headBranch) {
      throw new CannotRunError(
        `pull request #${issueNumber} is not the one the run checked (its head is ${head.repo ?? '(deleted fork)'}:${head.branch}, the run's is ${event.headRepo}:${event.headBranch}); refusing to comment.`,
      );
    }
  }
  const author = values['comment-author'];
  const comment = await client.upsertStickyComment(author === undefined ? { ...ref, body } : { ...ref, body, author });
  const changed = await client.syncLabels({ ...ref, wanted: labels, managed: MANAGED_LABELS });
  const labelNote = changed.added.length || changed.removed.length ? `added [${changed.added.join(', ')}], removed [${changed.removed.join(', ')}]` : 'unchanged';
  io.out(`comment ${comment.action}: ${comment.url}\nlabels ${labelNote}\n`);
  return EXIT.ok;
}

/** Reads and checks the report file: it comes from a pull request's artifact, so it is untrusted. */
function readReport(file: string): CheckReport {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new CannotRunError(`${file} is not a file: pass the JSON written by universe check --format json.`);
    if (st.size > MAX_REPORT_BYTES) throw new CannotRunError(`${file} is ${st.size} bytes, over the ${MAX_REPORT_BYTES}-byte limit for a check report.`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CannotRunError) throw e;
    throw new CannotRunError(`cannot read the report ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseCheckReport(text, file);
}

function prFromFlag(s: string): number {
  const n = /^[1-9][0-9]{0,9}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--pr must be a pull request number (a positive integer), got '${s.slice(0, 40)}'`);
  return n;
}

function slugOf(s: string, from: string): { owner: string; repo: string } {
  if (!SLUG.test(s)) {
    const msg = `${from} must be OWNER/NAME, got '${s.slice(0, 100)}'`;
    throw from.startsWith('--') ? new UsageError(msg) : new CannotRunError(msg + '.');
  }
  const [owner, repo] = s.split('/') as [string, string];
  return { owner, repo };
}

function prefixOf(dir: string): string {
  const p = dir.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return p === '' || p === '.' ? '' : `${p}/`;
}

function apiUrl(value: string | undefined): string {
  const url = value || 'https://api.github.com';
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new CannotRunError(`GITHUB_API_URL must be an http(s) URL, got '${url.slice(0, 100)}'.`);
  return url;
}

/** What the workflow_run event says, when the command runs under one. */
interface WorkflowRun {
  pr?: number;
  headRepo?: string;
  headBranch?: string;
}

function workflowRun(eventPath: string | undefined): WorkflowRun | undefined {
  if (!eventPath) return undefined;
  let event: unknown;
  try {
    if (fs.statSync(eventPath).size > MAX_EVENT_BYTES) throw new Error(`over ${MAX_EVENT_BYTES} bytes`);
    event = JSON.parse(fs.readFileSync(eventPath, 'utf8'));
  } catch (e) {
    throw new CannotRunError(`cannot read the event payload ${eventPath} (GITHUB_EVENT_PATH): ${e instanceof Error ? e.message : String(e)}`);
  }
  const wr = (event as { workflow_run?: unknown } | null)?.workflow_run as
    | { pull_requests?: unknown; head_branch?: unknown; head_repository?: { full_name?: unknown } | null }
    | undefined;
  if (typeof wr !== 'object' || wr === null) return undefined;
  const out: WorkflowRun = {};
  const first = Array.isArray(wr.pull_requests) ? (wr.pull_requests[0] as { number?: unknown } | undefined) : undefined;
  if (typeof first?.number === 'number' && Number.isSafeInteger(first.number) && first.number > 0) out.pr = first.number;
  if (typeof wr.head_branch === 'string') out.headBranch = wr.head_branch;
  if (typeof wr.head_repository?.full_name === 'string') out.headRepo = wr.head_repository.full_name;
  return out;
}
