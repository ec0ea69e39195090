import type { Finding } from '../diagnostics/types.js';
import { templateFacts, type RenderVerdict } from './shared/template-analysis.js';
import type { RevisionRule } from './types.js';

/**
 * With the default options, marathon.json.mustache must render into a JSON object, the way
 * DC/OS's package manager renders it on install. Skipped when the package needs user options (a
 * required option without default). Invalid defaults (config-defaults reports them) do not stop
 * it: a failure no invalid default takes part in is reported, with values of the declared type
 * standing in for defaults of the wrong type; otherwise not-checked notes that it was not judged. An optional option without a default that renders as nothing where JSON needs a
 * value is a real defect (installing with the defaults fails) and is reported as such, naming
 * the variable. The DC/OS Universe never checked this.
 */
export const templateRender: RevisionRule = {
  id: 'template-render',
  description: 'marathon.json.mustache must render with the default options into a JSON object.',
  severity: 'error',
  legacySeverity: 'warning',
  scope: 'revision',
  check(rev, ctx) {
    const facts = templateFacts(rev, ctx, 'marathon.json.mustache');
    const r = facts?.render;
    if (!facts || !r || r.ok) return [];
    const standIns = facts.standIns ?? [];
    const message = standIns.length === 0 ? messageFor(r) : messageFor(r).replace('with the default options', `with the default options (${standInNote(standIns)})`);
    return [{ file: facts.path, offset: r.offset, message, data: { ...dataFor(r), ...(standIns.length > 0 ? { standIns } : {}) } } satisfies Finding];
  },
};

const quoted = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');

/** Says which invalid defaults a value of their declared type stood in for while rendering. */
function standInNote(names: readonly string[]): string {
  const one = names.length === 1;
  return `${quoted(names)} given ${one ? 'a value' : 'values'} of ${one ? 'its' : 'their'} declared type, since ${one ? 'its default is' : 'their defaults are'} invalid`;
}

function messageFor(r: Exclude<RenderVerdict, { ok: true }>): string {
  const what = r.message.replace(/^the rendered text /, 'the rendered template ');
  if (r.stage === 'json' && r.empty.length > 0) {
    const one = r.empty.length === 1;
    return `with the default options ${quoted(r.empty)} ${one ? 'renders' : 'render'} as nothing here, so ${what}; give ${one ? 'it a default' : 'them defaults'} or wrap this part in {{#${r.empty[0]}}}...{{/${r.empty[0]}}}`;
  }
  if (r.stage === 'json' && r.variable !== undefined) {
    return `with the default options the value of '${r.variable}' breaks the JSON (string values are inserted JSON-escaped, so they cannot supply JSON structure), so ${what}; use an option of the right type or put the tag inside quotes`;
  }
  if (r.stage === 'json') return `with the default options ${what}; fix the template here`;
  if (r.stage === 'not-object') return `with the default options ${what}; make the template an object {...}`;
  return `the template cannot be rendered with the default options: ${r.message}`;
}

function dataFor(r: Exclude<RenderVerdict, { ok: true }>): Record<string, unknown> {
  if (r.stage !== 'json') return { stage: r.stage };
  return { stage: r.stage, renderedOffset: r.renderedOffset, ...(r.variable !== undefined ? { variable: r.variable } : {}), emptyVariables: r.empty };
}
