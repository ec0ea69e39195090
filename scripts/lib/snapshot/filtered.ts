import type { EntryKind, ReadResult, Snapshot, SnapshotEntry } from './types.js';

/**
 * Another snapshot with some paths hidden, as if they were not there: listings leave them out
 * and reading one finds nothing. `universe check` on the working tree hides what git ignores
 * (untracked paths matched by .gitignore), so an editor's backup file is not a stray file.
 */
export class FilteredSnapshot implements Snapshot {
  readonly label: string;
  readonly readTransientSync?: (file: string, maxBytes: number, kind?: EntryKind) => ReadResult;

  /** @param hidden whether a path (POSIX, relative to the snapshot) is hidden; `kind` as listed. */
  constructor(
    private readonly inner: Snapshot,
    private readonly hidden: (path: string, kind: EntryKind) => boolean,
  ) {
    this.label = inner.label;
    const sync = inner.readTransientSync?.bind(inner);
    if (sync) this.readTransientSync = (file, maxBytes, kind) => (this.hidden(file, kind ?? 'file') ? MISSING : sync(file, maxBytes, kind));
  }

  async list(dir: string): Promise<SnapshotEntry[] | undefined> {
    const entries = await this.inner.list(dir);
    return entries?.filter((e) => !this.hidden(dir === '' ? e.name : `${dir}/${e.name}`, e.kind));
  }

  read(file: string, maxBytes: number, kind?: EntryKind): Promise<ReadResult> {
    return this.hidden(file, kind ?? 'file') ? Promise.resolve(MISSING) : this.inner.read(file, maxBytes, kind);
  }
}

const MISSING: ReadResult = { ok: false, reason: 'missing' };
