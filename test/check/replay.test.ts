/**
 * The corpus replay: a git history built from real DC/OS packages (each package's revisions added
 * in order, one commit each), checked commit by commit, then realistic edits on top of it, each
 * asserted to be classified as expected. Skipped, visibly, when ../shared/corpus is absent.
 *
 * Packages, chosen for variety and kept few so the test stays fast: dcos-monitoring (4.0, eleven
 * revisions, `v`-prefixed versions, upgradesFrom naming the previous version), hive-metastore (4.0,
 * upgradesFrom `*`), namerd (2.0 then 3.0: legacy), exhibitor (2.0: two revisions with the same
 * version), portworx-confluent-kafka (4.0, versions that are not all semver, real config changes)
 * and percona-pxc-mysql (4.0, upgradesFrom `*` with options removed).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckReport } from '../../scripts/lib/change/types.js';
import { validateSnapshot } from '../../scripts/lib/ops/validate.js';
import { WorktreeSnapshot } from '../../scripts/lib/snapshot/worktree.js';
import { TestRepo } from '../helpers/git.js';
import { CORPUS_DIR, NO_CORPUS, hasCorpus, listFiles } from '../helpers/paths.js';

const SOURCE = path.join(CORPUS_DIR, 'universe-sample', 'packages');
const PACKAGES = ['D/dcos-monitoring', 'H/hive-metastore', 'N/namerd', 'E/exhibitor', 'P/portworx-confluent-kafka', 'P/percona-pxc-mysql'];

/** A finding as asserted here: code, severity, file within the revision folder, pointer. */
type Expected = [code: string, severity: string, file: string, pointer: string];

/**
 * Everything the breaking-change checks report while the history is replayed, by commit
 * (`<L>/<package>/<revision>`); every other commit reports nothing. Adding revisions in order
 * never edits, removes or misnumbers a published one, so no breaking/revision-* finding appears;
 * what does appear is true of the real data:
 * - exhibitor 3 publishes 1.0.1 again (revision 2 did): version-reused;
 * - portworx-confluent-kafka 100 and 200: '1.3-2.3.0-4.1.1' and '1.3-2.6.0-5.1.2' are not semver
 *   (three numbers are needed), so order cannot be checked: version-not-semver warnings;
 * - portworx-confluent-kafka 100 and 400 upgrade from the latest version and change defaults
 *   (warnings); 400 also adds a `pattern` to service.name, so names with capitals that 1.3.2
 *   accepted are rejected by 1.3.7, a minor version: config-incompatible;
 * - percona-pxc-mysql 100 upgrades from `*` and drops five options, from 0.1.0 to 0.2.0: under
 *   semver a 0.x minor bump may break, so that is allowed (no config-incompatible); the three
 *   changed defaults are still warnings.
 */
const REPLAY: Record<string, Expected[]> = {
  'E/exhibitor/3': [['breaking/version-reused', 'error', 'package.json', '/version']],
  'P/portworx-confluent-kafka/100': [
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/kafka/properties/inter_broker_protocol_version/default'],
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/kafka/properties/log_message_format_version/default'],
    ['breaking/version-not-semver', 'warning', 'package.json', '/version'],
  ],
  'P/portworx-confluent-kafka/200': [['breaking/version-not-semver', 'warning', 'package.json', '/version']],
  'P/portworx-confluent-kafka/400': [
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/service/properties/readiness_check/properties/interval/default'],
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/service/properties/readiness_check/properties/timeout/default'],
    ['breaking/config-incompatible', 'error', 'config.json', '/properties/service/properties/name/pattern'],
  ],
  'P/percona-pxc-mysql/100': [
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/pxc/properties/cpus/default'],
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/pxc/properties/disk/default'],
    ['breaking/config-default-changed', 'warning', 'config.json', '/properties/pxc/properties/mem/default'],
  ],
};

/**
 * The defects a contributor adding these real revisions today would be refused for, beyond the
 * breaking-change checks: namerd 4's template does not render with its defaults (DC/OS published
 * it; a new revision must render).
 */
const NEW_REVISION_ERRORS: Record<string, Array<[string, string]>> = {
  'N/namerd/4': [['template-render', 'marathon.json.mustache']],
};

interface History {
  repo: TestRepo;
  /** The last commit of the replay. */
  tip: string;
  /** Per commit (`<L>/<package>/<revision>`): the check of that commit against the one before. */
  reports: Map<string, CheckReport>;
}

let history: Promise<History> | undefined;
/** Builds the history once for every test below. */
function replay(): Promise<History> {
  history ??= (async () => {
    const repo = await TestRepo.create();
    const reports = new Map<string, CheckReport>();
    let previous: string | undefined;
    for (const pkg of PACKAGES) {
      const revisions = fs.readdirSync(path.join(SOURCE, pkg)).sort((a, b) => Number(a) - Number(b));
      for (const rev of revisions) {
        const dir = path.join(SOURCE, pkg, rev);
        repo.write(Object.fromEntries(listFiles(dir).map((f) => [`packages/${pkg}/${rev}/${f}`, fs.readFileSync(path.join(dir, f))])));
        const commit = await repo.commit(`Add ${pkg}/${rev}`);
        if (previous) reports.set(`${pkg}/${rev}`, await repo.check({ base: previous, head: commit }));
        previous = commit;
      }
    }
    return { repo, tip: previous!, reports };
  })();
  return history;
}

after(async () => {
  if (history) (await history).repo.remove();
});

/** The breaking-change findings of a report as [code, severity, file within its revision, pointer], sorted. */
function breaking(report: CheckReport, revisionDir: string): Expected[] {
  return report.diagnostics
    .filter((d) => d.code.startsWith('breaking/'))
    .map((d): Expected => [d.code, d.severity, d.file.startsWith(`${revisionDir}/`) ? d.file.slice(revisionDir.length + 1) : d.file, d.pointer])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0));
}

/** Commits an edit on a branch from the tip and checks it against the tip. */
async function edit(h: History, branch: string, files: Record<string, string | undefined>): Promise<CheckReport> {
  await h.repo.branch(branch, { from: h.tip, checkout: true });
  h.repo.write(files);
  const head = await h.repo.commit(branch);
  return h.repo.check({ base: h.tip, head });
}

const read = (rel: string): string => fs.readFileSync(path.join(SOURCE, rel), 'utf8');
const P = (rel: string): string => `packages/${rel}`;

test('replay: adding each revision in order is clean apart from what the real data deserves', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  const total = PACKAGES.reduce((n, p) => n + fs.readdirSync(path.join(SOURCE, p)).length, 0);
  assert.equal(h.reports.size, total - 1); // every commit but the first was checked
  for (const [commit, report] of h.reports) {
    const [letter, name, rev] = commit.split('/');
    // Each commit adds exactly one revision.
    assert.deepEqual(
      report.changes.packages.map((p) => [p.dir, p.revisions.map((r) => [r.folder, r.status])]),
      [[`packages/${letter}/${name}`, [[rev, 'added']]]],
      commit,
    );
    const found = breaking(report, P(commit));
    assert.deepEqual(found.filter(([code]) => code.startsWith('breaking/revision-')), [], `${commit}: no published revision was touched`);
    assert.deepEqual(found, REPLAY[commit] ?? [], commit);
    // Apart from breaking-change findings, the errors are those of a new revision held to every
    // rule (published, the legacy packages still validate: see the test below).
    const others = report.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('breaking/')).map((d) => [d.code, d.file.slice(P(commit).length + 1)]);
    assert.deepEqual(others, NEW_REVISION_ERRORS[commit] ?? [], commit);
  }
});

test('replay: the replayed universe validates as published (legacy defects are warnings)', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  await h.repo.checkout(h.tip);
  const result = await validateSnapshot(new WorktreeSnapshot(h.repo.repoDir));
  assert.equal(result.summary.errors, 0);
  assert.ok(result.diagnostics.some((d) => d.code === 'template-render' && d.severity === 'warning' && d.file === P('N/namerd/4/marathon.json.mustache')));
});

test('replay: a metadata-only fix (a description) is only metadata-changed info', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  const file = 'H/hive-metastore/100/package.json';
  const report = await edit(h, 'metadata-fix', { [P(file)]: read(file).replace('the central repository of Hive metadata', 'the central store of Hive metadata') });
  assert.deepEqual(breaking(report, P('H/hive-metastore/100')), [['breaking/metadata-changed', 'info', 'package.json', '/description']]);
  assert.equal(report.summary.errors, 0);
  assert.equal(only(report, 'breaking/metadata-changed')[0]!.line, 13);
});

test('replay: a template fixed in place (legacy 2.0 namerd) is revision-changed', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  const file = 'N/namerd/3/marathon.json.mustache';
  const report = await edit(h, 'template-fix', { [P(file)]: read(file).replace('"constraints": [["hostname", "UNIQUE"]]', '"constraints": [["hostname", "GROUP_BY"]]') });
  assert.deepEqual(breaking(report, P('N/namerd/3')), [['breaking/revision-changed', 'error', 'marathon.json.mustache', '']]);
  const d = only(report, 'breaking/revision-changed')[0]!;
  assert.deepEqual([d.line, d.column], [7, 33]); // where UNIQUE was
  assert.deepEqual(d.related?.map((r) => [r.file, r.pointer]), [[P(file), '']]);
});

test('replay: a deleted revision is revision-removed', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  const report = await edit(h, 'delete-revision', { [P('N/namerd/2')]: undefined });
  assert.deepEqual(breaking(report, P('N/namerd/2')), [['breaking/revision-removed', 'error', 'package.json', '']]);
  assert.deepEqual(report.changes.packages[0]?.revisions, [{ folder: '2', status: 'removed', version: '0.5.0-0.1' }]);
});

/** A new dcos-monitoring revision 10404 made from 10403 without the option service.token_interval. */
function monitoringWithoutTokenInterval(version: string): Record<string, string> {
  const from = 'D/dcos-monitoring/10403';
  const pkg = JSON.parse(read(`${from}/package.json`)) as Record<string, unknown> & { upgradesFrom: string[]; downgradesTo: string[] };
  const config = JSON.parse(read(`${from}/config.json`)) as { properties: { service: { properties: Record<string, unknown> } } };
  delete config.properties.service.properties.token_interval;
  const to = 'packages/D/dcos-monitoring/10404';
  return {
    [`${to}/package.json`]: JSON.stringify({ ...pkg, version, upgradesFrom: [...pkg.upgradesFrom, 'v1.4.3'], downgradesTo: [...pkg.downgradesTo, 'v1.4.3'] }, null, 2),
    [`${to}/config.json`]: JSON.stringify(config, null, 2),
    [`${to}/marathon.json.mustache`]: read(`${from}/marathon.json.mustache`).replace('{{service.token_interval}}', '3600'),
    [`${to}/resource.json`]: read(`${from}/resource.json`),
  };
}

test('replay: a new revision that removes an option and still upgrades from the latest is config-incompatible', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  const report = await edit(h, 'breaking-config', monitoringWithoutTokenInterval('v1.4.4'));
  assert.deepEqual(breaking(report, P('D/dcos-monitoring/10404')), [['breaking/config-incompatible', 'error', 'config.json', '/properties/service/properties']]);
  const d = only(report, 'breaking/config-incompatible')[0]!;
  assert.deepEqual(d.related?.map((r) => [r.file, r.pointer]), [[P('D/dcos-monitoring/10403/config.json'), '/properties/service/properties/token_interval']]);
  // service does not allow undeclared options, so a user's token_interval is rejected: the report names it.
  const broken = d.data?.brokenOptions as Array<{ option: string }>;
  assert.ok(broken.some((b) => b.option === 'service.token_interval'), JSON.stringify(broken));
  assert.equal(report.summary.errors, 1);
});

test('replay: the same with a semver-major version is not config-incompatible', async (t) => {
  if (!hasCorpus()) return void t.skip(NO_CORPUS);
  const h = await replay();
  const report = await edit(h, 'major-bump', monitoringWithoutTokenInterval('v2.0.0'));
  assert.deepEqual(breaking(report, P('D/dcos-monitoring/10404')), []);
  assert.equal(report.summary.errors, 0);
});

function only(report: CheckReport, code: string): CheckReport['diagnostics'] {
  return report.diagnostics.filter((d) => d.code === code);
}
