import { Octokit } from '@octokit/rest';
import { CannotRunError } from '../diagnostics/errors.js';
import { isStickyComment } from './comment.js';

/** How to reach GitHub. The caller reads the environment; this module never does. */
export interface ClientOptions {
  token: string;
  /** The REST API root, e.g. https://api.github.com (GITHUB_API_URL on Actions and GHES). */
  baseUrl: string;
  userAgent?: string;
  /** Aborts every request (a time limit for the whole run). */
  signal?: AbortSignal;
}

/** A pull request (an issue, to the comments and labels API). */
export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** What {@link GithubClient.upsertStickyComment} did. */
export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string;
}

/** What {@link GithubClient.syncLabels} did, each list sorted. */
export interface LabelOutcome {
  added: string[];
  removed: string[];
}

/** Where a pull request's head comes from. */
export interface PullHead {
  /** `owner/name` of the head repository (null when the fork was deleted). */
  repo: string | null;
  branch: string;
  sha: string;
}

const SILENT = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const PERMISSIONS = "give the workflow 'permissions: pull-requests: write' and 'issues: write' (a fine-grained token needs the same)";

/**
 * A thin wrapper over @octokit/rest for the calls `universe github report` makes. No retries:
 * a retried POST could add a second comment. Every failure becomes a CannotRunError that says
 * which permission is missing or when the rate limit resets.
 */
export class GithubClient {
  private readonly octokit: Octokit;

  constructor(private readonly opts: ClientOptions) {
    this.octokit = new Octokit({
      auth: opts.token,
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      userAgent: opts.userAgent ?? 'universe-github-report',
      log: SILENT,
      request: opts.signal ? { signal: opts.signal } : {},
    });
  }

  /**
   * Creates the sticky comment, or edits it in place when its body differs. Comments are read
   * page by page (100 a page) until the first sticky one; if several exist (left by an older
   * tool or a race), the first is edited and none is deleted.
   */
  async upsertStickyComment(ref: IssueRef & { body: string; author?: string }): Promise<CommentOutcome> {
    const where = { owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber };
    const found = await this.call(`list the comments of ${describe(ref)}`, async () => {
      const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, { ...where, per_page: 100 });
      for await (const page of pages) {
        const hit = page.data.find((c) => isStickyComment(c, ref.author));
        if (hit) return hit;
      }
      return undefined;
    });
    if (found && found.body === ref.body) return { action: 'unchanged', id: found.id, url: found.html_url };
    if (found) {
      const { data } = await this.call(`edit comment ${found.id} on ${describe(ref)}`, () =>
        this.octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: found.id, body: ref.body }),
      );
      return { action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await this.call(`comment on ${describe(ref)}`, () => this.octokit.rest.issues.createComment({ ...where, body: ref.body }));
    return { action: 'created', id: data.id, url: data.html_url };
  }

  /**
   * Makes the pull request carry exactly the `wanted` labels among `managed` ones: adds the
   * missing ones in one request, removes managed ones no longer wanted, leaves all others alone.
   * Names compare case-insensitively, as GitHub does.
   */
  async syncLabels(ref: IssueRef & { wanted: readonly string[]; managed: readonly string[] }): Promise<LabelOutcome> {
    const where = { owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber };
    const current = await this.call(`list the labels of ${describe(ref)}`, () =>
      this.octokit.paginate(this.octokit.rest.issues.listLabelsOnIssue, { ...where, per_page: 100 }),
    );
    const has = new Set(current.map((l) => l.name.toLowerCase()));
    const want = new Set(ref.wanted.map((l) => l.toLowerCase()));
    const added = [...ref.wanted].filter((l) => !has.has(l.toLowerCase())).sort();
    const removed = current
      .map((l) => l.name)
      .filter((n) => !want.has(n.toLowerCase()) && ref.managed.some((m) => m.toLowerCase() === n.toLowerCase()))
      .sort();
    if (added.length) await this.call(`label ${describe(ref)}`, () => this.octokit.rest.issues.addLabels({ ...where, labels: added }));
    for (const name of removed) {
      await this.call(`remove the label '${name}' from ${describe(ref)}`, async () => {
        try {
          await this.octokit.rest.issues.removeLabel({ ...where, name });
        } catch (e) {
          if (statusOf(e) !== 404) throw e; // already gone: the goal is reached
        }
      });
    }
    return { added, removed };
  }

  /** The head repository and branch of a pull request, to check it is the one a run built. */
  async pullRequestHead(ref: IssueRef): Promise<PullHead> {
    const { data } = await this.call(`read ${describe(ref)}`, () =>
      this.octokit.rest.pulls.get({ owner: ref.owner, repo: ref.repo, pull_number: ref.issueNumber }),
    );
    return { repo: data.head.repo?.full_name ?? null, branch: data.head.ref, sha: data.head.sha };
  }

  private async call<T>(action: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw explain(e, action, this.opts.baseUrl);
    }
  }
}

function describe(ref: IssueRef): string {
  return `pull request #${ref.issueNumber} of ${ref.owner}/${ref.repo}`;
}

function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Turns an Octokit failure into a message that says what to do. */
function explain(e: unknown, action: string, baseUrl: string): CannotRunError {
  const status = statusOf(e);
  const response = (e as { response?: { headers?: Record<string, unknown> } } | null)?.response;
  const headers = (response?.headers ?? {}) as Record<string, unknown>;
  const msg = clean(e instanceof Error ? e.message : String(e));
  if ((e as { name?: unknown } | null)?.name === 'AbortError') return new CannotRunError(`GitHub did not answer in time while trying to ${action}; run the report again.`);
  if ((status === 403 || status === 429) && String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? `it resets at ${new Date(reset * 1000).toISOString()}` : 'wait for it to reset';
    return new CannotRunError(`GitHub's API rate limit is used up (${status} while trying to ${action}); ${when}, then run the report again.`);
  }
  if (status === 429 || (status === 403 && headers['retry-after'] !== undefined)) {
    const after = Number(headers['retry-after']);
    const wait = Number.isFinite(after) && after > 0 ? `wait ${after} seconds` : 'wait a minute';
    return new CannotRunError(`GitHub's secondary rate limit stopped the request (${status} while trying to ${action}); ${wait}, then run the report again.`);
  }
  if (status === 401) return new CannotRunError(`GitHub rejected the token (401 ${msg}) while trying to ${action}: set GITHUB_TOKEN to a valid token.`);
  if (status === 403) return new CannotRunError(`GitHub refused to ${action} (403 ${msg}): the token lacks a permission; ${PERMISSIONS}.`);
  if (status === 404) {
    return new CannotRunError(`GitHub found nothing when trying to ${action} (404 ${msg}): check --pr and --repo-slug (GITHUB_REPOSITORY), and that the token can read the repository.`);
  }
  if (response && status !== undefined) return new CannotRunError(`GitHub answered ${status} while trying to ${action}: ${msg}.`);
  return new CannotRunError(`could not reach GitHub at ${baseUrl} to ${action}: ${msg}.`);
}

/** GitHub's (or a proxy's) message, on one line and bounded: it is printed, not trusted. */
function clean(s: string): string {
  const one = s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 299)}…` : one;
}
