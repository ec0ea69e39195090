/**
 * Watches a folder tree for changes. File-system events (fs.watch, recursive on Linux since Node
 * 20) give low latency but are not complete there — files created inside a folder that was just
 * renamed into the tree are missed — so a periodic poll backs them up. Either trigger only
 * schedules a check; a change is reported when the tree's signature (every file's path, size,
 * mtime and inode) differs from the last one reported, so bursts of events (an editor saving,
 * git checking out) give one notification after things settle.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics/sort.js';

/** Options of {@link TreeWatcher}. */
export interface TreeWatchOptions {
  /** Quiet time after an event before checking (default 150 ms). */
  debounceMs?: number;
  /** Poll interval when events work (default 2000 ms); without events it is a fifth of it. */
  pollMs?: number;
  /** Skip fs.watch and only poll. */
  pollOnly?: boolean;
  /** Relative POSIX paths to leave out (the artifact folder when it lies inside the tree…). */
  ignore?: (rel: string) => boolean;
}

/** Folders never watched: version control metadata and dependencies. */
const SKIP = new Set(['.git', '.hg', '.svn', 'node_modules']);

/** Editor droppings that say nothing about the content (swap files, backups, lock links). */
const EDITOR_FILE = /(?:~|\.sw[a-p]|\.tmp)$|^\.#|^4913$/;

/** The signature of a tree: a digest over every file's relative path, size, mtime and inode. */
export async function treeSignature(root: string, ignore?: (rel: string) => boolean): Promise<string> {
  const hash = createHash('sha256');
  await walk(root, '', hash, ignore);
  return hash.digest('hex');
}

async function walk(root: string, rel: string, hash: Hash, ignore: ((rel: string) => boolean) | undefined): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    hash.update(`${rel}\u0000gone\n`);
    return;
  }
  entries.sort((a, b) => compareStrings(a.name, b.name));
  const files = entries.filter((e) => !e.isDirectory() && !EDITOR_FILE.test(e.name));
  const stats = await Promise.all(
    files.map((e) => {
      const r = rel ? `${rel}/${e.name}` : e.name;
      return ignore?.(r) ? undefined : fs.promises.lstat(path.join(root, r)).then((s) => `${r}\u0000${s.size}\u0000${s.mtimeMs}\u0000${s.ino}\n`, () => '');
    }),
  );
  for (const s of stats) if (s) hash.update(s);
  for (const e of entries) {
    if (!e.isDirectory() || SKIP.has(e.name)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (ignore?.(r)) continue;
    hash.update(`${r}/\n`);
    await walk(root, r, hash, ignore);
  }
}

/** Calls `onChange` after the tree under `root` changed (debounced, confirmed by its signature). */
export class TreeWatcher {
  private watcher: fs.FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private last: string | undefined;
  private checking = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly onChange: () => void,
    private readonly options: TreeWatchOptions = {},
  ) {}

  /**
   * Starts watching from the tree's current state (or `baseline`, a signature taken earlier: a
   * change since then is reported at the first check). Returns how it watches.
   */
  async start(baseline?: string): Promise<'events' | 'polling'> {
    this.last = baseline ?? (await treeSignature(this.root, this.options.ignore));
    let mode: 'events' | 'polling' = 'polling';
    if (!this.options.pollOnly) {
      try {
        this.watcher = fs.watch(this.root, { recursive: true, persistent: false }, (_event, file) => {
          const rel = typeof file === 'string' ? file.split(path.sep).join('/') : undefined;
          if (rel !== undefined && (this.options.ignore?.(rel) || rel.split('/').some((s) => SKIP.has(s)))) return;
          this.schedule();
        });
        // Events stop (a watched folder removed, inotify limits): polling carries on alone.
        this.watcher.on('error', () => this.stopEvents());
        mode = 'events';
      } catch {
        this.watcher = undefined;
      }
    }
    const every = this.options.pollMs ?? 2000;
    this.poll = setInterval(() => void this.check(), mode === 'events' ? every : Math.max(100, Math.round(every / 5)));
    this.poll.unref();
    if (baseline !== undefined) void this.check();
    return mode;
  }

  private stopEvents(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.check(), this.options.debounceMs ?? 150);
    this.debounce.unref();
  }

  /** Compares the tree with the last signature; reports a difference. */
  async check(): Promise<void> {
    if (this.closed) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        const sig = await treeSignature(this.root, this.options.ignore);
        if (!this.closed && sig !== this.last) {
          this.last = sig;
          this.onChange();
        }
      } while (this.again && !this.closed);
    } finally {
      this.checking = false;
    }
  }

  /** Stops watching. */
  close(): void {
    this.closed = true;
    this.stopEvents();
    clearInterval(this.poll);
    clearTimeout(this.debounce);
  }
}
