/**
 * `packages/<name>/<version>/spec.json` of the static directory API: one version's documents,
 * its defaults and its descriptors rendered with them (schema/static-api.schema.json `spec`).
 */
import { compareStrings } from '../diagnostics/sort.js';
import type { RevisionParts } from './dcos-object.js';
import type { PlannedRevision } from './plan.js';
import type { DefaultRender } from './spec-render.js';
import { AURORA, COMMAND, CONFIG, MARATHON, RESOURCE } from './native.js';

const P = (s: string): Buffer => Buffer.from(s);


/**
 * The folder name of a version's spec: encodeURIComponent(version), the same for every version
 * on every file system (no slash, backslash or control character survives it). A client asks for
 * it as `encodeURIComponent(folder)`, since web servers decode the request path once; for the
 * usual versions (`[-a-zA-Z0-9.]`, all that packaging 3.0 and later allow) both are the version
 * itself. Undefined for the versions that have no spec.json because their folder could not be
 * told from a relative path or exceeds a file system's limit: empty, `.`, `..`, over 200
 * characters encoded, or a lone surrogate (no UTF-8 form).
 */
function versionFolder(version: string): string | undefined {
  if (version === '' || version === '.' || version === '..') return undefined;
  let folder: string;
  try {
    folder = encodeURIComponent(version);
  } catch {
    return undefined; // a lone surrogate (from a \u escape) has no UTF-8 form
  }
  return folder.length > 200 ? undefined : folder;
}

/**
 * The revisions that get a spec.json, by version folder, sorted by version: the highest revision
 * of each version (as DC/OS clients pick among revisions sharing a version). `revisions` ascend.
 */
export function specRevisions(revisions: readonly PlannedRevision[]): Array<{ folder: string; index: number }> {
  const byFolder = new Map<string, number>();
  revisions.forEach((r, i) => {
    const folder = versionFolder(r.data.version);
    // Ascending order: a later revision of the same version replaces an earlier one.
    if (folder !== undefined) byFolder.set(folder, i);
  });
  return [...byFolder].map(([folder, index]) => ({ folder, index })).sort((a, b) => compareStrings(a.folder, b.folder));
}

/**
 * spec.json's bytes: `{"name","version","revision","packagingVersion","package","config"?,
 * "resource"?,"command"?,"marathonTemplate"?,"auroraTemplate"?,"defaults","rendered"}`. The
 * documents are the same bytes as in packages/<name>.json (serialized once, shared).
 */
export function specPieces(name: string, parts: RevisionParts, render: DefaultRender): Buffer[] {
  const d = parts.data;
  const head = `{"name":${JSON.stringify(name)},"version":${JSON.stringify(d.version)},"revision":${d.number},"packagingVersion":${JSON.stringify(d.packagingVersion)},"package":`;
  const pieces: Buffer[] = [P(head), parts.json('pkg')];
  if (d.config !== undefined) pieces.push(CONFIG, parts.json('config'));
  if (d.resource !== undefined) pieces.push(RESOURCE, parts.json('resource'));
  if (d.command !== undefined) pieces.push(COMMAND, parts.json('command'));
  if (d.marathon) pieces.push(MARATHON, P(JSON.stringify(d.marathon.text)));
  if (d.aurora) pieces.push(AURORA, P(JSON.stringify(d.aurora.text)));
  pieces.push(P(`,"defaults":${JSON.stringify(render.defaults)},"rendered":${JSON.stringify(render.rendered)}}`));
  return pieces;
}
