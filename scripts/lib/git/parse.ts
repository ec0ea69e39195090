import type { CommitInfo, TreeItem } from './objects.js';

/** Parses a tree object: `<mode> <name>\0<20-byte id>` entries. */
export function parseTree(data: Buffer): TreeItem[] {
  const out: TreeItem[] = [];
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    const nul = data.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > data.length) throw new Error('corrupt tree object');
    const raw = data.toString('latin1', i, space);
    const mode = raw.padStart(6, '0');
    const oid = data.toString('hex', nul + 1, nul + 21);
    const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    out.push({ name: data.toString('utf8', space + 1, nul), mode, oid, type });
    i = nul + 21;
  }
  return out;
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
  if (!/^[0-9a-f]{40}$/.test(tree)) throw new Error(`commit ${oid} has no tree`);
  return { oid, tree, parents, author, message: end < 0 ? '' : text.slice(end + 2), time };
}
