/**
 * Turns a request target into the artifact path it names, or a client error. The artifact is
 * served from an in-memory table of the files its manifest lists, so no request can reach a file
 * outside it; these checks make attempts fail loudly (400) instead of silently (404), and keep
 * the routes free of surprises (`..`, NUL bytes, backslashes, empty segments).
 */

/** A request target split into its decoded path and raw query. */
export interface RequestPath {
  /** Percent-decoded once (as static web servers do), always starting with `/`. */
  path: string;
  /** The raw query string without `?` ('' when absent). */
  query: string;
}

/** Why a request target was refused. */
export interface PathError {
  status: 400;
  message: string;
}

/** Longest request target accepted (Node bounds it too, with the header size limit). */
const MAX_TARGET_LENGTH = 4096;

/**
 * Splits and decodes `target` (the request line's target). Refuses absolute-form and
 * asterisk-form targets, undecodable percent escapes, NUL and other control characters,
 * backslashes, and `.` or `..` segments — in raw or decoded form, so `%2e%2e` and `..%2f` are
 * caught too. Decoding happens once: `%252e%252e` names a file whose name really is `%2e%2e`,
 * which the artifact does not have (404), as with nginx.
 */
export function parseTarget(target: string): RequestPath | PathError {
  if (target.length > MAX_TARGET_LENGTH) return bad(`the request target is longer than ${MAX_TARGET_LENGTH} characters`);
  if (target.charCodeAt(0) !== 47 /* / */) return bad('the request target must be a path starting with /');
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? '' : target.slice(q + 1);
  let path = rawPath;
  if (rawPath.includes('%')) {
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return bad('the request path has an invalid percent escape; encode % as %25');
    }
  }
  if (/[\u0000-\u001f\u007f]/.test(path)) return bad('the request path contains a control character');
  if (path.includes('\\')) return bad('the request path contains a backslash; use / between segments');
  if (path.length > 1 && path.includes('//')) return bad('the request path has an empty segment (//)');
  for (const segment of path.split('/')) {
    if (segment === '.' || segment === '..') return bad(`the request path has a '${segment}' segment; relative segments are not allowed`);
  }
  return { path, query };
}

function bad(message: string): PathError {
  return { status: 400, message };
}

/** Whether a parse result is an error. */
export function isPathError(r: RequestPath | PathError): r is PathError {
  return 'status' in r;
}
