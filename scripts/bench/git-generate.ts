import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackWriter, treeBody, type TreeEntry } from './git-pack.js';
import { encodeEntry, encodeIndex, writeIndexFile, type CacheTree } from './git-index.js';

/** A fixed identity and date: commit A depends on the content alone. */
export const IDENT = { name: 'Universe Bench', email: 'bench@universe.invalid', timestamp: 1700000000, timezoneOffset: 0 };
const SIGNATURE = `${IDENT.name} <${IDENT.email}> ${IDENT.timestamp} +0000`;
/** `/dist` lets the bench link this project's compiled CLI in, so hooks/pre-commit finds it. */
const GITIGNORE = '/dist\n/node_modules\n/target\n';

interface Dir {
  files: TreeEntry[];
  dirs: Map<string, Dir>;
}

/** What generateRepository made. */
export interface Generated {
  commitA: string;
  files: number;
  objects: number;
  packBytes: number;
}

/**
 * Writes the repository into `target` (which holds nothing but .git/): a copy of `source`'s
 * packages/ under repo/, plus repo/repository.json and .gitignore, committed as A on main and
 * origin/main in one packfile, and an index of that worktree, also copied to `cleanIndexCopy`.
 */
export function generateRepository(source: string, target: string, repositoryJson: Buffer, cleanIndexCopy: string): Generated {
  const pack = new PackWriter(path.join(target, '.git/objects/pack'));
  const root: Dir = { files: [], dirs: new Map() };
  const index: Array<{ path: string; oid: Buffer; mode: number }> = [];
  const add = (rel: string, content: Buffer, mode: number): void => {
    const parts = rel.split('/');
    let d = root;
    for (const p of parts.slice(0, -1)) d = d.dirs.get(p) ?? d.dirs.set(p, { files: [], dirs: new Map() }).get(p)!;
    const oid = pack.add('blob', content);
    d.files.push({ name: parts.at(-1)!, mode: mode.toString(8), oid });
    index.push({ path: rel, oid, mode });
  };
  const write = (rel: string, content: Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(target, rel)), { recursive: true });
    fs.writeFileSync(path.join(target, rel), content);
    add(rel, content, 0o100644);
  };
  write('.gitignore', Buffer.from(GITIGNORE));
  write('repo/repository.json', repositoryJson);
  copyTree(path.join(source, 'packages'), target, 'repo/packages', add);
  const tree = writeTrees(root, '', pack)!;
  const commit = Buffer.from(`tree ${tree.oid!.toString('hex')}\nauthor ${SIGNATURE}\ncommitter ${SIGNATURE}\n\nUniverse for the check benchmark\n`);
  const commitA = pack.add('commit', commit).toString('hex');
  const packed = pack.finish();
  for (const d of ['objects/info', 'refs/tags', 'refs/heads', 'refs/remotes/origin']) fs.mkdirSync(path.join(target, '.git', d), { recursive: true });
  fs.writeFileSync(path.join(target, '.git/HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(target, '.git/refs/heads/main'), `${commitA}\n`);
  fs.writeFileSync(path.join(target, '.git/refs/remotes/origin/main'), `${commitA}\n`);
  fs.writeFileSync(
    path.join(target, '.git/config'),
    '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n' +
      `[remote "origin"]\n\turl = ${path.resolve(source)}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n` +
      '[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n',
  );
  let newest = 0n;
  const entries = index.map((e) => {
    const stat = fs.lstatSync(path.join(target, e.path), { bigint: true });
    if (stat.mtimeNs > newest) newest = stat.mtimeNs;
    return encodeEntry({ ...e, stat });
  });
  // Racy git: an entry whose mtime is not older than the index (to the second) is re-hashed by
  // git on every status. A clone's files are older than its index; wait until ours are too.
  waitUntil(Number(newest / 1000000000n) * 1000 + 1020);
  const data = encodeIndex(entries, tree);
  fs.writeFileSync(cleanIndexCopy, data);
  writeIndexFile(path.join(target, '.git/index'), data);
  return { commitA, files: index.length, objects: packed.objects, packBytes: packed.packBytes };
}

function waitUntil(ms: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (let left = ms - Date.now(); left > 0; left = ms - Date.now()) Atomics.wait(cell, 0, 0, left);
}

/** Copies every file under `from` to `target/rel`, reading each once (to hash and to write it). */
function copyTree(from: string, target: string, rel: string, add: (rel: string, content: Buffer, mode: number) => void): void {
  fs.mkdirSync(path.join(target, rel), { recursive: true });
  const names = fs.readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of names) {
    const src = path.join(from, e.name);
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) copyTree(src, target, r, add);
    else if (e.isSymbolicLink()) {
      const link = fs.readlinkSync(src);
      fs.symlinkSync(link, path.join(target, r));
      add(r, Buffer.from(link), 0o120000);
    } else if (e.isFile()) {
      const fd = fs.openSync(src, 'r');
      const st = fs.fstatSync(fd);
      const content = Buffer.allocUnsafe(st.size);
      let n = 0;
      while (n < st.size) n += fs.readSync(fd, content, n, st.size - n, n) || st.size;
      fs.closeSync(fd);
      fs.writeFileSync(path.join(target, r), content);
      add(r, content, st.mode & 0o111 ? 0o100755 : 0o100644);
    }
  }
}

/** Writes the tree of every non-empty folder, bottom-up; returns the cache-tree of `d`. */
function writeTrees(d: Dir, name: string, pack: PackWriter): CacheTree | undefined {
  const children: CacheTree[] = [];
  const entries = [...d.files];
  for (const [n, sub] of d.dirs) {
    const t = writeTrees(sub, n, pack);
    if (!t) continue; // git has no empty trees: an empty folder is simply not in the commit
    children.push(t);
    entries.push({ name: n, mode: '40000', oid: t.oid! });
  }
  if (entries.length === 0) return undefined;
  const count = d.files.length + children.reduce((s, c) => s + c.entries, 0);
  return { name, entries: count, oid: pack.add('tree', treeBody(entries)), children };
}

