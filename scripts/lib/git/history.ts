import type { AllowTrailer } from '../change/types.js';
import type { CommitInfo, GitObjects } from './objects.js';
import { HistoryPainter } from './paint.js';

/** The most commits looked at between base and head; a longer branch is cut off there. */
const MAX_COMMITS = 5000;

/**
 * The commits reachable from `head` but not from `base` (what `git log base..head` lists), newest
 * first. Walks both sides by commit date, like git, and stops as soon as every commit still queued
 * is reachable from the base; a shallow clone's boundary ends the walk there.
 */
export async function commitsBetween(objects: GitObjects, base: string | undefined, head: string): Promise<CommitInfo[]> {
  const HEAD = 1;
  const BASE = 2;
  const walk = new HistoryPainter(objects);
  await walk.paint(head, HEAD);
  if (base) await walk.paint(base, BASE);
  let steps = 0;
  while (walk.anyQueued((f) => f === HEAD) && steps++ < MAX_COMMITS * 2) {
    const c = walk.next()!;
    await walk.paintParents(c, walk.flags.get(c.oid)!);
  }
  const out: CommitInfo[] = [];
  for (const [oid, f] of walk.flags) if (f === HEAD) out.push(walk.commits.get(oid)!);
  return out.sort((a, b) => b.time - a.time || (a.oid < b.oid ? -1 : 1)).slice(0, MAX_COMMITS);
}

const TRAILER = /^Universe-Allow:[ \t]*(.*?)[ \t\r]*$/gim;
/** `<check> <target>: <reason>`, any part possibly missing (a missing part is a problem to report, not a reason to drop the line). */
const PARTS = /^([^\s:]+)(?:[ \t]+([^\s:]+))?[ \t]*(?::[ \t]*(.*))?$/;
/** `<package>/<revision>`, `<package>/*`, `*` + `/*`, or `schema/<file>`. */
const TARGET = /^(?:\*\/\*|schema\/[^\s/:][^\s:]*|[^\s/:*]+\/(?:\*|[^\s/:*]+))$/;

/**
 * The `Universe-Allow:` trailers of some commits, in commit order, each with its commit's author.
 * A malformed line (no target, a target not of the form `<package>/<revision>`, `<package>/*`,
 * every package's `*` + `/*` or `schema/<file>`, no reason) is kept with a `problem` saying how to
 * write it, so that it is listed instead of silently allowing nothing.
 */
export function allowTrailers(commits: readonly CommitInfo[]): AllowTrailer[] {
  const out: AllowTrailer[] = [];
  for (const c of commits) {
    for (const m of c.message.matchAll(TRAILER)) out.push(parseTrailer(m[1]!, c));
  }
  return out;
}

function parseTrailer(text: string, c: CommitInfo): AllowTrailer {
  const form = 'Universe-Allow: <rule> <package>/<revision>: <reason>';
  const m = PARTS.exec(text);
  const base = { commit: c.oid, author: c.author };
  if (!m) return { ...base, check: '', target: text, reason: '', problem: `malformed Universe-Allow line '${text}': write '${form}'` };
  const check = m[1]!;
  const target = m[2] ?? '';
  const reason = (m[3] ?? '').trim();
  const t = { ...base, check, target, reason };
  if (target === '') return { ...t, problem: `no target after '${check}': write '${form}' (or <package>/* for every revision, */* for every package, schema/<file> for a schema)` };
  if (!TARGET.test(target)) {
    const pkg = /^[^\s/:*]+/.exec(target)?.[0] ?? '<package>';
    return { ...t, problem: `malformed target '${target}': write ${pkg}/<revision> (one revision, e.g. ${pkg}/2), ${pkg}/* (every revision), */* (every package) or schema/<file>` };
  }
  if (reason === '') return { ...t, problem: `no reason after '${check} ${target}': write '${check} ${target}: <why it must happen anyway>' so reviewers see why` };
  return t;
}
