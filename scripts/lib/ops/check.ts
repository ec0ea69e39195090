import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogSubset } from '../catalog/load.js';
import { SETTINGS_FILE } from '../catalog/types.js';
import type { CheckReport, Side } from '../change/types.js';
import { compareDiagnostics } from '../diagnostics/sort.js';
import { diffTrees } from '../git/diff.js';
import { allowTrailers, commitsBetween } from '../git/history.js';
import { indexView, readIndex, stagedTree, treeCacheBelow } from '../git/index-read.js';
import { locateRepository } from '../git/locate.js';
import { GitObjects, shallowError } from '../git/objects.js';
import { commitTreeLister, GitSnapshot, virtualTreeLister, type TreeLister } from '../git/snapshot.js';
import { type UserConfigDirs } from '../git/features.js';
import { IgnoreRules } from '../git/ignore-rules.js';
import { worktreeTree } from '../git/worktree-tree.js';
import { Analysis } from '../rules/analysis.js';
import type { ChangeContext, ChangeRule } from '../rules/breaking/context.js';
import { CHANGE_RULES } from '../rules/breaking/registry.js';
import { runChangeRules } from '../rules/breaking/run.js';
import { RULES } from '../rules/registry.js';
import { countBySeverity, runRules } from '../rules/run.js';
import type { Rule } from '../rules/types.js';
import { FilteredSnapshot } from '../snapshot/filtered.js';
import type { EntryKind, Snapshot } from '../snapshot/types.js';
import { WorktreeSnapshot } from '../snapshot/worktree.js';
import { addDependencies, changedAncestors, classify, fillVersions, findingKey, inChange, newPathsOf } from './check-scope.js';
import { SCHEMA_DIR, schemaSides } from './check-schemas.js';
import { CannotRunError } from './errors.js';
import { readSettings } from './validate.js';

/** What to compare. Without `head` and `staged`, the head is the working tree. */
export interface CheckOptions {
  /** The universe folder (it holds packages/), inside a git working tree. */
  repoDir: string;
  /** The base ref; default: the merge base of the head with origin/main (or main), or HEAD for `staged`. */
  base?: string;
  /** A ref to check instead of the working tree. */
  head?: string;
  /** Check the staged changes (the git index) against HEAD: what a pre-commit hook sees. */
  staged?: boolean;
  /** Where the user's git configuration lives, for their excludes file (working-tree mode); default: none. */
  userConfig?: UserConfigDirs;
  rules?: readonly Rule[];
  changeRules?: readonly ChangeRule[];
}

/** The branches a default base is taken from, first found wins. */
const DEFAULT_BASES = ['origin/main', 'main', 'origin/master', 'master'];

interface HeadState {
  side: Side;
  lister: TreeLister;
  snapshot: Snapshot;
  /** The commit the head builds on (the ref itself, or HEAD for the index and the working tree). */
  commit?: string;
  schemaTree: () => Promise<{ id?: string; lister: TreeLister }>;
}

/**
 * `universe check`: finds what changed between a base and a head by comparing git tree ids (never
 * reading a subtree whose id did not change), validates only the changed packages (plus the
 * packages they depend on, which dependency rules read), and runs the breaking-change rules
 * between the two sides. A change to repository.json re-validates everything, since the policy
 * and categories apply to every package.
 */
export async function checkChanges(opts: CheckOptions): Promise<CheckReport> {
  if (!fs.existsSync(opts.repoDir)) throw new CannotRunError(`${opts.repoDir} does not exist: point --repo at the universe folder (the one that holds packages/)`);
  const location = locateRepository(opts.repoDir);
  const objects = new GitObjects(location);
  const prefix = location.prefix;
  const head = await headState(opts, objects);
  const base = await baseState(opts, objects, head);
  const baseRoot = base.commit ? (await objects.readCommit(base.commit)).tree : undefined;
  const baseLister: TreeLister = baseRoot ? commitTreeLister(objects, baseRoot, prefix) : () => Promise.resolve(undefined);
  const baseSnapshot = new GitSnapshot(`ref:${base.side.ref}`, objects, baseLister);

  const [atBase, atHead] = await Promise.all([baseLister('packages'), head.lister('packages')]);
  if (atBase === undefined && atHead === undefined) {
    throw new CannotRunError(
      `${opts.repoDir} holds no packages/ folder at ${base.side.ref} or ${head.side.ref}: point --repo at the universe folder (the one that holds packages/)`,
    );
  }
  const changed = await diffTrees(baseLister, head.lister);
  const changes = await classify(changed, baseLister, head.lister);
  const { settings, file: settingsFile } = await readSettings(head.snapshot);
  const everything = changes.files.includes(SETTINGS_FILE);
  const changedDirs = new Set(changes.packages.map((p) => p.dir));
  const pick = (letter: string, name: string): boolean => everything || changedDirs.has(`packages/${letter}/${name}`);

  const headCatalog = await loadCatalogSubset(head.snapshot, settings.limits, settingsFile, pick);
  if (!everything) await addDependencies(headCatalog);
  const baseCatalog = await loadCatalogSubset(baseSnapshot, settings.limits, undefined, (l, n) => changedDirs.has(`packages/${l}/${n}`));
  const headAnalysis = new Analysis(headCatalog, settings);
  const baseAnalysis = new Analysis(baseCatalog, settings);
  fillVersions(changes.packages, headCatalog, headAnalysis, baseCatalog, baseAnalysis);

  const revisionDirs = new Set<string>();
  for (const p of changes.packages) for (const r of p.revisions) if (r.status !== 'removed') revisionDirs.add(`${p.dir}/${r.folder}`);
  // What the change adds or modifies is judged as new (every rule at full severity, whatever the
  // packaging version); revisions it leaves untouched keep the published policy.
  const newPaths = newPathsOf(changes, revisionDirs);
  const rules = opts.rules ?? RULES;
  let diagnostics = await runRules(headCatalog, settings, rules, everything ? { newPaths } : { revisionDirs, packageDirs: changedDirs, newPaths }, headAnalysis);
  if (!everything) {
    // Package and catalog rules look beyond the changed revisions (every revision of a changed
    // package, the folders above it); what they already reported at the base (a legacy defect
    // of an untouched revision, a folder that was already misplaced) is not this change's doing.
    const wider = rules.filter((r) => r.scope !== 'revision');
    const before = await runRules(baseCatalog, settings, wider, { packageDirs: changedDirs }, baseAnalysis);
    const known = new Set(before.map(findingKey));
    diagnostics = diagnostics.filter(inChange(rules, { packages: changedDirs, revisions: revisionDirs, files: new Set(changes.files), changed: changedAncestors(changed) }, known));
  }

  const schemas = await schemaSides(objects, baseRoot, { worktree: head.side.ref === 'worktree', schemaTree: head.schemaTree }, prefix);
  const baseSettings = changes.files.includes(SETTINGS_FILE) ? (await readSettings(baseSnapshot)).settings : settings;
  const ctx: ChangeContext = {
    base: { catalog: baseCatalog, analysis: baseAnalysis },
    head: { catalog: headCatalog, analysis: headAnalysis },
    changes,
    settings,
    baseSettings,
    ...(schemas ? { schemas } : {}),
  };
  const commits = head.commit ? await commitsBetween(objects, base.logFrom ?? base.commit, head.commit) : [];
  const change = await runChangeRules(ctx, opts.changeRules ?? CHANGE_RULES, allowTrailers(commits));
  const all = [...diagnostics, ...change.diagnostics].sort(compareDiagnostics);
  const counts = countBySeverity(all);
  return {
    diagnostics: all,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      packages: changes.packages.length,
      revisions: changes.packages.reduce((n, p) => n + p.revisions.length, 0),
      files: headCatalog.filesRead + baseCatalog.filesRead,
    },
    base: base.side,
    head: head.side,
    changes,
    overrides: change.overrides,
  };
}

async function headState(opts: CheckOptions, objects: GitObjects): Promise<HeadState> {
  const { prefix, worktree } = objects.location;
  // Undefined only on an unborn branch (nothing committed yet); a HEAD naming a missing object throws.
  const headCommit = (): Promise<string | undefined> => objects.headCommit();
  if (opts.staged && opts.head) throw new CannotRunError('--staged and --head cannot be combined: the staged changes are the head');
  if (opts.staged) {
    const tree = stagedTree(readIndex(objects.location));
    const lister: TreeLister = (dir) => Promise.resolve(tree?.list(join(prefix, dir)));
    const commit = await headCommit();
    return {
      side: { ref: 'index' },
      lister,
      snapshot: new GitSnapshot('index', objects, lister),
      ...(commit ? { commit } : {}),
      schemaTree: async () => ({ ...(tree?.treeId(SCHEMA_DIR) ? { id: tree.treeId(SCHEMA_DIR)! } : {}), lister: (dir) => Promise.resolve(tree?.list(join(SCHEMA_DIR, dir))) }),
    };
  }
  if (opts.head) {
    const commit = await objects.resolveCommit(opts.head);
    const root = (await objects.readCommit(commit)).tree;
    const lister = commitTreeLister(objects, root, prefix);
    return {
      side: { ref: opts.head, commit },
      lister,
      snapshot: new GitSnapshot(`ref:${opts.head}`, objects, lister),
      commit,
      schemaTree: async () => {
        const id = await objects.treeAt(root, SCHEMA_DIR);
        return { ...(id ? { id } : {}), lister: commitTreeLister(objects, root, SCHEMA_DIR) };
      },
    };
  }
  const index = readIndex(objects.location);
  // Untracked paths git ignores (.gitignore, info/exclude) are not part of the change, as in git status.
  const rules = new IgnoreRules(worktree, objects.location.gitdir, opts.userConfig);
  const ignoredBelow = (base: string) => (rel: string, dir: boolean) => rules.ignored(base === '' ? rel : `${base}/${rel}`, dir);
  const ignoredInRepo = ignoredBelow(prefix);
  const view = indexView(index, prefix);
  const tree = worktreeTree(path.resolve(opts.repoDir), view, index.mtimeSeconds, treeCacheBelow(index, prefix), ignoredInRepo);
  const untracked = (rel: string, kind: EntryKind): boolean => (kind === 'dir' ? view.countBelow(rel) === 0 : view.find(rel) < 0);
  const commit = await headCommit();
  return {
    side: { ref: 'worktree' },
    lister: virtualTreeLister(tree),
    snapshot: new FilteredSnapshot(new WorktreeSnapshot(opts.repoDir), (rel, kind) => untracked(rel, kind) && ignoredInRepo(rel, kind === 'dir')),
    ...(commit ? { commit } : {}),
    schemaTree: async () => {
      const t = worktreeTree(path.join(worktree, SCHEMA_DIR), indexView(index, SCHEMA_DIR), index.mtimeSeconds, treeCacheBelow(index, SCHEMA_DIR), ignoredBelow(SCHEMA_DIR));
      return { id: t.treeId(''), lister: virtualTreeLister(t) };
    },
  };
}

async function baseState(opts: CheckOptions, objects: GitObjects, head: HeadState): Promise<{ side: Side; commit?: string; logFrom?: string }> {
  if (opts.base) {
    const commit = await objects.resolveCommit(opts.base);
    return { side: { ref: opts.base, commit }, commit };
  }
  if (opts.staged) return head.commit ? { side: { ref: 'HEAD', commit: head.commit }, commit: head.commit } : { side: { ref: '(empty)' } };
  if (!head.commit) return { side: { ref: '(empty)' } };
  for (const ref of DEFAULT_BASES) {
    // A branch that does not exist is skipped; one naming a missing object is an error.
    const tip = await objects.resolveIfExists(ref);
    if (tip === undefined) continue;
    const bases = await objects.mergeBase(head.commit, tip);
    if (bases.length === 0) {
      if (objects.shallowCommits().size > 0) throw shallowError(`no common history between ${head.side.commit ? head.side.ref : 'HEAD'} and ${ref}`);
      throw new CannotRunError(`${ref} and ${head.side.commit ? head.side.ref : 'HEAD'} share no history: pass --base REF`);
    }
    const commit = [...bases].sort()[0]!;
    return { side: { ref: `merge-base(${ref})`, commit }, commit, logFrom: tip };
  }
  throw new CannotRunError(`no base to compare with: there is no ${DEFAULT_BASES.slice(0, 2).join(' or ')} branch; pass --base REF (e.g. --base HEAD)`);
}

function join(prefix: string, dir: string): string {
  return prefix === '' ? dir : dir === '' ? prefix : `${prefix}/${dir}`;
}

