// DOM construction without innerHTML: every piece of package data is untrusted, so text only ever
// reaches the page through textContent / text nodes, and attributes through setAttribute on a
// short allow-list of safe names (never event handlers, never style strings).

const SAFE_ATTRIBUTE = /^(?:id|class|disabled|selected|open|checked|readonly|required|role|tabindex|title|type|value|name|for|lang|dir|hidden|colspan|rowspan|scope|headers|width|height|alt|loading|decoding|referrerpolicy|rel|target|placeholder|autocomplete|spellcheck|inputmode|enterkeyhint|datetime|aria-[a-z]+|data-[a-z-]+)$/;

/**
 * Creates an element. `attrs` values: string/number (set as attributes), `true` (boolean attribute),
 * false/null/undefined (skipped). `href` and `src` go through {@link safeUrl}. `on` maps event names
 * to listeners. Children: nodes, strings (as text), arrays (flattened), null/undefined/false (skipped).
 * @param {string} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'on') {
        for (const [event, listener] of Object.entries(/** @type {Record<string, EventListener>} */ (value))) el.addEventListener(event, listener);
      } else if (key === 'href' || key === 'src') {
        const url = key === 'href' ? safeHref(String(value)) : safeUrl(String(value));
        if (url !== undefined) el.setAttribute(key, url);
      } else if (SAFE_ATTRIBUTE.test(key)) {
        el.setAttribute(key, value === true ? '' : String(value));
      } else {
        throw new Error(`h(): attribute '${key}' is not on the allow-list`);
      }
    }
  }
  append(el, children);
  return el;
}

/**
 * Appends children (see {@link h}) to a node.
 * @param {Node} parent
 * @param {unknown[]} children
 */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces every child of a node.
 * @param {Node} parent
 * @param {...unknown} children
 */
export function replaceChildren(parent, ...children) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/**
 * An absolute http(s) URL from package data, normalised, or undefined: `javascript:`, `data:` and
 * anything else a package could use to run code or confuse the reader is dropped.
 * @param {string} raw
 * @returns {string | undefined}
 */
export function safeUrl(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A link target: the catalogue's own hash routes as they are, otherwise {@link safeUrl} or a
 * `mailto:` built from a plain e-mail address.
 * @param {string} raw
 * @returns {string | undefined}
 */
function safeHref(raw) {
  if (raw.startsWith('#/')) return raw;
  if (raw.startsWith('mailto:')) return isEmail(raw.slice(7)) ? raw : undefined;
  return safeUrl(raw);
}

/**
 * True for a plain e-mail address (no spaces, one @, a dotted domain); used to decide whether a
 * maintainer can be linked with mailto:.
 * @param {string} text
 */
export function isEmail(text) {
  return /^[^\s@<>()"',;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(text);
}

/**
 * Text with every case-insensitive occurrence of the terms wrapped in <mark>, as nodes.
 * @param {string} text
 * @param {readonly string[]} terms lower-cased search terms
 * @returns {Node[]}
 */
export function highlight(text, terms) {
  const lower = text.toLowerCase();
  // A few characters change length when lower-cased; offsets would no longer line up.
  if (lower.length !== text.length) return [document.createTextNode(text)];
  /** @type {Array<[number, number]>} */
  const ranges = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  if (ranges.length === 0) return [document.createTextNode(text)];
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  /** @type {Node[]} */
  const out = [];
  let pos = 0;
  for (const [start, end] of ranges) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    if (from > pos) out.push(document.createTextNode(text.slice(pos, from)));
    out.push(h('mark', null, text.slice(from, end)));
    pos = end;
  }
  if (pos < text.length) out.push(document.createTextNode(text.slice(pos)));
  return out;
}
