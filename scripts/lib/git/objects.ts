import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Git from 'isomorphic-git';
import { CannotRunError } from '../diagnostics/errors.js';
import { isPartialClone } from './features.js';
import { CorruptRepositoryError } from './errors.js';
import type { RepositoryLocation } from './locate.js';
import { mergeBases } from './merge-base.js';
import { parseCommit, parseTree } from './parse.js';
import { Refs } from './refs.js';
import { ObjectStore, UnsupportedStore, type RawObject } from './store.js';

/** Characters git allows in ref names (a subset: no spaces, no control characters, no `~^:?*[\\`). */
const SAFE_REF = /^[A-Za-z0-9._/@+-]+$/;

/** A tree entry as git stores it. */
export interface TreeItem {
  name: string;
  /** The octal mode: `040000` tree, `100644`/`100755` file, `120000` symbolic link, `160000` submodule. */
  mode: string;
  oid: string;
  type: 'tree' | 'blob' | 'commit';
}

/** A parsed commit. */
export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  /** The author's identity, `Name <email>` (empty when the commit has none). */
  author: string;
  message: string;
  /** Committer time, seconds since the epoch. */
  time: number;
}

type IsoGit = typeof Git;
let loaded: Promise<IsoGit> | undefined;

/** isomorphic-git, imported on first use: commands that never read git do not pay for it. */
function isogit(): Promise<IsoGit> {
  loaded ??= import('isomorphic-git').then((m) => ((m as unknown as { default?: IsoGit }).default ?? m) as IsoGit);
  return loaded;
}

/**
 * Reads objects and refs of one repository without a git executable: with {@link ObjectStore}
 * (loose objects and v2 pack indexes, read directly) and, for what it does not read,
 * isomorphic-git, imported only then (loading it alone costs more than a whole typical check).
 * Parsed trees and commits are memoised by id: comparing two snapshots reads each distinct tree once.
 */
export class GitObjects {
  readonly location: RepositoryLocation;
  private readonly cache: object = {};
  private readonly trees = new Map<string, Promise<TreeItem[]>>();
  private readonly commits = new Map<string, CommitInfo>();
  private readonly store: ObjectStore;
  private readonly refs: Refs;
  private shallowSet: Set<string> | undefined;
  private partial: boolean | undefined;

  constructor(location: RepositoryLocation) {
    this.location = location;
    this.store = new ObjectStore(location.gitdir);
    this.refs = new Refs(location.gitdir);
  }

  private args(): { fs: typeof fs; dir: string; gitdir: string; cache: object } {
    return { fs, dir: this.location.worktree, gitdir: this.location.gitdir, cache: this.cache };
  }

  /** Commits the repository's clone is cut off at (`.git/shallow`): their parents are missing. */
  shallowCommits(): Set<string> {
    if (!this.shallowSet) {
      let text = '';
      try {
        text = fs.readFileSync(path.join(this.location.gitdir, 'shallow'), 'utf8');
      } catch {
        text = '';
      }
      this.shallowSet = new Set(text.split('\n').map((s) => s.trim()).filter((s) => /^[0-9a-f]{40}$/.test(s)));
    }
    return this.shallowSet;
  }

  /** Resolves a ref name, a full or abbreviated commit id, or `REF~N`/`REF^` to a commit id. */
  async resolveCommit(ref: string): Promise<string> {
    const m = /^(.*?)((?:[~^][0-9]*)*)$/.exec(ref)!;
    let oid = await this.resolveBase(m[1]!, ref);
    for (const step of m[2]!.match(/[~^][0-9]*/g) ?? []) {
      const n = step.length > 1 ? Number(step.slice(1)) : 1;
      if (step[0] === '~') {
        for (let i = 0; i < n; i++) oid = await this.parentOf(oid, 0, ref);
      } else if (n > 0) {
        oid = await this.parentOf(oid, n - 1, ref);
      }
    }
    return oid;
  }

  private async parentOf(oid: string, index: number, ref: string): Promise<string> {
    const c = await this.readCommit(oid);
    const p = c.parents[index];
    if (p === undefined) {
      if (this.shallowCommits().has(oid)) throw shallowError(`${ref} goes past the oldest commit of this shallow clone`);
      throw new CannotRunError(`${ref}: commit ${oid.slice(0, 12)} has no parent ${index + 1}`);
    }
    return p;
  }

  /**
   * The commit HEAD names, or undefined on an unborn branch (HEAD names a branch that does not
   * exist yet: nothing was ever committed). A HEAD naming an object that is not there, or that
   * cannot be read, is a {@link CorruptRepositoryError}, never an empty history.
   */
  async headCommit(): Promise<string | undefined> {
    const head = this.refs.head();
    if ('unborn' in head) return undefined;
    return this.ensureCommit(head.oid, 'HEAD');
  }

  /**
   * The commit a branch or ref name resolves to, or undefined when there is no such ref. A ref that
   * exists but names a missing or unreadable object is an error, so that callers trying a list of
   * candidate refs never silently skip a damaged one.
   */
  async resolveIfExists(name: string): Promise<string | undefined> {
    const oid = this.refs.resolve(name);
    return oid === undefined ? undefined : this.ensureCommit(oid, name);
  }

  private async resolveBase(name: string, whole: string): Promise<string> {
    if (/^[0-9a-f]{40}$/.test(name)) return this.ensureCommit(name, whole);
    if (!SAFE_REF.test(name) || name.includes('..') || name.includes('//') || name.endsWith('/') || name.endsWith('.lock')) {
      throw new CannotRunError(`'${whole}' is not a valid ref name`);
    }
    const oid = this.refs.resolve(name);
    if (oid !== undefined) return this.ensureCommit(oid, whole);
    if (/^[0-9a-f]{4,39}$/.test(name)) {
      const found = await this.expand(name);
      if (found.length > 1) throw new CannotRunError(`'${name}' is an ambiguous abbreviated id: give more digits`);
      if (found.length === 1) return this.ensureCommit(found[0]!, whole);
    }
    throw new CannotRunError(`cannot resolve '${whole}' to a commit: name a branch, tag or commit id of this repository (fetch it first if it is remote)`);
  }

  private async expand(prefix: string): Promise<string[]> {
    try {
      return this.store.expand(prefix);
    } catch (e) {
      if (!(e instanceof UnsupportedStore)) throw e;
      const git = await isogit();
      try {
        return [await git.expandOid({ ...this.args(), oid: prefix })];
      } catch {
        return [];
      }
    }
  }

  /** Checks that an id names a readable commit (peeling annotated tags). */
  private async ensureCommit(oid: string, ref: string, depth = 0): Promise<string> {
    const obj = await this.object(oid, ref);
    if (obj.type === 'tag' && depth < 10) {
      const m = /^object ([0-9a-f]{40})$/m.exec(obj.data.toString('utf8'));
      if (m) return this.ensureCommit(m[1]!, ref, depth + 1);
    }
    if (obj.type !== 'commit') throw new CannotRunError(`${ref} names a ${obj.type}, not a commit`);
    return oid;
  }

  /**
   * Reads a raw object: from the fast store, or through isomorphic-git when the store does not
   * read this repository's format. A missing object is an error that says how to fetch it.
   */
  private async object(oid: string, what: string): Promise<RawObject> {
    let obj: RawObject | undefined;
    try {
      obj = this.store.read(oid);
    } catch (e) {
      if (e instanceof CannotRunError) throw e;
      if (!(e instanceof UnsupportedStore)) throw new CorruptRepositoryError(oid, `cannot read ${what} (${oid}): ${e instanceof Error ? e.message : String(e)}; run git fsck`);
      const git = await isogit();
      try {
        // isomorphic-git checks the object's hash itself.
        const r = await git.readObject({ ...this.args(), oid, format: 'content' });
        obj = { type: r.type as RawObject['type'], data: Buffer.from(r.object as Uint8Array) };
      } catch (err) {
        if ((err as { code?: string }).code !== 'NotFoundError') {
          throw new CorruptRepositoryError(oid, `cannot read ${what} (${oid}): ${err instanceof Error ? err.message : String(err)}; run git fsck`);
        }
        obj = undefined;
      }
    }
    if (!obj) throw missingObject(what, oid, this.shallowCommits().size > 0, (this.partial ??= isPartialClone(this.location.gitdir)));
    return obj;
  }

  /** Reads and parses a commit. */
  async readCommit(oid: string): Promise<CommitInfo> {
    const known = this.commits.get(oid);
    if (known) return known;
    const obj = await this.object(oid, 'commit');
    if (obj.type !== 'commit') throw new CorruptRepositoryError(oid, `${oid} is a ${obj.type} where a commit was expected: run git fsck`);
    const c = parseCommit(oid, obj.data);
    this.commits.set(oid, c);
    return c;
  }

  /** Reads a tree's entries (memoised by id). */
  readTree(oid: string): Promise<TreeItem[]> {
    let t = this.trees.get(oid);
    if (!t) {
      t = this.object(oid, 'tree').then((obj) => {
        if (obj.type !== 'tree') throw new CorruptRepositoryError(oid, `${oid} is a ${obj.type} where a tree was expected: run git fsck`);
        return parseTree(obj.data, oid);
      });
      this.trees.set(oid, t);
    }
    return t;
  }

  /** Reads a blob's bytes. */
  async readBlob(oid: string): Promise<Uint8Array> {
    const obj = await this.object(oid, 'blob');
    if (obj.type !== 'blob') throw new CorruptRepositoryError(oid, `${oid} is a ${obj.type} where a blob was expected: run git fsck`);
    return obj.data;
  }

  /** The best common ancestors of two commits (empty when they share no history). */
  mergeBase(a: string, b: string): Promise<string[]> {
    return mergeBases(this, a, b);
  }

  /** The tree id of a path inside a commit's tree ('' for the root), or undefined when absent. */
  async treeAt(rootTree: string, dir: string): Promise<string | undefined> {
    let oid = rootTree;
    for (const part of dir === '' ? [] : dir.split('/')) {
      const e = (await this.readTree(oid)).find((x) => x.name === part);
      if (!e || e.type !== 'tree') return undefined;
      oid = e.oid;
    }
    return oid;
  }
}

/** The message for a history that is cut off: how to fetch the rest. */
export function shallowError(what: string): CannotRunError {
  return new CannotRunError(
    `${what}: this is a shallow clone and the history needed is missing. Fetch it with 'git fetch --unshallow' (or 'git fetch --deepen=<n>'); in GitHub Actions set 'fetch-depth: 0' on actions/checkout`,
  );
}

function missingObject(what: string, oid: string, shallow: boolean, partial: boolean): CannotRunError {
  const subject = what === 'commit' || what === 'tree' || what === 'blob' ? `${what} ${oid}` : `${what} (${oid})`;
  if (shallow) return shallowError(`${subject} is not in this repository`);
  if (partial) {
    return new CorruptRepositoryError(oid, `${subject} is not in this repository, a partial clone (git clone --filter) that did not download it, and this reader does not fetch: fetch it ('git fetch --refetch --no-filter origin', or clone without --filter; in GitHub Actions leave 'filter' unset on actions/checkout)`);
  }
  return new CorruptRepositoryError(oid, `${subject} is not in this repository: fetch the branch it is on (git fetch origin), or run git fsck if it should be there`);
}
