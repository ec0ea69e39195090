import * as fs from 'node:fs';
import * as path from 'node:path';

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

  private read(ref: string, depth: number): string | undefined {
    if (depth > 5) return undefined;
    let text: string | undefined;
    try {
      const file = path.join(this.gitdir, ref);
      if (fs.statSync(file).isFile()) text = fs.readFileSync(file, 'utf8').trim();
    } catch {
      text = undefined;
    }
    if (text === undefined) return this.packedRefs().get(ref);
    if (text.startsWith('ref: ')) return this.read(text.slice(5).trim(), depth + 1);
    return /^[0-9a-f]{40}$/.test(text) ? text : undefined;
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
