import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorruptRepositoryError } from './errors.js';

/**
 * Resolves ref names the way git does for a revision argument: `HEAD`, then `<name>`,
 * `refs/<name>`, `refs/tags/<name>`, `refs/heads/<name>`, `refs/remotes/<name>` and
 * `refs/remotes/<name>/HEAD`, each as a loose ref file or a packed-refs line, following symbolic
 * refs. Names are checked by the caller (no `..`, no absolute paths).
 */
export class Refs {
  private readonly gitdir: string;
  private packed: Map<string, string> | undefined;

  constructor(gitdir: string) {
    this.gitdir = gitdir;
  }

  /** The object id a name resolves to, or undefined. */
  resolve(name: string): string | undefined {
    const candidates = /^[A-Z_]*HEAD$/.test(name)
      ? [name]
      : [name, `refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`];
    for (const c of candidates) {
      const oid = this.read(c, 0);
      if (oid !== undefined) return oid;
    }
    return undefined;
  }

  /**
   * What HEAD names: a commit id, or `unborn` with the branch HEAD points at when that branch does
   * not exist yet (nothing committed). A HEAD file that is missing or unreadable, or a ref whose
   * file holds neither an id nor `ref: …`, is a {@link CorruptRepositoryError}.
   */
  head(): { oid: string } | { unborn: string } {
    let ref = 'HEAD';
    for (let depth = 0; depth <= 5; depth++) {
      const text = this.loose(ref);
      if (text === undefined) {
        const packed = ref === 'HEAD' ? undefined : this.packedRefs().get(ref);
        if (packed !== undefined) return { oid: packed };
        if (ref === 'HEAD') throw new CorruptRepositoryError(path.join(this.gitdir, 'HEAD'), `${path.join(this.gitdir, 'HEAD')} is missing: run git fsck`);
        return { unborn: ref };
      }
      if (text.startsWith('ref: ')) {
        ref = text.slice(5).trim();
        continue;
      }
      if (/^[0-9a-f]{40}$/.test(text)) return { oid: text };
      throw new CorruptRepositoryError(path.join(this.gitdir, ref), `${ref} holds ${JSON.stringify(text.slice(0, 60))}, which is neither an object id nor a symbolic ref: run git fsck`);
    }
    throw new CorruptRepositoryError(path.join(this.gitdir, 'HEAD'), 'HEAD is a chain of more than 5 symbolic refs: run git fsck');
  }

  /** A loose ref file's trimmed text, or undefined when there is no such file. */
  private loose(ref: string): string | undefined {
    try {
      const file = path.join(this.gitdir, ref);
      return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8').trim() : undefined;
    } catch {
      return undefined;
    }
  }

  private read(ref: string, depth: number): string | undefined {
    if (depth > 5) return undefined;
    const text = this.loose(ref);
    if (text === undefined) return this.packedRefs().get(ref);
    if (text.startsWith('ref: ')) return this.read(text.slice(5).trim(), depth + 1);
    // An id may be followed by more on its line, as in FETCH_HEAD.
    const id = /^([0-9a-f]{40})(?:\s|$)/.exec(text);
    if (id) return id[1]!;
    // Only refs/… and all-caps names (HEAD, ORIG_HEAD…) are refs; other files of the git directory are not.
    if (!ref.startsWith('refs/') && !/^[A-Z_]+$/.test(ref)) return undefined;
    throw new CorruptRepositoryError(path.join(this.gitdir, ref), `${ref} holds ${JSON.stringify(text.slice(0, 60))}, which is neither an object id nor a symbolic ref: run git fsck`);
  }

  private packedRefs(): Map<string, string> {
    if (!this.packed) {
      this.packed = new Map();
      let text = '';
      try {
        text = fs.readFileSync(path.join(this.gitdir, 'packed-refs'), 'utf8');
      } catch {
        text = '';
      }
      for (const line of text.split('\n')) {
        const m = /^([0-9a-f]{40}) (\S+)$/.exec(line);
        if (m) this.packed.set(m[2]!, m[1]!);
      }
    }
    return this.packed;
  }
}
