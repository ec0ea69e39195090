import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface FakeRequest {
  method: string;
  /** Path below the API root, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

/** A comment as the fake stores and returns it. */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  html_url: string;
}

/** A failure the fake plays instead of answering. */
export type FakeFailure = 'forbidden' | 'rate-limit' | 'not-found' | 'unauthorized';

/** The rate-limit reset the fake announces: 2023-11-14T22:13:20Z. */
export const RATE_LIMIT_RESET = 1_700_000_000;
/** The token the fake accepts. */
export const TOKEN = 'test-token-123';
/** Who the fake says the token belongs to. */
export const BOT = { login: 'github-actions[bot]', type: 'Bot' as const };
/**
 * The hidden marker that opens the sticky report comment. Spelled out here, not imported: a new
 * version of the tool must still find the comments the old one wrote.
 */
export const MARKER = '<!-- universe:check-report -->';

/**
 * A local HTTP server playing the parts of the GitHub REST API that `universe github report`
 * uses, under a GHES-style root (`/api/v3`): issue comments with `Link` pagination, issue labels,
 * and reading a pull request. It records every request and can fail on demand.
 */
export class FakeGithub {
  owner = 'octo';
  repo = 'universe';
  number = 7;
  comments: FakeComment[] = [];
  labels: string[] = [];
  pullHead = { ref: 'add-kafka', sha: '0123456789abcdef0123456789abcdef01234567', repo: { full_name: 'someone/universe' } };
  requests: FakeRequest[] = [];
  /** Fail every request whose method is listed (all when `methods` is absent). */
  failure: { kind: FakeFailure; methods?: string[] } | undefined;
  private nextId = 1000;
  private server = http.createServer((req, res) => this.handle(req, res));

  /** The API root to put in GITHUB_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v3`;
  }

  /** Starts listening on a free port. */
  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** Stops the server. */
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a comment as if someone had posted it earlier. */
  seedComment(body: string, user: FakeComment['user'] = { login: 'someone', type: 'User' }): FakeComment {
    const id = this.nextId++;
    const c = { id, body, user, html_url: `https://github.example/${this.owner}/${this.repo}/pull/${this.number}#issuecomment-${id}` };
    this.comments.push(c);
    return c;
  }

  /** Requests matching a method and a path pattern. */
  calls(method: string, path: RegExp): FakeRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/api\/v3/, '');
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path,
        query: Object.fromEntries(url.searchParams),
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
        authorization: req.headers.authorization,
      };
      this.requests.push(request);
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (request.authorization !== `token ${TOKEN}`) return send(401, { message: 'Bad credentials' });
      const f = this.failure;
      if (f && (!f.methods || f.methods.includes(request.method))) return this.fail(f.kind, send);
      this.route(request, url, req.headers.host ?? '', send);
    });
  }

  private fail(kind: FakeFailure, send: (s: number, b?: unknown, h?: Record<string, string>) => void): void {
    if (kind === 'forbidden') return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    if (kind === 'rate-limit') {
      return send(403, { message: 'API rate limit exceeded for installation ID 1.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(RATE_LIMIT_RESET) });
    }
    if (kind === 'not-found') return send(404, { message: 'Not Found' });
    send(401, { message: 'Bad credentials' });
  }

  private route(r: FakeRequest, url: URL, host: string, send: (s: number, b?: unknown, h?: Record<string, string>) => void): void {
    const repoRoot = `/repos/${this.owner}/${this.repo}`;
    const issue = `${repoRoot}/issues/${this.number}`;
    const page = <T>(items: T[]): void => {
      const perPage = Math.min(100, Math.max(1, Number(r.query.per_page ?? 30)));
      const n = Math.max(1, Number(r.query.page ?? 1));
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const link = (p: number): string => {
        const u = new URL(`http://${host}${url.pathname}`);
        u.searchParams.set('per_page', String(perPage));
        u.searchParams.set('page', String(p));
        return u.toString();
      };
      const rels: string[] = [];
      if (n < last) rels.push(`<${link(n + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
      if (n > 1) rels.push(`<${link(n - 1)}>; rel="prev"`, `<${link(1)}>; rel="first"`);
      send(200, items.slice((n - 1) * perPage, n * perPage), rels.length ? { link: rels.join(', ') } : {});
    };
    const body = (r.body ?? {}) as { body?: string; labels?: string[] };
    const commentMatch = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(r.path);

    if (r.method === 'GET' && r.path === `${issue}/comments`) return page(this.comments);
    if (r.method === 'POST' && r.path === `${issue}/comments`) {
      return send(201, this.seedComment(String(body.body), BOT));
    }
    if (commentMatch && r.path.startsWith(repoRoot + '/')) {
      const c = this.comments.find((x) => x.id === Number(commentMatch[1]));
      if (!c) return send(404, { message: 'Not Found' });
      if (r.method === 'PATCH') {
        c.body = String(body.body);
        return send(200, c);
      }
      if (r.method === 'DELETE') {
        this.comments = this.comments.filter((x) => x !== c);
        return send(204);
      }
    }
    if (r.method === 'GET' && r.path === `${issue}/labels`) return page(this.labels.map((name) => ({ name })));
    if (r.method === 'POST' && r.path === `${issue}/labels`) {
      for (const l of body.labels ?? []) if (!this.labels.includes(l)) this.labels.push(l);
      return send(200, this.labels.map((name) => ({ name })));
    }
    const labelMatch = new RegExp(`^${issue}/labels/([^/]+)$`).exec(r.path);
    if (r.method === 'DELETE' && labelMatch) {
      const name = decodeURIComponent(labelMatch[1]!);
      if (!this.labels.includes(name)) return send(404, { message: 'Label does not exist' });
      this.labels = this.labels.filter((l) => l !== name);
      return send(200, this.labels.map((n) => ({ name: n })));
    }
    if (r.method === 'GET' && r.path === `${repoRoot}/pulls/${this.number}`) {
      return send(200, { number: this.number, head: this.pullHead });
    }
    send(404, { message: 'Not Found' });
  }
}
