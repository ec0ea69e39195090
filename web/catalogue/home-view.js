// The home page: facets (categories, tags, maintainers), the search results as cards, and a live
// result count. Its DOM is built once and updated in place, so the live region keeps announcing
// and the reader's scroll position and focus survive a visit to a package page.

import { h, highlight, replaceChildren } from './dom.js';
import { packageIcon } from './icon.js';
import { facetCounts, list, search, terms } from './search.js';
import { homeHash, packageHash } from './routes.js';

/** Facet values shown before "Show all". */
const FACET_LIMIT = 12;

/**
 * @typedef {import('./search.js').Query} Query
 * @typedef {{ packages?: any[], categories?: any[], repository?: { name: string, description?: string }, error?: Error }} Data
 */

/**
 * Builds the home view.
 * @param {{ navigate: (hash: string) => void, retry: () => void }} actions
 */
export function createHome(actions) {
  const count = h('p', { class: 'result-count', id: 'result-count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, 'Loading packages…');
  // What the universe holds, in its own words (repository.json's description).
  const about = h('p', { class: 'site-description', id: 'site-description', hidden: true });
  const active = h('div', { class: 'active-filters', role: 'group', 'aria-label': 'Active filters' });
  const results = h('ul', { class: 'cards', id: 'results', 'aria-labelledby': 'results-heading', 'aria-describedby': 'result-count' });
  const facets = h('nav', { class: 'facets', id: 'facets', 'aria-label': 'Filters' });
  // On narrow screens the facets fold away behind this button, so the results come first.
  const toggle = h('button', { type: 'button', class: 'button button-small filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'facets' }, 'Filters');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    facets.classList.toggle('open', open);
  });
  // DOM order is reading order (heading, filters, results); the grid puts the facets on the left.
  const element = h(
    'div',
    { class: 'home' },
    about,
    h('div', { class: 'results-head' }, h('div', { class: 'results-title' }, h('h1', { id: 'results-heading', tabindex: '-1' }, 'Packages'), count), active),
    h('div', { class: 'facets-column' }, toggle, facets),
    h('section', { class: 'results', 'aria-labelledby': 'results-heading' }, results),
  );
  /** @type {Set<string>} facets the reader expanded */
  const expanded = new Set();
  /** @type {Data} */
  let data = {};
  /** @type {Query} */
  let query = {};

  const render = () => {
    if (data.error) {
      replaceChildren(count, 'The catalogue could not be loaded.');
      replaceChildren(results, h('li', { class: 'callout callout-error' }, data.error.message, ' ', h('button', { type: 'button', class: 'button', on: { click: actions.retry } }, 'Retry')));
      replaceChildren(facets);
      return;
    }
    if (!data.packages) return;
    const description = data.repository?.description;
    about.hidden = typeof description !== 'string' || description === '';
    replaceChildren(about, typeof description === 'string' ? description : '');
    // Re-rendering replaces the buttons: the one that had the focus gets it back.
    const focused = element.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.focusKey ?? '' : undefined;
    const hits = search(data.packages, query);
    const total = data.packages.length;
    const filtered = query.q || query.category || query.tag || query.maintainer;
    replaceChildren(count, filtered ? `${hits.length} of ${plural(total, 'package')} match` : plural(total, 'package'));
    const chosen = [query.category, query.tag, query.maintainer].filter(Boolean).length;
    replaceChildren(toggle, chosen > 0 ? `Filters (${chosen})` : 'Filters');
    renderActive();
    renderResults(hits);
    renderFacets();
    if (focused !== undefined) refocus(focused);
  };

  /** @param {string} key a data-focus-key */
  const refocus = (key) => {
    const again = /** @type {HTMLElement[]} */ ([...element.querySelectorAll('[data-focus-key]')]).find((e) => e.dataset.focusKey === key && !e.hasAttribute('disabled'));
    if (again) again.focus();
    else /** @type {HTMLElement} */ (element.querySelector('#results-heading')).focus();
  };

  const renderActive = () => {
    /** @type {Array<[keyof Query, string, string]>} */
    const chips = [];
    if (query.q) chips.push(['q', 'Search', query.q]);
    if (query.category) chips.push(['category', 'Category', categoryTitle(query.category)]);
    if (query.tag) chips.push(['tag', 'Tag', query.tag]);
    if (query.maintainer) chips.push(['maintainer', 'Maintainer', query.maintainer]);
    replaceChildren(
      active,
      chips.map(([key, label, value]) =>
        h('button', { type: 'button', class: 'chip chip-removable', 'data-focus-key': `chip:${key}`, 'aria-label': `Remove ${label.toLowerCase()} filter ${value}`, on: { click: () => actions.navigate(homeHash({ ...query, [key]: undefined })) } }, `${label}: ${value}`, h('span', { 'aria-hidden': 'true', class: 'chip-x' }, '×')),
      ),
      chips.length > 1 ? h('button', { type: 'button', class: 'link-button', on: { click: () => actions.navigate(homeHash({})) } }, 'Clear all') : null,
    );
  };

  /** @param {import('./search.js').Hit[]} hits */
  const renderResults = (hits) => {
    const ts = terms(query.q);
    if (hits.length === 0) {
      replaceChildren(results, h('li', { class: 'empty' }, h('p', null, 'No package matches.'), h('button', { type: 'button', class: 'button', on: { click: () => actions.navigate(homeHash({})) } }, 'Show all packages')));
      return;
    }
    replaceChildren(results, hits.map(({ pkg }) => card(pkg, ts)));
  };

  /** @param {string} id */
  const categoryTitle = (id) => data.categories?.find((c) => c.id === id)?.title ?? id;

  const renderFacets = () => {
    const packages = data.packages ?? [];
    /** @type {Array<[keyof Query, string, Array<[string, number]>, (v: string) => string]>} */
    const groups = [];
    // Declared categories are listed even when empty; a category used only by packages is kept too.
    const categoryCounts = new Map(facetCounts(search(packages, query, 'category'), (p) => list(p.categories)));
    const declared = (data.categories ?? []).map((c) => String(c.id));
    const ids = [...new Set([...declared, ...categoryCounts.keys()])];
    groups.push(['category', 'Categories', ids.map((id) => [id, categoryCounts.get(id) ?? 0]), categoryTitle]);
    groups.push(['tag', 'Tags', facetCounts(search(packages, query, 'tag'), (p) => list(p.tags)), (v) => v]);
    groups.push(['maintainer', 'Maintainers', facetCounts(search(packages, query, 'maintainer'), (p) => (typeof p.maintainer === 'string' ? [p.maintainer] : [])), (v) => v]);
    replaceChildren(facets, groups.map(([key, title, values, label]) => facetGroup(key, title, values, label)));
  };

  /**
   * @param {keyof Query} key
   * @param {string} title
   * @param {Array<[string, number]>} values
   * @param {(v: string) => string} label
   */
  const facetGroup = (key, title, values, label) => {
    const selected = query[key];
    if (selected && !values.some(([v]) => v.toLowerCase() === selected.toLowerCase())) values = [[selected, 0], ...values];
    const open = expanded.has(key);
    const shown = open ? values : values.slice(0, FACET_LIMIT);
    const headingId = `facet-${key}`;
    return h(
      'section',
      { class: 'facet', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, title),
      values.length === 0 ? h('p', { class: 'muted' }, 'None') : null,
      h(
        'ul',
        { class: 'facet-list', role: 'list' },
        shown.map(([value, n]) => {
          const pressed = selected !== undefined && value.toLowerCase() === selected.toLowerCase();
          return h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'facet-option', 'data-focus-key': `${key}:${value}`, title: label(value), 'aria-pressed': String(pressed), disabled: n === 0 && !pressed, on: { click: () => actions.navigate(homeHash({ ...query, [key]: pressed ? undefined : value })) } },
              h('span', { class: 'facet-label' }, label(value)),
              h('span', { class: 'facet-count', 'aria-hidden': 'true' }, String(n)),
              h('span', { class: 'visually-hidden' }, `, ${plural(n, 'package')}`),
            ),
          );
        }),
      ),
      values.length > FACET_LIMIT
        ? h('button', { type: 'button', class: 'link-button', 'data-focus-key': `more:${key}`, 'aria-expanded': String(open), on: { click: () => { if (open) expanded.delete(key); else expanded.add(key); render(); } } }, open ? 'Show fewer' : `Show all ${values.length}`)
        : null,
    );
  };

  return {
    element,
    /** @param {Data} next */
    setData(next) {
      data = next;
      render();
    },
    /** @param {Query} next */
    setQuery(next) {
      query = next;
      render();
    },
    /** The result links, in order (for arrow-key navigation). */
    resultLinks() {
      return /** @type {HTMLAnchorElement[]} */ ([...results.querySelectorAll('a.card-link')]);
    },
    focusHeading() {
      /** @type {HTMLElement} */ (element.querySelector('#results-heading')).focus();
    },
  };
}

/**
 * @param {number} n
 * @param {string} noun
 */
function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * One result card; the whole card is the link's hit area (CSS stretches it).
 * @param {any} pkg a packages.json summary
 * @param {string[]} ts search terms to highlight
 */
function card(pkg, ts) {
  const name = String(pkg.name);
  const tags = list(pkg.tags);
  return h(
    'li',
    { class: 'card' },
    packageIcon(name, typeof pkg.icon === 'string' ? pkg.icon : undefined, 'small'),
    h(
      'div',
      { class: 'card-body' },
      h(
        'h2',
        { class: 'card-title' },
        h('a', { class: 'card-link', href: packageHash(name) }, highlight(name, ts)),
        pkg.latest ? h('span', { class: 'card-version' }, String(pkg.latest.version)) : null,
      ),
      h('p', { class: 'card-description' }, highlight(String(pkg.description ?? ''), ts)),
      h(
        'p',
        { class: 'card-meta' },
        pkg.deprecated ? h('span', { class: 'badge badge-deprecated' }, 'Deprecated') : null,
        pkg.selected === true ? h('span', { class: 'badge badge-selected' }, 'Selected') : null,
        tags.length > 0 ? h('span', { class: 'visually-hidden' }, 'Tags: ') : null,
        tags.map((t) => h('span', { class: 'tag' }, highlight(t, ts))),
      ),
    ),
  );
}
