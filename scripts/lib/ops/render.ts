/**
 * `universe render`: a revision's descriptor rendered with the user's options, the way DC/OS's
 * package manager (Cosmos) renders it on install — config.json defaults deep-merged with the
 * user's options, validated against config.json, `{"resource": resource.json}` merged last, the
 * mustache template rendered; a Marathon app must be a JSON object and gets Cosmos's package
 * labels. Every problem is a diagnostic that points where it can be fixed: into the user's
 * options file, the template, or config.json.
 */
import type { RevisionDocument } from '../consume/types.js';
import { compareDiagnostics } from '../diagnostics/sort.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { locatePointer, offsetToLineColumn } from '../json/document.js';
import { toPointer } from '../json/pointer.js';
import { definesAuroraJobs, renderDescriptor, type RenderFailure } from '../render/descriptor.js';
import { hasOwn } from '../render/objects.js';
import { nameSegments, parseTemplate } from '../render/template.js';
import { labelsProblem, packageLabels, withPackageLabels } from './render-labels.js';
import { diagnosticAt, optionDiagnostics, parseOptionsFile, undeclaredOptions, type OptionsFile } from './render-options.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** What to render. */
export interface RenderRequest {
  /** The revision's files, as a package document carries them. */
  revision: RevisionDocument;
  /** The user's options file (path as given, and text); none means the defaults alone. */
  options?: OptionsFile;
  descriptor: 'marathon' | 'aurora';
  /** Where the package comes from (DCOS_PACKAGE_SOURCE): the repository folder's or index's URI. */
  source: string;
  /** The revision folder as diagnostics should name it (default `packages/<L>/<name>/<revision>`). */
  dir?: string;
  /** config.json's text, to give line and column of diagnostics about it. */
  configText?: string;
}

/**
 * The rendered descriptor and any warnings (options config.json does not declare, which are
 * ignored), or why it could not be rendered: errors, and the warnings, sorted.
 */
export type RenderOutcome = { ok: true; marathon?: JsonObject; aurora?: string; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** The template file of each descriptor. */
export const DESCRIPTOR_FILES = { marathon: 'marathon.json.mustache', aurora: 'job.aurora.mustache' } as const;

/** Renders a revision's descriptor with the user's options; see {@link RenderRequest}. */
export function renderPackage(req: RenderRequest): RenderOutcome {
  const rev = req.revision;
  const dir = req.dir ?? `packages/${rev.package.name.charAt(0).toUpperCase()}/${rev.package.name}/${rev.revision}`;
  const templateFile = `${dir}/${DESCRIPTOR_FILES[req.descriptor]}`;
  let warnings: Diagnostic[] = [];
  const fail = (diagnostics: Diagnostic[]): RenderOutcome => ({ ok: false, diagnostics: [...diagnostics, ...warnings].sort(compareDiagnostics) });

  let user: JsonObject = {};
  if (req.options) {
    const parsed = parseOptionsFile(req.options);
    if (!parsed.ok) return fail(parsed.diagnostics);
    user = parsed.value;
    warnings = undeclaredOptions(user, rev.config, req.options).sort(compareDiagnostics);
  }
  const text = req.descriptor === 'aurora' ? rev.auroraTemplate : rev.marathonTemplate;
  if (text === undefined) {
    return fail([diagnosticAt('descriptor-missing', templateFile, '', undefined, undefined, `${rev.package.name} revision ${rev.revision} has no ${DESCRIPTOR_FILES[req.descriptor]}, so it has no ${req.descriptor === 'aurora' ? 'Aurora job' : 'Marathon app'} to render: choose the other --descriptor`)]);
  }
  const template = parseTemplate(text);
  if ('error' in template) {
    return fail([diagnosticAt('template-syntax', templateFile, '', text, template.error.offset, `the template cannot be parsed: ${template.error.message}`)]);
  }
  const docs = { kind: req.descriptor, template, ...(rev.config !== undefined ? { config: rev.config } : {}), ...(rev.resource !== undefined ? { resource: rev.resource } : {}) };
  const result = renderDescriptor(docs, user);
  if (!result.ok) {
    if (result.stage === 'options') {
      return fail(optionDiagnostics(result.issues, user, req.options, { config: rev.config, file: `${dir}/config.json`, ...(req.configText !== undefined ? { text: req.configText } : {}) }));
    }
    return fail([templateDiagnostic(result, req.descriptor, templateFile, text, user, req.options)]);
  }
  if (req.descriptor === 'aurora') {
    if (!definesAuroraJobs(result.text)) {
      return fail([diagnosticAt('aurora-render', templateFile, '', text, 0, `rendered with ${req.options ? 'these options' : 'the default options'}, the template does not define the jobs list Aurora reads: it needs a top-level \`jobs = [Job(...)]\` outside any section the options turn off`)]);
    }
    return { ok: true, aurora: result.text, warnings };
  }
  const app = result.value!;
  const problem = labelsProblem(app);
  if (problem !== undefined) {
    const at = text.indexOf('"labels"');
    return fail([diagnosticAt('template-render', templateFile, '', text, at < 0 ? 0 : at, `${problem}: DC/OS's package manager adds its labels there and refuses the app otherwise`)]);
  }
  return { ok: true, marathon: withPackageLabels(app, packageLabels(rev, user, req.source)), warnings };
}

type TemplateFailure = Exclude<RenderFailure, { stage: 'options' }>;

/** A template that did not render (or not into a JSON object) with the user's options. */
function templateDiagnostic(r: TemplateFailure, descriptor: 'marathon' | 'aurora', file: string, text: string, user: JsonObject, options: OptionsFile | undefined): Diagnostic {
  const code = descriptor === 'aurora' ? 'aurora-render' : 'template-render';
  const what = r.message.replace(/^the rendered text /, 'the rendered template ');
  const these = options ? 'these options' : 'the default options';
  if (r.stage === 'template') return diagnosticAt(code, file, '', text, r.offset, `the template cannot be rendered with ${these}: ${r.message}`);
  if (r.stage === 'not-object') return diagnosticAt(code, file, '', text, r.offset, `with ${these} ${what}; the template must produce an object {...}`);
  let message: string;
  if (r.empty.length > 0) {
    const names = r.empty.map((n) => `'${n}'`).join(', ');
    message = `with ${these} ${names} ${r.empty.length === 1 ? 'renders' : 'render'} as nothing here, so ${what}; set ${r.empty.length === 1 ? 'that option' : 'those options'} in ${options ? options.file : 'an options file (--options FILE)'}`;
  } else if (r.variable !== undefined) {
    message = `with ${these} the value of '${r.variable}' breaks the JSON (string values are inserted JSON-escaped and cannot supply JSON structure), so ${what}; give that option a value of the type the template expects`;
  } else {
    message = `with ${these} ${what}; the template is wrong here`;
  }
  // Point at the user's option that produced the bad value, when the user gave it.
  const culprit = r.variable ?? r.empty[0];
  const tokens = culprit !== undefined && culprit !== '.' ? nameSegments(culprit) : undefined;
  if (!options || !tokens || !hasPath(user, tokens)) return diagnosticAt(code, file, '', text, r.offset, message);
  const pointer = toPointer(tokens);
  const at = offsetToLineColumn(options.text, locatePointer(options.text, pointer));
  const related = [{ file: options.file, pointer, message: `the value of '${culprit}' comes from your options`, line: at.line, column: at.column }];
  return diagnosticAt(code, file, '', text, r.offset, message, { related });
}

function hasPath(value: unknown, tokens: readonly string[]): boolean {
  let node = value;
  for (const t of tokens) {
    if (!isJsonObject(node) || !hasOwn(node, t)) return false;
    node = node[t];
  }
  return true;
}
