/**
 * Content types of the artifact's files by extension. JSON files whose sibling `<base>.content_type`
 * exists (the DC/OS outputs) are served with that file's text instead: see artifact.ts.
 */

const TYPES: ReadonlyMap<string, string> = new Map([
  ['json', 'application/json'],
  ['map', 'application/json'],
  ['webmanifest', 'application/manifest+json'],
  ['html', 'text/html; charset=utf-8'],
  ['htm', 'text/html; charset=utf-8'],
  ['css', 'text/css; charset=utf-8'],
  ['js', 'text/javascript; charset=utf-8'],
  ['mjs', 'text/javascript; charset=utf-8'],
  ['txt', 'text/plain; charset=utf-8'],
  ['md', 'text/markdown; charset=utf-8'],
  ['content_type', 'text/plain; charset=utf-8'],
  ['mustache', 'text/plain; charset=utf-8'],
  ['svg', 'image/svg+xml'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['ico', 'image/x-icon'],
  ['woff', 'font/woff'],
  ['woff2', 'font/woff2'],
  ['gz', 'application/gzip'],
]);

/** What unknown extensions are served as: bytes the browser must not interpret. */
const DEFAULT_TYPE = 'application/octet-stream';

/** The Content-Type of an artifact path (POSIX, relative), from its extension. */
export function contentTypeOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return DEFAULT_TYPE;
  return TYPES.get(path.slice(dot + 1).toLowerCase()) ?? DEFAULT_TYPE;
}
