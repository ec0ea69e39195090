import type { Revision, RevisionFileName } from '../../catalog/types.js';
import { REVISION_FILES } from '../../catalog/types.js';
import type { ChangeContext } from './context.js';
import { metadataKeys, packagePairs } from './context.js';
import { jsonDifferences, type JsonDifference } from '../../change/json-diff.js';
import { isJsonObject } from '../../json/object.js';
import { parsePointer } from '../../json/pointer.js';

/** One difference inside a revision present at both base and head. */
export interface RevisionEdit {
  pkg: string;
  folder: string;
  base: Revision;
  head: Revision;
  file: RevisionFileName;
  /** For JSON files: the member that differs. Templates and added/removed files have none. */
  difference?: JsonDifference;
  /** For templates: the UTF-16 offset of the first differing character in the head text. */
  offset?: number;
  /** The file exists on one side only. */
  presence?: 'added' | 'removed';
  /** The edit touches only a member the policy calls metadata. */
  metadata: boolean;
}

const memo = new WeakMap<ChangeContext, RevisionEdit[]>();

/**
 * Every edit to a revision that exists at both base and head, file by file, computed once per
 * check and shared by breaking/revision-changed and breaking/metadata-changed. JSON files are
 * compared as parsed values (a reformatted file is no edit); templates as text with line endings
 * normalised. A file that does not parse on either side is left to validation.
 */
export function revisionEdits(ctx: ChangeContext): RevisionEdit[] {
  let edits = memo.get(ctx);
  if (edits) return edits;
  edits = [];
  for (const pkg of packagePairs(ctx)) {
    for (const pair of pkg.revisions) {
      if (!pair.base || !pair.head) continue;
      for (const file of REVISION_FILES) edits.push(...fileEdits(ctx, pkg.name, pair.base, pair.head, file));
    }
  }
  memo.set(ctx, edits);
  return edits;
}

function fileEdits(ctx: ChangeContext, pkg: string, base: Revision, head: Revision, file: RevisionFileName): RevisionEdit[] {
  const b = base.files[file];
  const h = head.files[file];
  const common = { pkg, folder: head.folder, base, head, file };
  const metadata = metadataKeys(ctx, file);
  if (!b && !h) return [];
  if (file.endsWith('.json')) {
    // An absent JSON file compares as an empty object, so that a file holding only metadata (a
    // resource.json with only images) may come or go like any metadata member.
    const bv = b ? ctx.base.analysis.json(base, file) : {};
    const hv = h ? ctx.head.analysis.json(head, file) : {};
    if (bv === undefined || hv === undefined) return [];
    if (!b || !h) {
      const keys = isJsonObject(b ? bv : hv) ? Object.keys((b ? bv : hv) as object) : [];
      if (keys.length === 0 || !keys.every((k) => metadata.has(k))) return [{ ...common, presence: b ? 'removed' : 'added', metadata: false }];
    }
    return jsonDifferences(bv, hv).map((difference) => {
      const top = parsePointer(difference.pointer)[0];
      return { ...common, difference, metadata: top !== undefined && metadata.has(top) };
    });
  }
  if (!b || !h) return [{ ...common, presence: b ? 'removed' : 'added', metadata: false }];
  const bt = b.text?.replace(/\r\n/g, '\n');
  const ht = h.text?.replace(/\r\n/g, '\n');
  if (bt === undefined || ht === undefined || bt === ht) return [];
  let i = 0;
  while (i < bt.length && i < ht.length && bt[i] === ht[i]) i++;
  // Map the offset back into the head text as it is (with its original line endings).
  const raw = h.text!;
  let offset = 0;
  for (let seen = 0; offset < raw.length && seen < i; offset++) if (!(raw[offset] === '\r' && raw[offset + 1] === '\n')) seen++;
  return [{ ...common, offset, metadata: false }];
}

/** The `upgradesFrom` list of a revision's package.json, when it is an array of strings. */
export function upgradesFrom(ctx: ChangeContext, rev: Revision): string[] {
  const v = ctx.head.analysis.packageJson(rev)?.upgradesFrom;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
