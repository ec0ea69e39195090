// The table of install options generated from config.json (a draft-04 JSON Schema whose property
// order is the form order): one row per option with its dotted name, type, default, whether it is
// required and its description; the properties of an object option follow it, indented.

import { h } from './dom.js';

/** Bounds for hostile or accidental giants: the table stays readable and the page responsive. */
const MAX_DEPTH = 12;
const MAX_ROWS = 1000;

/**
 * @typedef {{ path: string[], schema: any, required: boolean, depth: number }} OptionRow
 */

/**
 * The options of a config.json, depth first in document order.
 * @param {unknown} config
 * @returns {{ rows: OptionRow[], truncated: boolean }}
 * @public Imported by test/web/catalogue-modules.test.ts through a computed path knip cannot follow:
 * the catalogue's DOM-free logic, tested without a browser.
 */
export function optionRows(config) {
  /** @type {OptionRow[]} */
  const rows = [];
  let truncated = false;
  /**
   * @param {any} schema
   * @param {string[]} prefix
   * @param {number} depth
   */
  const walk = (schema, prefix, depth) => {
    const props = isObject(schema) && isObject(schema.properties) ? schema.properties : undefined;
    if (!props) return;
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
    for (const name of Object.keys(props)) {
      if (rows.length >= MAX_ROWS || depth > MAX_DEPTH) {
        truncated = true;
        return;
      }
      const child = props[name];
      const path = [...prefix, name];
      rows.push({ path, schema: isObject(child) ? child : {}, required: required.has(name), depth });
      walk(child, path, depth + 1);
    }
  };
  walk(config, [], 0);
  return { rows, truncated };
}

/**
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The type of an option as a reader says it: `string`, `integer | null`, `array of string`.
 * @param {any} schema
 * @public Imported by test/web/catalogue-modules.test.ts through a computed path knip cannot follow:
 * the catalogue's DOM-free logic, tested without a browser.
 */
export function typeLabel(schema) {
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : [];
  if (types.length === 0) return isObject(schema.properties) ? 'object' : 'any';
  return types
    .map((t) => {
      if (t !== 'array' || !isObject(schema.items)) return t;
      const inner = typeLabel(schema.items);
      return inner === 'any' ? 'array' : `array of ${inner}`;
    })
    .join(' | ');
}

/**
 * A JSON value as compact text for the Default column.
 * @param {unknown} value
 * @public Imported by test/web/catalogue-modules.test.ts through a computed path knip cannot follow:
 * the catalogue's DOM-free logic, tested without a browser.
 */
export function formatValue(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

/**
 * Notes on the allowed values: enum, bounds, lengths, pattern, format.
 * @param {any} schema
 * @returns {string[]}
 */
function constraints(schema) {
  const out = [];
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map(formatValue).join(', ')}`);
  if (typeof schema.minimum === 'number') out.push(`${schema.exclusiveMinimum === true ? '>' : '≥'} ${schema.minimum}`);
  if (typeof schema.maximum === 'number') out.push(`${schema.exclusiveMaximum === true ? '<' : '≤'} ${schema.maximum}`);
  if (typeof schema.minLength === 'number') out.push(`at least ${schema.minLength} characters`);
  if (typeof schema.maxLength === 'number') out.push(`at most ${schema.maxLength} characters`);
  if (typeof schema.pattern === 'string') out.push(`matches ${schema.pattern}`);
  if (typeof schema.format === 'string') out.push(`format ${schema.format}`);
  return out;
}

/**
 * The options table, or a sentence when the revision takes no options.
 * @param {unknown} config parsed config.json, undefined when the revision has none
 * @returns {HTMLElement}
 */
export function optionsTable(config) {
  const { rows, truncated } = optionRows(config);
  if (rows.length === 0) {
    return h('p', { class: 'muted' }, config === undefined ? 'This package takes no options (it has no config.json).' : 'This package declares no options.');
  }
  const body = h('tbody');
  for (const row of rows) body.appendChild(optionRow(row));
  const table = h(
    'table',
    { class: 'options-table' },
    h('caption', { class: 'visually-hidden' }, 'Configuration options, nested options indented under their parent'),
    h(
      'thead',
      null,
      h('tr', null, ['Option', 'Type', 'Default', 'Required', 'Description'].map((title) => h('th', { scope: 'col' }, title))),
    ),
    body,
  );
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': 'Configuration options', tabindex: '0' },
    table,
    truncated ? h('p', { class: 'muted' }, `Only the first ${MAX_ROWS} options (or ${MAX_DEPTH} levels) are shown.`) : null,
  );
}

/**
 * The Default cell's content: short values stay on one line, long ones wrap.
 * @param {unknown} value
 */
function defaultValue(value) {
  const text = formatValue(value);
  return h('code', { class: text.length <= 32 ? 'short' : undefined }, text);
}

/** @param {OptionRow} row */
function optionRow(row) {
  const { schema, depth } = row;
  const isGroup = isObject(schema.properties) && Object.keys(schema.properties).length > 0;
  const nameCell = h(
    'th',
    { scope: 'row', class: 'option-name' },
    // A line may break after any dot of the path, never inside a name.
    depth > 0 ? h('span', { class: 'option-parent' }, row.path.slice(0, -1).map((part) => [`${part}.`, h('wbr')])) : null,
    h('span', { class: 'option-leaf' }, row.path[row.path.length - 1]),
  );
  nameCell.style.setProperty('--depth', String(depth));
  const hasDefault = Object.prototype.hasOwnProperty.call(schema, 'default') && !isGroup;
  const notes = constraints(schema);
  const description = typeof schema.description === 'string' ? schema.description : typeof schema.title === 'string' ? schema.title : '';
  const tr = h(
    'tr',
    { class: isGroup ? 'option-group' : 'option', 'data-option': row.path.join('.') },
    nameCell,
    h('td', { class: 'option-type' }, h('code', null, typeLabel(schema))),
    h('td', { class: 'option-default' }, hasDefault ? defaultValue(schema.default) : [h('span', { class: 'muted', 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, 'none')]),
    h('td', { class: 'option-required' }, row.required ? h('span', { class: 'badge badge-required' }, 'Yes') : h('span', { class: 'muted' }, 'No')),
    h(
      'td',
      { class: 'option-description' },
      description,
      notes.length > 0 ? h('span', { class: 'option-constraints' }, notes.join(' · ')) : null,
    ),
  );
  return tr;
}
