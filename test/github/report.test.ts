import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { sampleJson, sampleReport } from '../reporters/fixture.js';
import { BOT, FakeGithub, MARKER, RATE_LIMIT_RESET, TOKEN } from './fake-github.js';

const fake = new FakeGithub();
let dir = '';
let reportFile = '';

before(async () => {
  await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'universe-github-'));
  reportFile = path.join(dir, 'check.json');
});

after(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.comments = [];
  fake.labels = [];
  fake.requests = [];
  fake.failure = undefined;
  fs.writeFileSync(reportFile, sampleJson());
});

/** Runs `universe github report` against the fake, with a clean GitHub environment. */
function report(args: string[] = ['--pr', '7'], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(['github', 'report', '--report', reportFile, ...args], {
    env: {
      GITHUB_API_URL: fake.url,
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: 'octo/universe',
      GITHUB_EVENT_PATH: undefined,
      ...env,
    },
  });
}

function assertCannotRun(r: CliResult, message: RegExp): void {
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(r.stderr, /internal error/);
}

test('the first run creates the comment and the labels; a second edits the comment in place', async () => {
  const first = await report();
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /comment created: https:\/\/github\.example\/octo\/universe\/pull\/7#issuecomment-\d+/);
  assert.equal(fake.comments.length, 1);
  assert.ok(fake.comments[0]!.body.startsWith(`${MARKER}\n### Universe check\n`), fake.comments[0]!.body);
  assert.deepEqual(fake.calls('POST', /\/issues\/7\/comments$/).length, 1);
  assert.deepEqual(fake.calls('POST', /\/issues\/7\/labels$/).map((r) => r.body), [{ labels: ['breaking', 'new-package', 'update'] }]);
  assert.deepEqual(fake.labels, ['breaking', 'new-package', 'update']);
  assert.ok(fake.requests.every((r) => r.authorization === `token ${TOKEN}`));
  assert.deepEqual(fake.calls('GET', /\/issues\/7\/comments$/)[0]!.query, { per_page: '100' });

  const changed = sampleReport();
  changed.summary.warnings = 2;
  fs.writeFileSync(reportFile, JSON.stringify(changed));
  fake.requests = [];
  const second = await report();
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /comment updated/);
  assert.match(second.stdout, /labels unchanged/);
  assert.equal(fake.comments.length, 1, 'never a duplicate');
  assert.match(fake.comments[0]!.body, /2 warnings/);
  assert.equal(fake.calls('PATCH', /\/issues\/comments\/\d+$/).length, 1);
  assert.equal(fake.calls('POST', /./).length, 0, 'no new comment, no label already there');
});

test('an unchanged body makes no PATCH', async () => {
  assert.equal((await report()).code, 0);
  fake.requests = [];
  const again = await report();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /comment unchanged/);
  assert.deepEqual(
    fake.requests.map((r) => r.method),
    ['GET', 'GET'],
    'one page of comments, one of labels',
  );
});

test('the marker comment on page 3 of 3 is found; a pasted marker from a person is ignored', async () => {
  for (let i = 0; i < 250; i++) {
    if (i === 5) fake.seedComment(`${MARKER}\n✅ all fine, trust me`); // a user pasting the marker
    else if (i === 230) fake.seedComment(`${MARKER}\nold report`, BOT);
    else fake.seedComment(`comment ${i}`, i % 7 ? { login: 'someone', type: 'User' } : BOT);
  }
  const r = await report();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /comment updated/);
  const pages = fake.calls('GET', /\/issues\/7\/comments$/).map((x) => x.query.page ?? '1');
  assert.deepEqual(pages, ['1', '2', '3']);
  assert.equal(fake.comments.length, 250, 'nothing added, nothing deleted');
  assert.equal(fake.comments[5]!.body, `${MARKER}\n✅ all fine, trust me`);
  assert.match(fake.comments[230]!.body, /### Universe check/);
});

test('with several sticky comments the first is edited and none deleted', async () => {
  fake.seedComment(`${MARKER}\none`, BOT);
  fake.seedComment(`${MARKER}\ntwo`, BOT);
  const r = await report();
  assert.equal(r.code, 0, r.stderr);
  assert.match(fake.comments[0]!.body, /### Universe check/);
  assert.equal(fake.comments[1]!.body, `${MARKER}\ntwo`);
  assert.equal(fake.calls('DELETE', /comments/).length, 0);
});

test('--comment-author picks the comment of that login instead of any bot', async () => {
  fake.seedComment(`${MARKER}\nbot's`, BOT);
  fake.seedComment(`${MARKER}\nmine`, { login: 'release-robot', type: 'User' });
  const r = await report(['--pr', '7', '--comment-author', 'release-robot']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fake.comments[0]!.body, `${MARKER}\nbot's`);
  assert.match(fake.comments[1]!.body, /### Universe check/);
});

test('labels: missing ones added once, stale managed ones removed, others kept', async () => {
  fake.labels = ['update', 'breaking', 'help wanted'];
  const clean = sampleReport();
  clean.diagnostics = clean.diagnostics.filter((d) => !d.code.startsWith('breaking/'));
  fs.writeFileSync(reportFile, JSON.stringify(clean));
  const r = await report();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /labels added \[new-package\], removed \[breaking\]/);
  assert.deepEqual(fake.calls('POST', /\/labels$/).map((x) => x.body), [{ labels: ['new-package'] }]);
  assert.deepEqual(fake.calls('DELETE', /\/labels\//).map((x) => x.path), ['/repos/octo/universe/issues/7/labels/breaking']);
  assert.deepEqual([...fake.labels].sort(), ['help wanted', 'new-package', 'update']);
});

test('a 403 for a missing permission says which one, without a stack trace', async () => {
  fake.failure = { kind: 'forbidden', methods: ['POST', 'PATCH'] };
  const r = await report();
  assertCannotRun(r, /Resource not accessible by integration/);
  assert.match(r.stderr, /pull-requests: write/);
  assert.match(r.stderr, /issues: write/);
});

test('a rate limit says when it resets', async () => {
  fake.failure = { kind: 'rate-limit' };
  const r = await report();
  assertCannotRun(r, /rate limit/);
  assert.match(r.stderr, new RegExp(new Date(RATE_LIMIT_RESET * 1000).toISOString().replace(/\./g, '\\.')));
});

test('a 404 points at --pr and the repository; a bad token at GITHUB_TOKEN', async () => {
  const missing = await report(['--pr', '8']);
  assertCannotRun(missing, /404/);
  assert.match(missing.stderr, /--pr/);
  const denied = await report(['--pr', '7'], { GITHUB_TOKEN: 'wrong' });
  assertCannotRun(denied, /401.*GITHUB_TOKEN/);
  const none = await report(['--pr', '7'], { GITHUB_TOKEN: undefined });
  assertCannotRun(none, /GITHUB_TOKEN is not set/);
  assert.equal(fake.calls('POST', /./).length, 0);
});

test('malformed, oversized or missing report files exit 2 before any request', async () => {
  const cases: [string | Buffer, RegExp][] = [
    ['{"diagnostics": [', /is not JSON/],
    ['[]', /\$ must be an object/],
    [JSON.stringify({ ...sampleReport(), diagnostics: [{ code: 1 }] }), /\$\.diagnostics\[0\]\.code must be a string/],
    [JSON.stringify({ ...sampleReport(), summary: { errors: -1 } }), /\$\.summary\.errors must be a non-negative integer/],
    [JSON.stringify({ ...sampleReport(), changes: { packages: [{ name: 'x', dir: 'y', status: 'gone', revisions: [] }], files: [] } }), /status must be one of/],
    [Buffer.alloc(5 * 1024 * 1024 + 1, 0x20), /over the 5242880-byte limit/],
  ];
  for (const [content, message] of cases) {
    fs.writeFileSync(reportFile, content);
    assertCannotRun(await report(), message);
  }
  const gone = await runCli(['github', 'report', '--report', path.join(dir, 'nope.json'), '--dry-run']);
  assertCannotRun(gone, /cannot read the report/);
  assert.deepEqual(fake.requests, []);
});

test('bad command lines exit 2', async () => {
  for (const args of [['--pr', '0'], ['--pr', '12abc'], ['--pr', '-3'], ['--pr', '99999999999'], ['--pr', '7', '--repo-slug', 'not a slug']]) {
    const r = await report(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  for (const args of [['github'], ['github', 'post'], ['github', 'report']]) assert.equal((await runCli(args)).code, 2, args.join(' '));
  const help = await runCli(['github', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: universe github report/);
  assert.deepEqual(fake.requests, []);
});

test('--dry-run prints the body and labels and calls nothing', async () => {
  const r = await report(['--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith(`${MARKER}\n### Universe check\n`));
  assert.match(r.stdout, /\nlabels: breaking, new-package, update\n$/);
  assert.deepEqual(fake.requests, []);
});

test('the pull request comes from the workflow_run event, and a planted --pr is refused', async () => {
  const event = (prs: number[]): string => {
    const file = path.join(dir, 'event.json');
    const run = { event: 'pull_request', head_branch: 'add-kafka', head_repository: { full_name: 'someone/universe' }, pull_requests: prs.map((number) => ({ number })) };
    fs.writeFileSync(file, JSON.stringify({ action: 'completed', workflow_run: run }));
    return file;
  };
  const fromEvent = await report([], { GITHUB_EVENT_PATH: event([7]) });
  assert.equal(fromEvent.code, 0, fromEvent.stderr);
  assert.equal(fake.comments.length, 1);

  const none = await report([], { GITHUB_EVENT_PATH: event([]) });
  assertCannotRun(none, /no pull request number: pass --pr N/);

  fake.requests = [];
  const matching = await report(['--pr', '7'], { GITHUB_EVENT_PATH: event([]) });
  assert.equal(matching.code, 0, matching.stderr);
  assert.equal(fake.calls('GET', /\/pulls\/7$/).length, 1);

  fake.pullHead = { ...fake.pullHead, ref: 'someone-elses-branch' };
  fake.requests = [];
  const planted = await report(['--pr', '7'], { GITHUB_EVENT_PATH: event([]) });
  assertCannotRun(planted, /is not the one the run checked/);
  assert.deepEqual(fake.requests.map((x) => `${x.method} ${x.path}`), ['GET /repos/octo/universe/pulls/7']);
  fake.pullHead = { ...fake.pullHead, ref: 'add-kafka' };
});
