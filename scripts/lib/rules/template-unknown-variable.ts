import type { Finding } from '../diagnostics/types.js';
import type { UnresolvedVariable } from '../render/variables.js';
import { TEMPLATE_FILES, templateFacts } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';


/**
 * Template variables that can never resolve: not an option config.json declares, not a member
 * of resource.json under `resource`, not reachable through the enclosing sections. They render
 * as nothing (or hide their section) whatever the user chooses: almost always a typo or a
 * leftover. One finding per distinct name, at its first use, with the closest declared path.
 */
export const templateUnknownVariable: RevisionRule = {
  id: 'template-unknown-variable',
  description: 'Template variables must name an option declared in config.json or a member of resource.json.',
  severity: 'warning',
  scope: 'revision',
  check(rev, ctx) {
    const out: Finding[] = [];
    for (const file of TEMPLATE_FILES) {
      const facts = templateFacts(rev, ctx, file);
      const seen = new Set<string>();
      for (const u of facts?.unresolved ?? []) {
        if (seen.has(u.name)) continue;
        seen.add(u.name);
        out.push({ file: facts!.path, offset: u.offset, message: messageFor(u), data: { variable: u.name, ...(u.suggestion !== undefined ? { suggestion: u.suggestion } : {}) } });
      }
    }
    return out;
  },
};

function messageFor(u: UnresolvedVariable): string {
  const where = u.name === 'resource' || u.name.startsWith('resource.') ? 'is not a member of resource.json' : 'is not an option config.json declares';
  const effect = u.kind === '#' ? 'so this section never renders' : u.kind === '^' ? 'so this inverted section always renders' : 'so it always renders as nothing';
  const fix = u.suggestion !== undefined ? `did you mean '${u.suggestion}'?` : 'declare it in config.json or remove the reference';
  return `template variable '${u.name}' ${where}, ${effect}: ${fix}`;
}
