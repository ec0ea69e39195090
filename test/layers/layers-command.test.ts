import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { withUpstreams } from './fixtures.js';

const ctx = withUpstreams();
const local = ctx.local;

interface JsonReport {
  repository: string;
  layers: Array<{ name: string; kind: string; available: boolean; error?: string; packages?: number }>;
  packages: Array<{ name: string; status: string; layer?: string; stoppedAt?: string; waitingOn?: string; reason: string; shadowed: string[] }>;
  summary: { packages: number; resolved: number; unresolved: number; undecided: number; unavailable: number };
}

/** [name, status, deciding layer, shadowed] per package. */
function brief(r: JsonReport): Array<[string, string, string, string]> {
  return r.packages.map((p) => [p.name, p.status, p.layer ?? p.stoppedAt ?? p.waitingOn ?? '-', p.shadowed.join(',')]);
}

test('a built universe over HTTP and a DC/OS repository JSON over HTTP: first layer wins, terminating names stay local', async () => {
  const repo = local(['acme-db'], {
    terminating: ['acme-*'],
    upstreams: [
      { name: 'staging', url: `${ctx.up.url}staging/`, include: ['acme-*', 'kafka'] },
      { name: 'public', url: `${ctx.up.url}public/dcos/repo-up-to-2.0.json` },
    ],
  });
  const r = await runCli(['layers', '--repo', repo, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.equal(report.repository, 'acme');
  assert.deepEqual(
    report.layers.map((l) => [l.name, l.kind, l.available, l.packages]),
    [
      ['local', 'local', true, 1],
      ['staging', 'universe', true, 3],
      ['public', 'dcos', true, 4],
    ],
  );
  assert.deepEqual(brief(report), [
    ['acme-db', 'resolved', 'local', 'staging,public'],
    ['acme-secret', 'unresolved', 'local', 'staging,public'],
    ['kafka', 'resolved', 'staging', 'public'],
    ['spark', 'resolved', 'public', ''],
  ]);
  assert.deepEqual(report.summary, { packages: 4, resolved: 3, unresolved: 1, undecided: 0, unavailable: 0 });

  const pretty = await runCli(['layers', '--repo', repo]);
  assert.equal(pretty.code, 0);
  assert.match(pretty.stdout, /^Layers of acme, highest first:\n {2}1\. local +this universe +1 package\n/);
  assert.match(pretty.stdout, /2\. staging +universe http:\/\/127\.0\.0\.1:\d+\/staging\/ +3 packages\n +include acme-\*, kafka\n/);
  assert.match(pretty.stdout, /3\. public +DC\/OS repository http:.*repo-up-to-2\.0\.json +4 packages\n/);
  assert.match(pretty.stdout, /\nacme-secret +\(none\) +staging, public +local terminates it \(pattern 'acme-\*'\) and does not have it, so it never falls through\n/);
  assert.match(pretty.stdout, /\nkafka +staging +public +staging is the first layer that offers it \(local does not have it\)\n/);
  assert.match(pretty.stdout, /\n4 package names: 3 resolved, 1 unresolved, 0 undecided\.\n$/);
});

test('failing upstreams are reported one by one, never fail the others, and hold up only the names they could offer: exit 1', async () => {
  const repo = local(['acme-db'], {
    terminating: ['acme-*'],
    upstreams: [
      { name: 'broken', url: `${ctx.up.broken}universe/`, include: ['zzz-*'] },
      { name: 'staging', url: `${ctx.up.url}staging/`, include: ['acme-*', 'kafka'] },
      { name: 'hanging', url: `${ctx.up.hanging}universe/`, include: ['spark'] },
      { name: 'garbage', url: `${ctx.up.garbage}repo.json`, include: ['nothing-*'] },
      { name: 'not-a-universe', url: `${ctx.up.url}nowhere/`, include: ['nothing-*'] },
      { name: 'missing-file', url: `${ctx.up.url}nowhere/repo.json`, include: ['nothing-*'] },
      { name: 'public', url: `${ctx.up.url}public/dcos/repo-up-to-2.0.json` },
    ],
  });
  const started = Date.now();
  const r = await runCli(['layers', '--repo', repo, '--format', 'json', '--timeout', '1'], { timeoutMs: 60_000 });
  assert.equal(r.timedOut, false, 'the command finishes although an upstream never answers');
  assert.equal(r.code, 1, r.stderr);
  assert.ok(ctx.up.hangs() > 0, 'the hanging upstream was asked');
  const report = JSON.parse(r.stdout) as JsonReport;
  const states = Object.fromEntries(report.layers.map((l) => [l.name, l]));
  assert.match(states.broken!.error!, /the server answered HTTP 500/);
  assert.match(states.hanging!.error!, /no complete answer within 1000 ms/);
  assert.match(states.garbage!.error!, /repo\.json is not valid JSON/);
  assert.match(states['not-a-universe']!.error!, /nowhere\/ holds no index\.json/);
  assert.match(states['missing-file']!.error!, /nowhere\/repo\.json does not exist/);
  assert.deepEqual(
    report.layers.filter((l) => l.available).map((l) => [l.name, l.packages]),
    [
      ['local', 1],
      ['staging', 3],
      ['public', 4],
    ],
  );
  assert.deepEqual(brief(report), [
    ['acme-db', 'resolved', 'local', 'staging,public'],
    ['acme-secret', 'unresolved', 'local', 'staging,public'],
    ['kafka', 'resolved', 'staging', 'public'],
    ['spark', 'undecided', 'hanging', 'public'],
  ]);
  assert.equal(report.summary.unavailable, 5);
  // Upstreams are read at once: the timeout is paid once, not per upstream (a bound far from the 1 s expected).
  assert.ok(Date.now() - started < 30_000);

  const pretty = await runCli(['layers', '--repo', repo, '--timeout', '0.5'], { timeoutMs: 60_000 });
  assert.equal(pretty.code, 1);
  assert.match(pretty.stdout, /4\. hanging +universe http:.* +unavailable: cannot fetch http:.*\/universe\/index\.json: no complete answer within 500 ms\n/);
  assert.match(pretty.stdout, /\nspark +\(undecided\) +public +hanging is unavailable and may offer it, so the layers below are not asked/);
  assert.match(pretty.stdout, /\n5 upstreams unavailable \(broken, hanging, garbage, not-a-universe, missing-file\): the names they could offer are undecided until they answer\.\n$/);
});

test('upstreams given as paths: a built universe folder and a DC/OS repository file, relative to the universe', async () => {
  const repo = local([], {
    upstreams: [
      { name: 'staging', url: ctx.up.stagingDir },
      { name: 'public', url: `${ctx.up.publicDir}/dcos/repo-up-to-2.0.json` },
    ],
  });
  const r = await runCli(['layers', '--repo', repo, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(brief(report), [
    ['acme-db', 'resolved', 'staging', 'public'],
    ['acme-secret', 'resolved', 'staging', 'public'],
    ['kafka', 'resolved', 'staging', 'public'],
    ['spark', 'resolved', 'public', ''],
  ]);
});

test('no repository.json: the local layer alone', async () => {
  const repo = local(['acme-db'], {});
  fs.rmSync(`${repo}/repository.json`);
  const r = await runCli(['layers', '--repo', repo, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.layers.map((l) => l.name), ['local']);
  assert.deepEqual(brief(report), [['acme-db', 'resolved', 'local', '']]);
});

test('usage errors, unreadable or invalid settings: exit 2 with a message, no stack trace', async () => {
  const ok = local(['acme-db'], {});
  const invalid = local([], { upstreams: [{ name: 'local', url: 'https://a.example/' }, { name: 'b', url: 'ftp://b.example/' }] });
  const notJson = local([], {});
  fs.writeFileSync(`${notJson}/repository.json`, '{"formatVersion": ');
  const cases: Array<[string[], RegExp]> = [
    [['layers', '--repo', ok, '--format', 'xml'], /--format must be one of pretty, json/],
    [['layers', '--repo', ok, '--timeout', '0'], /--timeout must be a number of seconds above 0/],
    [['layers', '--repo', ok, '--timeout', 'soon'], /--timeout must be a number of seconds/],
    [['layers', '--repo', ok, 'extra'], /Unexpected argument 'extra'|positional/i],
    [['layers', '--repo', invalid], /repository\.json is invalid, so its upstreams cannot be used:\n {2}\/upstreams\/0\/name: upstream name 'local' is taken[^\n]*\n {2}\/upstreams\/1\/url: url 'ftp:\/\/b\.example\/' is neither/],
    [['layers', '--repo', notJson], /repository\.json is not valid JSON/],
    [['layers', '--repo', `${ok}/packages/A`], /holds no packages|not a folder|packages/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  const help = await runCli(['layers', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: universe layers \[--repo DIR\] \[--format pretty\|json\] \[--timeout SECONDS\]/);
});
