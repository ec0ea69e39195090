/**
 * The project's `schema/` folder on both sides of a check, read only when its tree id differs:
 * what breaking/format-version compares.
 */
import * as path from 'node:path';
import { DEFAULT_LIMITS } from '../catalog/types.js';
import type { GitObjects } from '../git/objects.js';
import { commitTreeLister, GitSnapshot, type TreeLister } from '../git/snapshot.js';
import { decodeUtf8 } from '../json/decode.js';
import type { SchemaFile, SchemaSides } from '../rules/breaking/context.js';
import type { Snapshot } from '../snapshot/types.js';
import { WorktreeSnapshot } from '../snapshot/worktree.js';

/** Where the repository format's schemas live, relative to the working tree's top. */
export const SCHEMA_DIR = 'schema';

/** The project's schema files on both sides, when the `schema/` tree differs. */
export async function schemaSides(
  objects: GitObjects,
  baseRoot: string | undefined,
  head: { worktree: boolean; schemaTree: () => Promise<{ id?: string; lister: TreeLister }> },
  prefix: string,
): Promise<SchemaSides | undefined> {
  const headTree = await head.schemaTree();
  const baseId = baseRoot ? await objects.treeAt(baseRoot, SCHEMA_DIR) : undefined;
  if (baseId === headTree.id || (baseId === undefined && headTree.id === undefined)) return undefined;
  const baseLister = baseRoot ? commitTreeLister(objects, baseRoot, SCHEMA_DIR) : (): Promise<undefined> => Promise.resolve(undefined);
  const headSnap = head.worktree ? new WorktreeSnapshot(path.join(objects.location.worktree, SCHEMA_DIR)) : new GitSnapshot('schema', objects, headTree.lister);
  return {
    dir: path.posix.relative(prefix === '' ? '.' : prefix, SCHEMA_DIR) || SCHEMA_DIR,
    base: await schemaFiles(new GitSnapshot('schema', objects, baseLister)),
    head: await schemaFiles(headSnap),
  };
}

async function schemaFiles(snapshot: Snapshot): Promise<Map<string, SchemaFile>> {
  const out = new Map<string, SchemaFile>();
  for (const e of (await snapshot.list('')) ?? []) {
    if (!e.name.endsWith('.json') || e.kind === 'dir') continue;
    const read = await snapshot.read(e.name, DEFAULT_LIMITS.maxFileBytes);
    if (!read.ok) continue;
    const text = decodeUtf8(read.bytes).text;
    if (text === undefined) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    out.set(e.name, { text, value });
  }
  return out;
}
