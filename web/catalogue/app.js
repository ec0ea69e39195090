// The catalogue's entry point: loads packages.json (one request paints the home page) and
// categories.json, routes on the location hash, and wires the search box and keyboard shortcuts.

import { getCategories, getPackages } from './api.js';
import { h, replaceChildren } from './dom.js';
import { createHome } from './home-view.js';
import { packagePage } from './package-view.js';
import { homeHash, parseHash } from './routes.js';

/** The page title's suffix: the universe's name once packages.json names it. */
let siteTitle = 'Package catalogue';
/** Milliseconds of quiet typing before the results update. */
const DEBOUNCE_MS = 120;

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const input = /** @type {HTMLInputElement} */ (document.getElementById('search'));
const form = /** @type {HTMLFormElement} */ (document.getElementById('search-form'));
const pageView = h('div', { class: 'page', hidden: true });
const home = createHome({ navigate, retry: load });
replaceChildren(main, home.element, pageView);

/** @type {{ packages?: any[], categories?: any[], repository?: { name: string, description?: string }, error?: Error }} */
let data = {};
/** Incremented on every route change, so a slow package page never replaces a newer one. */
let generation = 0;
let homeScroll = 0;
let currentView = 'home';

/** Loads the two home documents; the page paints as soon as packages.json arrives. */
function load() {
  data = {};
  home.setData(data);
  getPackages().then(
    (doc) => {
      const repository = typeof doc.repository?.name === 'string' ? doc.repository : undefined;
      data = { ...data, packages: Array.isArray(doc.packages) ? doc.packages : [], repository, error: undefined };
      if (repository) nameSite(repository.name);
      home.setData(data);
    },
    (error) => {
      data = { ...data, error };
      home.setData(data);
    },
  );
  getCategories().then(
    (doc) => {
      data = { ...data, categories: Array.isArray(doc.categories) ? doc.categories : [] };
      if (data.packages) home.setData(data);
    },
    // Categories only title the facets; without them the ids are shown.
    () => undefined,
  );
}

/**
 * Names the site after the universe: the header's brand and the page titles (set as text, never markup).
 * @param {string} name
 */
function nameSite(name) {
  const brand = document.querySelector('.brand span');
  if (brand) brand.textContent = name;
  const was = siteTitle;
  siteTitle = name;
  document.title = document.title.endsWith(was) ? document.title.slice(0, document.title.length - was.length) + name : name;
}

/** @param {string} id */
function categoryTitle(id) {
  const c = data.categories?.find((x) => x.id === id);
  return typeof c?.title === 'string' ? c.title : id;
}

/**
 * Goes to a hash route (a new history entry).
 * @param {string} hash
 */
function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

/** Shows the view of the current hash. */
async function route() {
  const r = parseHash(location.hash);
  const mine = ++generation;
  if (r.view !== 'package') pageView.removeAttribute('aria-busy');
  if (r.view === 'home') {
    if (document.activeElement !== input && input.value !== (r.query.q ?? '')) input.value = r.query.q ?? '';
    home.setQuery(r.query);
    const from = currentView;
    show('home');
    if (from !== 'home' && document.activeElement !== input) home.focusHeading();
    document.title = r.query.q ? `“${r.query.q}” · ${siteTitle}` : siteTitle;
    return;
  }
  if (r.view === 'missing') {
    replaceChildren(pageView, h('div', { class: 'callout callout-error' }, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', null, h('a', { href: '#/' }, 'Browse all packages'))));
    show('page');
    document.title = `Page not found · ${siteTitle}`;
    focusHeading();
    return;
  }
  // A search does not apply to a package page; Back to the results restores it from the hash.
  if (document.activeElement !== input) input.value = '';
  pageView.setAttribute('aria-busy', 'true');
  if (currentView !== 'page') replaceChildren(pageView, h('p', { class: 'loading', role: 'status' }, `Loading ${r.name}…`));
  show('page');
  // A control that changed the page (the version picker) keeps the focus in the new page.
  const focusedId = pageView.contains(document.activeElement) ? document.activeElement?.id : undefined;
  try {
    const page = await packagePage(r.name, r.version, { categoryTitle, navigate });
    if (mine !== generation) return;
    replaceChildren(pageView, page.element);
    document.title = `${page.title} · ${siteTitle}`;
  } catch (error) {
    if (mine !== generation) return;
    replaceChildren(pageView, h('div', { class: 'callout callout-error', role: 'alert' }, h('h1', { tabindex: '-1' }, `Could not load ${r.name}`), h('p', null, error instanceof Error ? error.message : String(error)), h('p', null, h('a', { href: '#/' }, 'Browse all packages'))));
    document.title = `Error · ${siteTitle}`;
  }
  pageView.removeAttribute('aria-busy');
  const keep = focusedId ? document.getElementById(focusedId) : null;
  if (keep && pageView.contains(keep)) {
    keep.focus();
    return;
  }
  window.scrollTo(0, 0);
  focusHeading();
}

/** Moves focus to the page heading (screen readers announce the new page), unless the reader is typing. */
function focusHeading() {
  if (document.activeElement === input) return;
  const heading = /** @type {HTMLElement | null} */ (pageView.querySelector('h1'));
  heading?.focus({ preventScroll: true });
}

/** @param {'home' | 'page'} view */
function show(view) {
  if (view === currentView) return;
  if (view === 'page') homeScroll = window.scrollY;
  home.element.hidden = view !== 'home';
  pageView.hidden = view !== 'page';
  currentView = view;
  if (view === 'home') window.scrollTo(0, homeScroll);
}

// Search as you type: the query lives in the hash (linkable), replaced rather than pushed while
// typing so Back leaves the search instead of undoing it keystroke by keystroke.
let timer = 0;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = window.setTimeout(applySearch, DEBOUNCE_MS);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  applySearch();
  home.resultLinks()[0]?.focus();
});

function applySearch() {
  const r = parseHash(location.hash);
  const query = r.view === 'home' ? { ...r.query, q: input.value.trim() || undefined } : { q: input.value.trim() || undefined };
  const hash = homeHash(query);
  if (r.view === 'home') {
    history.replaceState(null, '', hash);
    route();
  } else {
    navigate(hash);
  }
}

// Keyboard: "/" focuses the search box; Escape clears it; arrow keys move between results.
document.addEventListener('keydown', (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    input.focus();
    input.select();
    return;
  }
  if (event.key === 'Escape' && target === input && input.value !== '') {
    input.value = '';
    clearTimeout(timer);
    applySearch();
    return;
  }
  if (currentView !== 'home' || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
  const links = home.resultLinks();
  if (links.length === 0) return;
  const at = links.indexOf(/** @type {HTMLAnchorElement} */ (target));
  if (target === input && event.key === 'ArrowDown') {
    event.preventDefault();
    links[0]?.focus();
  } else if (at !== -1) {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)]?.focus();
  }
});

// The skip link focuses the main region without touching the hash (the hash is the route).
document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => void route());
load();
void route();
