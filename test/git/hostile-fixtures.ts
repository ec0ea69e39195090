import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';

/** One tree entry as written, byte for byte: any mode, any name, in any order. */
export interface RawEntry {
  mode: string;
  name: string;
  oid: string;
}

/** Writes a loose object (`<type> <size>\0<content>`, deflated) and returns its id. */
export function writeLoose(gitdir: string, type: string, content: Buffer): string {
  const raw = Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]);
  const oid = createHash('sha1').update(raw).digest('hex');
  const file = path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, deflateSync(raw));
  return oid;
}

/** Overwrites the loose file of `oid` with other content (a valid object, but not the one named). */
export function forgeLoose(gitdir: string, oid: string, type: string, content: Buffer): void {
  const file = path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, deflateSync(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content])));
}

/** The bytes of a tree object's content holding exactly these entries, in this order. */
export function treeContent(entries: readonly RawEntry[]): Buffer {
  return Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex')]));
}

/** Reads a loose object's type and content. */
export function readLoose(gitdir: string, oid: string): { type: string; content: Buffer } {
  const raw = inflateSync(fs.readFileSync(path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2))));
  const nul = raw.indexOf(0);
  return { type: raw.toString('latin1', 0, raw.indexOf(0x20)), content: raw.subarray(nul + 1) };
}

/** The entries of a loose tree object, as stored. */
export function readTreeEntries(gitdir: string, oid: string): RawEntry[] {
  const { type, content } = readLoose(gitdir, oid);
  if (type !== 'tree') throw new Error(`${oid} is a ${type}`);
  const out: RawEntry[] = [];
  for (let i = 0; i < content.length; ) {
    const space = content.indexOf(0x20, i);
    const nul = content.indexOf(0, space);
    out.push({ mode: content.toString('latin1', i, space), name: content.toString('utf8', space + 1, nul), oid: content.toString('hex', nul + 1, nul + 21) });
    i = nul + 21;
  }
  return out;
}

/** The tree id of a commit (a loose commit object). */
export function commitTree(gitdir: string, commit: string): string {
  return /^tree ([0-9a-f]{40})$/m.exec(readLoose(gitdir, commit).content.toString('utf8'))![1]!;
}

/**
 * Rewrites the tree at `dir` (a path from the top, e.g. `repo/packages/A/alpha/0`) of `commit`
 * with `edit`, writes every parent tree again up to the root (entries kept in their order), and
 * writes a commit on top of `commit` with that root. Returns the new commit's id and the id of
 * the edited tree.
 */
export function hostileCommit(gitdir: string, commit: string, dir: string, edit: (entries: RawEntry[]) => RawEntry[]): { commit: string; tree: string } {
  let edited = '';
  const rewrite = (tree: string, parts: string[]): string => {
    const entries = readTreeEntries(gitdir, tree);
    if (parts.length === 0) {
      edited = writeLoose(gitdir, 'tree', treeContent(edit(entries)));
      return edited;
    }
    const next = entries.map((e) => (e.name === parts[0] ? { ...e, oid: rewrite(e.oid, parts.slice(1)) } : e));
    return writeLoose(gitdir, 'tree', treeContent(next));
  };
  const root = rewrite(commitTree(gitdir, commit), dir === '' ? [] : dir.split('/'));
  const who = 'Test <test@example.com> 1700009999 +0000';
  const body = `tree ${root}\nparent ${commit}\nauthor ${who}\ncommitter ${who}\n\nhostile tree\n`;
  return { commit: writeLoose(gitdir, 'commit', Buffer.from(body)), tree: edited };
}
