/**
 * The request handler. The hot path — a GET or HEAD for a file of the artifact, `/index.json`
 * above all — is one Map lookup on the raw target and a write of precomputed headers and bytes.
 * Everything else (percent-encoded or suspicious targets, DC/OS negotiation, the REST API,
 * search, errors) takes the routed path. The artifact is read once per request, so a request
 * that arrived before a swap finishes on the artifact it started with.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatAccess } from './access-log.js';
import type { Artifact, Entry } from './artifact.js';
import { negotiateRepo, servedSummary, type ServedRepo } from './negotiate.js';
import type { Representation } from './representation.js';
import { isPathError, parseTarget } from './request-path.js';
import { jsonRepresentation, sendError, sendRepresentation } from './respond.js';
import { packageDetail, packagesList, parseRecency, similarNames } from './rest.js';
import { parseSearch, searchAnswer } from './search-route.js';

/** What the handler needs from the server around it. */
export interface HandlerState {
  /** The artifact being served (replaced whole by a swap). */
  artifact: Artifact;
  /** Set while shutting down: answers close their connection. */
  closing: boolean;
  /** Receives one access-log line per request; undefined disables the log (and its timing). */
  log: ((line: string) => void) | undefined;
  /** Receives unexpected errors (a bug), after a 500 answer. */
  onError?: (error: unknown) => void;
}

const ALLOW = 'GET, HEAD, OPTIONS';
const PREFLIGHT = [
  'Access-Control-Allow-Origin', '*',
  'Access-Control-Allow-Methods', ALLOW,
  'Access-Control-Allow-Headers', 'Accept, If-None-Match, If-Modified-Since, Cache-Control, Content-Type',
  'Access-Control-Max-Age', '86400',
  'Allow', ALLOW,
  'Content-Length', '0',
];
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/;

const repoFile = (r: ServedRepo): string => `/dcos/repo-up-to-${r.dcos}.json`;

/** Creates the request listener of the server. */
export function createHandler(state: HandlerState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = state.log === undefined ? 0 : performance.now();
    const artifact = state.artifact;
    if (state.closing) res.setHeader('Connection', 'close');
    const method = req.method;
    const target = req.url ?? '/';
    let bytes: number;
    try {
      if (method === 'GET' || method === 'HEAD') {
        const entry = artifact.files.get(target);
        if (entry !== undefined && !entry.percent) bytes = sendRepresentation(req, res, entry.plain, artifact);
        // DC/OS clusters poll /repo: it skips the target checks it does not need.
        else if (target === '/repo') bytes = negotiated(req, res, artifact, repoFile, undefined);
        else bytes = route(req, res, artifact, target);
      } else if (method === 'OPTIONS') {
        res.writeHead(204, PREFLIGHT);
        res.end();
        bytes = 0;
      } else {
        bytes = sendError(req, res, 405, `${method} is not supported: this server only answers ${ALLOW}`, { headers: { Allow: ALLOW } });
      }
    } catch (e) {
      state.onError?.(e);
      if (res.headersSent) res.destroy();
      else sendError(req, res, 500, 'the server failed to answer this request; the error was logged');
      bytes = 0;
    }
    if (state.log !== undefined) {
      state.log(formatAccess({ remote: req.socket.remoteAddress, method: method ?? '-', target, status: res.statusCode, bytes, ms: performance.now() - started }));
    }
  };
}

/** The routed path: decoding, checks and every dynamic answer. Returns the body bytes sent. */
function route(req: IncomingMessage, res: ServerResponse, artifact: Artifact, target: string): number {
  const parsed = parseTarget(target);
  if (isPathError(parsed)) return sendError(req, res, parsed.status, parsed.message);
  const { path, query } = parsed;
  const file = artifact.files.get(path);
  if (file !== undefined) return sendRepresentation(req, res, file.plain, artifact);
  if (path === '/') return sendRepresentation(req, res, artifact.files.get('/index.html')?.plain ?? rootAnswer(artifact), artifact);
  if (path === '/repo') return negotiated(req, res, artifact, repoFile, undefined);
  if (path === '/repo-empty-v3.json') {
    const health = artifact.files.get('/dcos/repo-empty-v3.json');
    if (health) return sendRepresentation(req, res, health.plain, artifact);
    return sendError(req, res, 404, 'this artifact has no dcos/repo-empty-v3.json; rebuild it with universe build');
  }
  if (path.startsWith('/package/')) {
    const name = path.slice('/package/'.length);
    if (!PACKAGE_NAME.test(name)) return unknownPackage(req, res, artifact, name);
    return negotiated(req, res, artifact, (r) => `/dcos/${r.dcos}/package/${name}.json`, name);
  }
  if (path === '/packages' || path === '/packages/') {
    const recency = parseRecency(new URLSearchParams(query));
    if (typeof recency !== 'number') return sendError(req, res, 400, recency.error);
    return sendRepresentation(req, res, packagesList(artifact, recency), artifact);
  }
  if (path.startsWith('/packages/')) {
    const name = path.slice('/packages/'.length);
    if (PACKAGE_NAME.test(name)) {
      const detail = packageDetail(artifact, name);
      if (detail) return sendRepresentation(req, res, detail, artifact);
      return unknownPackage(req, res, artifact, name);
    }
  }
  if (path === '/search') {
    const q = parseSearch(new URLSearchParams(query));
    if ('error' in q) return sendError(req, res, 400, q.error);
    return sendRepresentation(req, res, searchAnswer(artifact, q), artifact);
  }
  if (path.endsWith('/')) {
    const index = artifact.files.get(`${path}index.html`);
    if (index) return sendRepresentation(req, res, index.plain, artifact);
  }
  return sendError(req, res, 404, `nothing at ${quote(path)}: see / for what this server answers`);
}

/** A DC/OS answer: negotiate the repository for this client, then answer `fileOf(repo)`. */
function negotiated(req: IncomingMessage, res: ServerResponse, artifact: Artifact, fileOf: (r: ServedRepo) => string, name: string | undefined): number {
  const accept = req.headers.accept;
  const ua = req.headers['user-agent'];
  const key = `${accept ?? ''}\u0000${ua ?? ''}`;
  let result = artifact.negotiations.get(key);
  if (result === undefined) {
    const n = negotiateRepo(artifact.repos, accept, ua);
    result = n.ok ? n.repo : { status: n.status, message: n.message };
    // Bounded: clients send few distinct header pairs; a flood of odd ones only resets the cache.
    if (artifact.negotiations.size >= 1024) artifact.negotiations.clear();
    artifact.negotiations.set(key, result);
  }
  if ('status' in result) {
    const served = artifact.repos.map((r) => ({ dcos: r.dcos, contentType: r.contentType }));
    return sendError(req, res, result.status, result.message, { body: { served }, headers: { Vary: 'Accept, User-Agent' } });
  }
  const entry: Entry | undefined = artifact.files.get(fileOf(result));
  if (entry?.negotiated) return sendRepresentation(req, res, entry.negotiated, artifact);
  if (name === undefined) return sendError(req, res, 404, `dcos/repo-up-to-${result.dcos}.json is missing from this artifact; rebuild it with universe build`);
  if (!artifact.index.packages.some((p) => p.name === name)) return unknownPackage(req, res, artifact, name);
  return sendError(req, res, 404, `package ${quote(name)} has no revision for DC/OS ${result.dcos} (its minDcosReleaseVersion is higher, or it has no Marathon template)`, {
    headers: { Vary: 'Accept, User-Agent' },
  });
}

function unknownPackage(req: IncomingMessage, res: ServerResponse, artifact: Artifact, name: string): number {
  const similar = similarNames(artifact, name);
  const hint = similar.length > 0 ? `; did you mean ${similar.join(', ')}?` : '; GET /packages lists them';
  return sendError(req, res, 404, `no package named ${quote(name)} in this universe${hint}`);
}

/** A short, JSON-quoted rendition of untrusted text for messages. */
function quote(s: string): string {
  return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s);
}

/** `GET /` without a web catalogue: what the server answers. */
function rootAnswer(artifact: Artifact): Representation {
  let rep = artifact.cache.get('/');
  if (!rep) {
    rep = jsonRepresentation({
      repository: artifact.index.repository?.name ?? null,
      commit: artifact.commit,
      packages: artifact.index.packages.length,
      endpoints: {
        index: '/index.json',
        packageDocument: '/packages/<name>.json',
        packages: '/packages?recency=<n>',
        package: '/packages/<name>',
        search: '/search?q=&tag=&category=&maintainer=',
        dcosRepository: '/repo',
        dcosPackage: '/package/<name>',
        dcosHealthCheck: '/repo-empty-v3.json',
        dcosServed: servedSummary(artifact.repos) || 'none',
        manifest: '/manifest.json',
      },
    });
    artifact.cache.set('/', rep);
  }
  return rep;
}
