import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { preview } from '../../change/json-diff.js';
import { revisionEdits } from './shared.js';

/**
 * Metadata of a published revision (descriptions, notes, licences, images, links, tags… as the
 * policy lists) may be corrected in place: it changes what people read, not what they deploy.
 * Reported as info so reviewers see it.
 */
export const metadataChanged: ChangeRule = {
  id: 'breaking/metadata-changed',
  description: 'Metadata of a published revision was edited in place (allowed; listed for reviewers).',
  severity: 'info',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of revisionEdits(ctx)) {
      if (!e.metadata || !e.difference) continue;
      const d = e.difference;
      out.push({
        file: `${e.head.dir}/${e.file}`,
        pointer: d.kind === 'removed' ? d.pointer.slice(0, d.pointer.lastIndexOf('/')) : d.pointer,
        message: `metadata '${d.pointer}' of published revision ${e.pkg}/${e.folder} ${d.kind === 'added' ? 'was added' : d.kind === 'removed' ? 'was removed' : 'was edited'} (allowed: it does not change what the revision deploys)`,
        related: [{ file: `${e.base.dir}/${e.file}`, pointer: d.kind === 'added' ? d.pointer.slice(0, d.pointer.lastIndexOf('/')) : d.pointer, message: `published value: ${preview(d.before)}` }],
      });
    }
    return out;
  },
};
