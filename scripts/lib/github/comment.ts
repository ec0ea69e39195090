import type { CheckReport } from '../change/types.js';

/**
 * The hidden marker that identifies the sticky report comment on a pull request. It opens the
 * comment body, so a later run finds the comment and edits it instead of adding another.
 */
const MARKER = '<!-- universe:check-report -->';

/** The labels `universe github report` owns: it adds the ones that apply and removes the others. */
export const MANAGED_LABELS = ['breaking', 'new-package', 'update'] as const;

/** A pull-request comment as far as finding the sticky one needs. */
export interface CommentRef {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/** The comment body: the marker, then the markdown summary (rendered by the caller's reporter). */
export function commentBody(markdown: string): string {
  return `${MARKER}\n${markdown}`;
}

/**
 * The labels a report calls for, sorted: `new-package` when a package was added; `update` when an
 * existing package gained or changed revisions; `breaking` when a `breaking/` finding is an error
 * or was allowed by an override (an allowed breaking change is still one for reviewers).
 */
export function labelsFor(report: CheckReport): string[] {
  const labels = new Set<string>();
  for (const p of report.changes.packages) {
    if (p.status === 'added') labels.add('new-package');
    else if (p.status === 'modified' && p.revisions.some((r) => r.status !== 'removed')) labels.add('update');
  }
  const breaking = report.diagnostics.some(
    (d) => d.code.startsWith('breaking/') && (d.severity === 'error' || (d.data !== undefined && d.data.override !== undefined)),
  );
  if (breaking) labels.add('breaking');
  return [...labels].sort();
}

/**
 * Picks the sticky comment among a pull request's comments, in the order GitHub lists them
 * (oldest first): the first one whose body starts with the marker and whose author is a bot
 * (the Actions token or an app) or `author` when given. Anyone can paste the marker into their own
 * comment; editing theirs would put our verdict under their name, where they could rewrite it.
 */
export function isStickyComment(comment: CommentRef, author?: string): boolean {
  if (typeof comment.body !== 'string' || !comment.body.trimStart().startsWith(MARKER)) return false;
  const user = comment.user ?? {};
  return author !== undefined ? user.login === author : user.type === 'Bot';
}
