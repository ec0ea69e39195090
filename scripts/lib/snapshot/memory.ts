import { compareStrings } from '../diagnostics/sort.js';
import type { ReadResult, Snapshot, SnapshotEntry } from './types.js';

/** Content of an in-memory file: text (UTF-8), raw bytes, or a symbolic link. */
export type MemoryFile = string | Uint8Array | { symlink: string };

/** A snapshot held in memory, for tests and for checks of staged content. Keys are file paths. */
export class MemorySnapshot implements Snapshot {
  readonly label: string;
  private readonly files: Map<string, MemoryFile>;

  constructor(files: Record<string, MemoryFile>, label = 'memory') {
    this.files = new Map(Object.entries(files));
    this.label = label;
  }

  async list(dir: string): Promise<SnapshotEntry[] | undefined> {
    const prefix = dir === '' ? '' : dir + '/';
    const out = new Map<string, SnapshotEntry>();
    for (const [p, content] of this.files) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (out.has(name)) continue;
      const kind = slash >= 0 ? 'dir' : typeof content === 'object' && 'symlink' in content ? 'symlink' : 'file';
      out.set(name, { name, kind });
    }
    if (out.size === 0) return dir === '' ? [] : undefined;
    return [...out.values()].sort((a, b) => compareStrings(a.name, b.name));
  }

  async read(file: string, maxBytes: number): Promise<ReadResult> {
    let content = this.files.get(file);
    const seen = new Set<string>();
    while (content !== undefined && typeof content === 'object' && 'symlink' in content) {
      const target = resolveLink(file, content.symlink);
      if (target === undefined) return { ok: false, reason: 'symlink-escape', target: content.symlink };
      if (seen.has(target)) return { ok: false, reason: 'unreadable', detail: 'symbolic link loop' };
      seen.add(target);
      file = target;
      content = this.files.get(target);
    }
    if (content === undefined) {
      const isDir = [...this.files.keys()].some((k) => k.startsWith(file + '/'));
      return isDir ? { ok: false, reason: 'not-a-file' } : { ok: false, reason: 'missing' };
    }
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (bytes.byteLength > maxBytes) return { ok: false, reason: 'too-large', size: bytes.byteLength, limit: maxBytes };
    return { ok: true, bytes };
  }
}

function resolveLink(from: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
