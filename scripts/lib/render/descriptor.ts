import { parseJsonText } from '../json/document.js';
import { toPointer } from '../json/pointer.js';
import { collectDefaults } from './defaults.js';
import { excerptAt, originOf } from './locate.js';
import { mergeOptions } from './merge.js';
import { renderTemplate, renderText, type RenderedTemplate } from './render.js';
import type { ParsedTemplate } from './template.js';
import { validateOptions, type OptionIssue } from './validate.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** The documents of one revision that a descriptor is rendered from. */
export interface DescriptorDocs {
  /** `marathon` must render to a JSON object; `aurora` (job.aurora.mustache) to any text. */
  kind: 'marathon' | 'aurora';
  template: string | ParsedTemplate;
  /** Parsed config.json; undefined when the revision has none. */
  config?: unknown;
  /** Parsed resource.json; undefined when the revision has none. */
  resource?: unknown;
}

/** A descriptor that rendered: its text, and for Marathon the parsed app object. */
export interface RenderSuccess {
  ok: true;
  text: string;
  value?: JsonObject;
  /** The options used: defaults merged with the user's options. */
  options: JsonObject;
  rendered: RenderedTemplate;
}

/** Why a descriptor did not render. Offsets are UTF-16 offsets in the template. */
export type RenderFailure =
  | { ok: false; stage: 'options'; issues: OptionIssue[]; options: JsonObject }
  | { ok: false; stage: 'template'; message: string; offset: number }
  | {
      ok: false;
      stage: 'json';
      message: string;
      offset: number;
      /** Where in the rendered text JSON parsing failed, and the rendered text. */
      renderedOffset: number;
      text: string;
      /** The variable whose value the error falls in, if any. */
      variable?: string;
      /** Variables that rendered as nothing just before the error. */
      empty: string[];
    }
  | { ok: false; stage: 'not-object'; message: string; offset: number; text: string };

/** The outcome of {@link renderDescriptor}. */
export type RenderResult = RenderSuccess | RenderFailure;

/**
 * Renders a descriptor the way Cosmos installs a package: config.json defaults merged with the
 * user's options, validated against config.json (when there is one; without one, any option is
 * an error), then `{resource: <resource.json>}` merged on top (resource wins), then the template
 * rendered ({@link renderTemplate}); a Marathon result must parse as a JSON object.
 */
export function renderDescriptor(docs: DescriptorDocs, options?: JsonObject): RenderResult {
  const merged = mergeOptions(collectDefaults(docs.config), options ?? {});
  if (docs.config !== undefined) {
    const issues = validateOptions(docs.config, merged);
    if (issues.length > 0) return { ok: false, stage: 'options', issues, options: merged };
  } else if (Object.keys(merged).length > 0) {
    const issues = Object.keys(merged).map((k) => ({ pointer: toPointer([k]), keyword: 'additionalProperties', message: `unknown option '${k}': this package has no config.json, so it takes no options` }));
    return { ok: false, stage: 'options', issues, options: merged };
  }
  return renderValidated(docs, merged);
}

/**
 * The part of {@link renderDescriptor} after validation, for callers that already validated
 * the merged options (the rules validate the defaults once for every template of a revision).
 */
function renderValidated(docs: DescriptorDocs, merged: JsonObject): RenderResult {
  const view = docs.resource === undefined ? merged : mergeOptions(merged, { resource: docs.resource });
  const rendered = renderTemplate(docs.template, view);
  if ('error' in rendered) return { ok: false, stage: 'template', ...rendered.error };
  if (docs.kind === 'aurora') return { ok: true, text: rendered.text, options: merged, rendered };
  return parseMarathon(rendered, merged);
}

/**
 * {@link renderValidated} for callers that keep no rendered output (the rules): the same
 * verdict and the same failures, but a descriptor that renders fine is rendered without the map
 * from output back to the template, and a Marathon app is only checked to be a JSON object, not
 * kept. Only a failure is rendered again, with the map, to say where it comes from.
 */
export function checkRendered(docs: DescriptorDocs, merged: JsonObject): { ok: true; text: string } | RenderFailure {
  const view = docs.resource === undefined ? merged : mergeOptions(merged, { resource: docs.resource });
  const rendered = renderText(docs.template, view);
  if ('error' in rendered) return { ok: false, stage: 'template', ...rendered.error };
  if (docs.kind === 'aurora' || isJsonObjectText(rendered.text)) return { ok: true, text: rendered.text };
  const full = renderValidated(docs, merged);
  return full.ok ? { ok: true, text: full.text } : full;
}

function isJsonObjectText(text: string): boolean {
  try {
    return isJsonObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function parseMarathon(rendered: RenderedTemplate, options: JsonObject): RenderResult {
  const { text } = rendered;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const doc = parseJsonText(text, { maxDepth: Number.MAX_SAFE_INTEGER, checkAscii: false });
    const at = doc.syntaxError?.offset ?? 0;
    const origin = originOf(rendered, at);
    const { line, excerpt } = excerptAt(text, at);
    return {
      ok: false,
      stage: 'json',
      message: `the rendered text is not valid JSON (${doc.syntaxError?.message ?? 'syntax error'}) at rendered line ${line}: \`${excerpt}\``,
      offset: origin.templateOffset,
      renderedOffset: at,
      text,
      ...(origin.variable !== undefined ? { variable: origin.variable } : {}),
      empty: origin.empty,
    };
  }
  if (!isJsonObject(value)) {
    const first = text.search(/\S/);
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { ok: false, stage: 'not-object', message: `the rendered text is ${kind}, but a Marathon app must be a JSON object`, offset: first < 0 ? 0 : originOf(rendered, first).templateOffset, text };
  }
  return { ok: true, text, value, options, rendered };
}

/** Whether rendered Aurora configuration text defines the module-level `jobs = [...]` list Aurora reads. */
export function definesAuroraJobs(text: string): boolean {
  return /^jobs[ \t]*=[ \t]*\[/m.test(text);
}
