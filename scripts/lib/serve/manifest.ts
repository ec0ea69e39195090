/**
 * Reading and checking an artifact's manifest.json (written by `universe build`, see
 * scripts/lib/ops/build.ts): the list of files the server may serve, with their sizes and sha256.
 */
import { CannotRunError } from '../diagnostics/errors.js';
import { isJsonObject } from '../json/object.js';

/** A file the manifest lists. */
export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/** manifest.json. */
export interface Manifest {
  formatVersion: string;
  commit: string | null;
  files: ManifestFile[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Why a manifest path is unsafe to serve, or undefined when it is a plain relative POSIX path. */
function unsafePath(p: string): string | undefined {
  if (p === '' || p.startsWith('/')) return 'is empty or absolute';
  if (/[\u0000-\u001f\u007f\\]/.test(p)) return 'contains a control character or a backslash';
  for (const s of p.split('/')) if (s === '' || s === '.' || s === '..') return 'has an empty, . or .. segment';
  return undefined;
}

/** Parses and checks manifest.json's text; throws CannotRunError naming `label` when it is not a manifest. */
export function parseManifest(text: string, label: string): Manifest {
  const fail = (why: string): never => {
    throw new CannotRunError(`${label} is not a valid artifact manifest (${why}); rebuild the artifact with universe build`);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isJsonObject(value)) return fail('not an object');
  const m = value;
  if (!Array.isArray(m.files)) return fail('no files list');
  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  for (const f of m.files as unknown[]) {
    const e = f as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.path !== 'string' || typeof e.size !== 'number' || typeof e.sha256 !== 'string') {
      return fail('a file entry lacks path, size or sha256');
    }
    const why = unsafePath(e.path);
    if (why) return fail(`the path ${JSON.stringify(e.path)} ${why}`);
    if (!Number.isSafeInteger(e.size) || e.size < 0) return fail(`the size of ${e.path} is not a byte count`);
    if (!SHA256.test(e.sha256)) return fail(`the sha256 of ${e.path} is not 64 lower-case hex digits`);
    if (e.path === 'manifest.json' || seen.has(e.path)) return fail(`${e.path} is listed twice`);
    seen.add(e.path);
    files.push({ path: e.path, size: e.size, sha256: e.sha256 });
  }
  return {
    formatVersion: typeof m.formatVersion === 'string' ? m.formatVersion : '',
    commit: typeof m.commit === 'string' ? m.commit : null,
    files,
  };
}
