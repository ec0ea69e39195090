/**
 * DC/OS content negotiation for `GET /repo` and `GET /package/<name>`. A DC/OS client (Cosmos,
 * the CLI) states the repository formats it reads in Accept
 * (`application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5,…;version=v4;q=0.9`) and its
 * DC/OS version in User-Agent (`… dcos/1.12.0 …`). The answer is the `repo-up-to-<V>.json` of the
 * highest DC/OS version V ≤ the client's whose format the client accepts: formats only grow with
 * V, so that is also the highest acceptable format.
 *
 * Decisions: a missing Accept, or one in which no media range parses, accepts every format (the
 * server's default: the highest the client's DC/OS version supports) — HTTP lets a server ignore
 * a header it cannot understand, and old clients sent odd headers; a well-formed Accept that
 * names nothing we serve (`text/html`, `version=v9`) is a 406. An unknown DC/OS version is 2.0.
 * DC/OS versions compare as everywhere else (versions/loose-version.ts): as the DC/OS Universe
 * build filters `repo-up-to-<V>.json`, so a client gets the file whose V is the highest at or
 * below its version (`dcos/1.13.1` gets 1.13).
 */
import { compareLooseVersions } from '../versions/loose-version.js';
import { parseAccept, type MediaRange } from './accept.js';

/** The DC/OS repository media type, without parameters. */
const REPO_MEDIA_TYPE = 'application/vnd.dcos.universe.repo+json';

/** The DC/OS version assumed when the User-Agent names none. */
const DEFAULT_DCOS_VERSION = '2.0';

/** One `repo-up-to-<V>.json` the artifact serves. */
export interface ServedRepo {
  /** The DC/OS version V as in the file name, e.g. `1.10`. */
  dcos: string;
  /** N of the repository format vN, read from the file's `.content_type`. */
  format: number;
  /** The `.content_type` text: the exact Content-Type to answer with. */
  contentType: string;
}

/** The result of {@link negotiateRepo}. */
export type Negotiation =
  | { ok: true; repo: ServedRepo }
  | { ok: false; status: 404 | 406; message: string };

const UA_DCOS = /(?:^|[\s(;,])dcos\/(\d+(?:\.\d+)+)/i;

/**
 * The DC/OS version a User-Agent names (`dcos/1.13.1`): its dotted integers, at least the release
 * line X.Y, as sent (a suffix such as `-dev` left out). Undefined when it names none, `dcos/2`
 * included: no DC/OS release is named without its minor version.
 */
function userAgentDcosVersion(ua: string | undefined): string | undefined {
  if (ua === undefined) return undefined;
  return UA_DCOS.exec(ua)?.[1];
}

/** Specificity of a range that matches repository format `n`, or -1 when it does not match. */
function specificity(r: MediaRange, n: number): number {
  if (r.type === '*') return 0;
  if (r.type !== 'application') return -1;
  if (r.subtype === '*') return 1;
  if (r.subtype !== 'vnd.dcos.universe.repo+json') return -1;
  const version = r.params.get('version');
  if (version === undefined) return 2;
  return version.toLowerCase() === `v${n}` ? 3 : -1;
}

/**
 * The weight the client gives repository format `n`: the q of the most specific matching range
 * (the highest q among equally specific ones), 0 when no range matches. Undefined `ranges`
 * (no usable Accept) accept everything.
 */
function formatWeight(ranges: readonly MediaRange[] | undefined, n: number): number {
  if (ranges === undefined) return 1;
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const s = specificity(r, n);
    if (s > best) {
      best = s;
      q = r.q;
    } else if (s === best && s >= 0) q = Math.max(q, r.q);
  }
  return q;
}

/**
 * Picks the repository to answer for a client. `served` must be sorted by ascending DC/OS
 * version. 404 when the artifact has no DC/OS outputs; 406 when nothing fits, with a message
 * listing what is served.
 */
export function negotiateRepo(served: readonly ServedRepo[], accept: string | undefined, ua: string | undefined): Negotiation {
  if (served.length === 0) return { ok: false, status: 404, message: 'this artifact has no DC/OS outputs (dcos/repo-up-to-<V>.json); rebuild it with universe build' };
  const parsed = accept === undefined || accept.trim() === '' ? [] : parseAccept(accept);
  const ranges = parsed.length === 0 ? undefined : parsed;
  const client = userAgentDcosVersion(ua) ?? DEFAULT_DCOS_VERSION;
  let older = true;
  for (let i = served.length - 1; i >= 0; i--) {
    const repo = served[i]!;
    if (compareLooseVersions(repo.dcos, client) > 0) continue;
    older = false;
    if (formatWeight(ranges, repo.format) > 0) return { ok: true, repo };
  }
  const list = servedSummary(served);
  if (older) return { ok: false, status: 406, message: `the client's DC/OS ${client} is older than every DC/OS version this universe serves (${list})` };
  return {
    ok: false,
    status: 406,
    message: `no repository format the client accepts is served for DC/OS ${client} (Accept: ${accept ?? 'none'}); this universe serves ${list}; send Accept: ${REPO_MEDIA_TYPE};charset=utf-8;version=vN`,
  };
}

/** `v3 for DC/OS 1.8–1.9, v4 for DC/OS 1.10–1.11, …`. */
export function servedSummary(served: readonly ServedRepo[]): string {
  const groups: { format: number; from: string; to: string }[] = [];
  for (const s of served) {
    const last = groups[groups.length - 1];
    if (last && last.format === s.format) last.to = s.dcos;
    else groups.push({ format: s.format, from: s.dcos, to: s.dcos });
  }
  return groups.map((g) => `v${g.format} for DC/OS ${g.from === g.to ? g.from : `${g.from}–${g.to}`}`).join(', ');
}
