// The descriptor rendered with the package's defaults, as spec.json carries it: a Marathon app
// (pretty JSON), an Aurora job (text), or why it cannot be rendered without the reader's options.

import { h } from './dom.js';

/** The start of spec.json's `rendered.error` when the package only lacks the reader's options. */
const NEEDS_OPTIONS = /^the package needs options[^:]*:\s*/i;

/**
 * @param {string} name
 * @param {any} spec
 */
export function renderedSection(name, spec) {
  const rendered = spec.rendered && typeof spec.rendered === 'object' ? spec.rendered : {};
  const blocks = [];
  if (rendered.marathon !== undefined) blocks.push(codeBlock('Marathon app', JSON.stringify(rendered.marathon, null, 2), 'rendered-marathon'));
  if (typeof rendered.aurora === 'string') blocks.push(codeBlock('Aurora job', rendered.aurora, 'rendered-aurora'));
  if (typeof rendered.error === 'string') {
    // The build says "the package needs options from the user …: <which>" when only the reader's
    // options are missing; any other error is a defect of the package itself.
    const needs = NEEDS_OPTIONS.exec(rendered.error);
    blocks.push(
      h(
        'div',
        { class: needs ? 'callout callout-info' : 'callout callout-error', id: 'rendered-error' },
        h('p', null, h('strong', null, needs ? 'Needs options: ' : 'Not rendered: '), needs ? rendered.error.slice(needs[0].length) : rendered.error),
        needs ? h('p', null, 'Write the options to a JSON file and render it with ', h('code', null, `universe render ${name}@${spec.version} --options options.json`), '.') : null,
      ),
    );
  }
  if (blocks.length === 0) blocks.push(h('p', { class: 'muted' }, 'This version has no deployment descriptor.'));
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'rendered-heading' },
    h('h2', { id: 'rendered-heading' }, 'Rendered with the default options'),
    blocks,
  );
}

/**
 * A titled, keyboard-scrollable code block with a copy button.
 * @param {string} title
 * @param {string} text
 * @param {string} id
 */
function codeBlock(title, text, id) {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'button button-small',
      'aria-describedby': `${id}-title`,
      on: {
        click: async () => {
          try {
            await navigator.clipboard.writeText(text);
            status.textContent = 'Copied';
          } catch {
            status.textContent = 'Copy failed: select the text instead';
          }
        },
      },
    },
    'Copy',
  );
  return h(
    'figure',
    { class: 'code-figure' },
    h('figcaption', null, h('span', { id: `${id}-title` }, title), h('span', { class: 'code-actions' }, status, copy)),
    h('pre', { class: 'code', id, tabindex: '0', 'aria-labelledby': `${id}-title` }, h('code', null, text)),
  );
}
