import { corruptObject } from './errors.js';
import type { CommitInfo, TreeItem } from './objects.js';

/**
 * The modes a tree entry may have, as written (no zero padding), and the mode each is read as.
 * `100664` (written by very old git) is read as `100644`, as git itself reads it: `git fsck` only
 * warns about it and checkout writes an ordinary file, so nothing is ambiguous. Any other mode is
 * refused.
 */
const MODES: ReadonlyMap<string, string> = new Map([
  ['100644', '100644'],
  ['100755', '100755'],
  ['100664', '100644'],
  ['120000', '120000'],
  ['40000', '040000'],
  ['160000', '160000'],
]);

/**
 * Parses a tree object (`<mode> <name>\0<20-byte id>` entries) as strictly as `git fsck`: entries
 * in git's order (names compared as bytes, a directory as if its name ended in `/`), each name
 * once, no empty name, no `/` in a name, no `.`, `..` or `.git` (any case), only known modes.
 * Throws {@link CorruptRepositoryError} naming the tree otherwise: git's checkout would pick one of
 * two entries of the same name, so a reader that picked the other would check what is not published.
 */
export function parseTree(data: Buffer, oid: string): TreeItem[] {
  const out: TreeItem[] = [];
  const names = new Set<string>();
  let prev: { name: Buffer; dir: boolean } | undefined;
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    const nul = space < 0 ? -1 : data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.length) throw corruptObject(oid, 'the tree ends in the middle of an entry');
    const raw = data.toString('latin1', i, space);
    const nameBytes = data.subarray(space + 1, nul);
    const name = nameBytes.toString('utf8');
    const shown = JSON.stringify(name);
    const mode = MODES.get(raw);
    if (mode === undefined) throw corruptObject(oid, `the tree gives ${shown} the unknown mode ${JSON.stringify(raw)}`);
    if (name === '') throw corruptObject(oid, 'the tree has an entry with an empty name');
    if (name.includes('/')) throw corruptObject(oid, `the tree has an entry named ${shown}, with a '/' in it`);
    if (name === '.' || name === '..' || name.toLowerCase() === '.git') throw corruptObject(oid, `the tree has an entry named ${shown}, which git refuses to check out`);
    if (names.has(name)) throw corruptObject(oid, `the tree lists ${shown} twice (git would check out only one of them)`);
    const dir = mode === '040000';
    if (prev && gitOrder(prev.name, prev.dir, nameBytes, dir) > 0) throw corruptObject(oid, `the tree's entries are not in git's order (${shown} comes after ${JSON.stringify(prev.name.toString('utf8'))})`);
    names.add(name);
    prev = { name: nameBytes, dir };
    const id = data.toString('hex', nul + 1, nul + 21);
    out.push({ name, mode, oid: id, type: dir ? 'tree' : mode === '160000' ? 'commit' : 'blob' });
    i = nul + 21;
  }
  return out;
}

/** git's tree order: names compared as bytes, a directory's name as if it ended in '/'. */
function gitOrder(a: Buffer, aDir: boolean, b: Buffer, bDir: boolean): number {
  const len = Math.min(a.length, b.length);
  const c = Buffer.compare(a.subarray(0, len), b.subarray(0, len));
  if (c !== 0) return c;
  const ca = a.length > len ? a[len]! : aDir ? 0x2f : 0;
  const cb = b.length > len ? b[len]! : bDir ? 0x2f : 0;
  return ca - cb;
}

/** Parses a commit object: its tree, parents, author, committer time and message. */
export function parseCommit(oid: string, data: Buffer): CommitInfo {
  const text = data.toString('utf8');
  const end = text.indexOf('\n\n');
  const header = end < 0 ? text : text.slice(0, end);
  let tree = '';
  const parents: string[] = [];
  let time = 0;
  let author = '';
  for (const line of header.split('\n')) {
    if (line.startsWith('tree ')) tree = line.slice(5).trim();
    else if (line.startsWith('parent ')) parents.push(line.slice(7).trim());
    else if (line.startsWith('author ')) {
      // `author Name <email> <seconds> <zone>`: the identity is everything before the date.
      const m = /^author (.*?>)/.exec(line);
      author = (m ? m[1]! : line.slice(7)).trim();
    } else if (line.startsWith('committer ')) {
      const m = / (-?\d+) [+-]\d{4}$/.exec(line);
      if (m) time = Number(m[1]);
    }
  }
  if (!/^[0-9a-f]{40}$/.test(tree)) throw corruptObject(oid, 'the commit names no tree');
  return { oid, tree, parents, author, message: end < 0 ? '' : text.slice(end + 2), time };
}
