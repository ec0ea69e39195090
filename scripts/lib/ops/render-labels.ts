/**
 * The labels DC/OS's package manager (Cosmos) puts on every Marathon app it installs, so that
 * `dcos package list`, upgrades and uninstalls can tell which package and options made the app.
 *
 * Cosmos semantics (PackageDefinitionRenderer / MarathonLabels): the labels are added to the
 * rendered app's `labels` object, existing labels are kept, and on a clash Cosmos's value wins
 * (Scala's `existing ++ cosmosLabels`). Values that are JSON are stored as base64 of the compact
 * JSON text (circe's `noSpaces`), encoded as UTF-8. A `labels` member that is not an object of
 * strings makes Cosmos refuse the app (its "invalid label schema" error). Cosmos also sets
 * `DCOS_PACKAGE_METADATA` (and, in old versions, a few more); only the five labels above are
 * set here, the ones `dcos package list` and upgrades rely on.
 */
import type { RevisionDocument } from '../consume/types.js';
import { dcosPieces, RevisionParts } from '../index/dcos-object.js';
import type { RevisionData } from '../index/revision-data.js';
import { hasOwn, setOwn } from '../render/objects.js';
import { isJsonObject, type JsonObject } from '../json/object.js';

/** The labels this tool sets, in the order they are written (after the app's own labels). */
export const PACKAGE_LABELS = ['DCOS_PACKAGE_NAME', 'DCOS_PACKAGE_VERSION', 'DCOS_PACKAGE_SOURCE', 'DCOS_PACKAGE_OPTIONS', 'DCOS_PACKAGE_DEFINITION'] as const;

/** One of {@link PACKAGE_LABELS}. */
export type PackageLabel = (typeof PACKAGE_LABELS)[number];

/**
 * The package object DC/OS carries for a revision — package.json plus `releaseVersion`,
 * `resource`, `marathon.v2AppMustacheTemplate` (base64), `config` and `command` — exactly as
 * this tool writes it into the DC/OS outputs (universe.json, repo-up-to-2.0.json): packaging
 * version 6.0 downgraded to what DC/OS reads. This is what `DCOS_PACKAGE_DEFINITION` encodes.
 */
function packageDefinition(rev: RevisionDocument): Buffer {
  const pkg = rev.package as JsonObject;
  const data: RevisionData = {
    dir: '',
    number: rev.revision,
    pkg,
    version: rev.package.version,
    packagingVersion: rev.package.packagingVersion,
    config: rev.config,
    resource: rev.resource,
    command: rev.command,
    // A built document keeps the template text only; a byte order mark, if any, is not restored.
    marathon: rev.marathonTemplate !== undefined ? { text: rev.marathonTemplate, bom: false } : undefined,
    aurora: rev.auroraTemplate !== undefined ? { text: rev.auroraTemplate, bom: false } : undefined,
  };
  // The pieces start with the comma that separates objects in a list: drop it.
  return Buffer.concat(dcosPieces(new RevisionParts(data), false).modern.slice(1));
}

/**
 * The five label values for a revision installed from `source` with the user's options (as
 * given, before defaults are merged; `{}` without options). The options are stored as their
 * compact JSON text, re-serialized from the parsed file like Cosmos re-prints the JSON it
 * received (whitespace dropped, members in file order; JavaScript lists integer-like member
 * names such as "10" first, a difference no real options file is expected to show).
 */
export function packageLabels(rev: RevisionDocument, userOptions: JsonObject, source: string): Record<PackageLabel, string> {
  return {
    DCOS_PACKAGE_NAME: rev.package.name,
    DCOS_PACKAGE_VERSION: rev.package.version,
    DCOS_PACKAGE_SOURCE: source,
    DCOS_PACKAGE_OPTIONS: Buffer.from(JSON.stringify(userOptions), 'utf8').toString('base64'),
    DCOS_PACKAGE_DEFINITION: packageDefinition(rev).toString('base64'),
  };
}

/** Whether an app's `labels` member can take the package labels: absent, or an object of strings. */
export function labelsProblem(app: JsonObject): string | undefined {
  if (!hasOwn(app, 'labels')) return undefined;
  const labels = app.labels;
  if (!isJsonObject(labels)) return `the rendered app's labels are ${labels === null ? 'null' : Array.isArray(labels) ? 'an array' : `a ${typeof labels}`}, but must be an object of strings`;
  const bad = Object.keys(labels).find((k) => typeof labels[k] !== 'string');
  return bad === undefined ? undefined : `the rendered app's label '${bad}' is ${JSON.stringify(labels[bad])}, but label values must be strings`;
}

/**
 * A copy of the app with the package labels added to `labels`: the app's own labels first, in
 * their order (any that clash with ours dropped: ours win), then ours in {@link PACKAGE_LABELS}
 * order. `labels` keeps its place in the app, or comes last when the app had none. Call
 * {@link labelsProblem} first: non-string labels are not expected here.
 */
export function withPackageLabels(app: JsonObject, labels: Record<PackageLabel, string>): JsonObject {
  const own = isJsonObject(app.labels) ? app.labels : {};
  const merged: JsonObject = {};
  for (const k of Object.keys(own)) if (!(PACKAGE_LABELS as readonly string[]).includes(k)) setOwn(merged, k, own[k]);
  for (const k of PACKAGE_LABELS) merged[k] = labels[k];
  const out: JsonObject = {};
  for (const k of Object.keys(app)) setOwn(out, k, k === 'labels' ? merged : app[k]);
  if (!hasOwn(out, 'labels')) out.labels = merged;
  return out;
}
