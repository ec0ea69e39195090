import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { preview } from '../../change/json-diff.js';
import { revisionEdits } from './shared.js';

/**
 * A published revision must keep deploying exactly what it deployed: people have installed it, and
 * DC/OS reinstalls and upgrades from what the universe serves under that revision. Any edit to its
 * template, options schema, resources, command or versioning members is an error; metadata is
 * breaking/metadata-changed's.
 */
export const revisionChanged: ChangeRule = {
  id: 'breaking/revision-changed',
  description: 'A published revision keeps deploying what it deployed: change it by publishing a new revision.',
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of revisionEdits(ctx)) {
      if (e.metadata) continue;
      const headFile = `${e.head.dir}/${e.file}`;
      const baseFile = `${e.base.dir}/${e.file}`;
      const fix = `publish the change as a new revision (universe new ${e.pkg}) instead`;
      if (e.presence) {
        out.push({
          file: e.presence === 'added' ? headFile : `${e.head.dir}/package.json`,
          message: `${e.file} was ${e.presence} in published revision ${e.pkg}/${e.folder}: ${fix}`,
          ...(e.presence === 'removed' ? { related: [{ file: baseFile, pointer: '', message: 'the published file' }] } : {}),
        });
      } else if (e.difference) {
        const d = e.difference;
        const where = d.pointer === '' ? 'the whole document' : `'${d.pointer}'`;
        const what = d.kind === 'added' ? `adds ${where} = ${preview(d.after)}` : d.kind === 'removed' ? `removes ${where}` : `changes ${where} from ${preview(d.before)} to ${preview(d.after)}`;
        out.push({
          file: headFile,
          pointer: d.kind === 'removed' ? parentPointer(d.pointer) : d.pointer,
          message: `published revision ${e.pkg}/${e.folder} ${what} in ${e.file}: ${fix}`,
          related: [{ file: baseFile, pointer: d.kind === 'added' ? parentPointer(d.pointer) : d.pointer, message: `published value: ${preview(d.before)}` }],
          data: { before: d.before ?? null, after: d.after ?? null },
        });
      } else {
        out.push({
          file: headFile,
          offset: e.offset ?? 0,
          message: `the template of published revision ${e.pkg}/${e.folder} was edited: ${fix}`,
          related: [{ file: baseFile, pointer: '', message: 'the published template' }],
        });
      }
    }
    return out;
  },
};

function parentPointer(p: string): string {
  return p.slice(0, Math.max(0, p.lastIndexOf('/')));
}
