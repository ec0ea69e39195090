import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { packagePairs, versionOf } from './context.js';
import { jsonEqual } from '../../change/json-diff.js';
import { REVISION_FILES, type Revision } from '../../catalog/types.js';

/**
 * A published revision must stay: clusters that installed it reinstall and upgrade from it, and a
 * universe that drops it strands them. Renumbering is a removal too (the old number disappears).
 */
export const revisionRemoved: ChangeRule = {
  id: 'breaking/revision-removed',
  description: 'A published revision is never removed or renumbered: deprecate it instead.',
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const pkg of packagePairs(ctx)) {
      const added = pkg.revisions.filter((p) => p.head && !p.base).map((p) => p.head!);
      for (const pair of pkg.revisions) {
        if (!pair.base || pair.head) continue;
        const version = versionOf(ctx.base, pair.base);
        const label = `${pkg.name}/${pair.folder}${version !== undefined ? ` (version ${version})` : ''}`;
        const twin = added.find((r) => sameContent(ctx, pair.base!, r));
        const what = twin
          ? `published revision ${label} was renumbered to ${twin.folder}: put it back under ${pair.folder} (revision numbers are part of what clients installed)`
          : pkg.head
            ? `published revision ${label} was removed: restore it; to retire it, publish a new revision marked deprecated (packaging 6.0 'deprecated') or ask users to upgrade`
            : `package ${pkg.name} was removed, and with it published revision ${label}: restore it; to retire a package, publish a final revision marked deprecated`;
        out.push({ file: `${pair.base.dir}/package.json`, message: what, data: { package: pkg.name, revision: pair.folder } });
      }
    }
    return out;
  },
};

function sameContent(ctx: Parameters<ChangeRule['check']>[0], a: Revision, b: Revision): boolean {
  for (const f of REVISION_FILES) {
    const x = a.files[f];
    const y = b.files[f];
    if (!x !== !y) return false;
    if (!x || !y) continue;
    if (f.endsWith('.json')) {
      if (!jsonEqual(ctx.base.analysis.json(a, f), ctx.head.analysis.json(b, f))) return false;
    } else if (x.text !== y.text) return false;
  }
  return true;
}
