// A package page: header (icon, name, version picker), deprecation banner, description, notes,
// the options table, the descriptor rendered with the defaults, and a side panel with links,
// licences, tags, categories and every version.

import { getSpec, getVersions, LoadError } from './api.js';
import { h, isEmail, safeUrl } from './dom.js';
import { iconOf, packageIcon } from './icon.js';
import { optionsTable } from './options-table.js';
import { homeHash, packageHash } from './routes.js';
import { list } from './search.js';
import { renderedSection } from './rendered.js';

/**
 * Loads and builds the page of a package at a version (its latest when none is given).
 * @param {string} name
 * @param {string | undefined} version
 * @param {{ categoryTitle: (id: string) => string, navigate: (hash: string) => void }} ctx
 * @returns {Promise<{ element: HTMLElement, title: string }>}
 */
export async function packagePage(name, version, ctx) {
  let versions;
  try {
    versions = await getVersions(name);
  } catch (error) {
    if (error instanceof LoadError && error.status === 404) return notFound(`There is no package named “${name}”.`);
    throw error;
  }
  const all = distinctVersions(Array.isArray(versions.versions) ? versions.versions : []);
  if (all.length === 0) return notFound(`The package “${name}” has no versions.`);
  const latest = all[0];
  const chosen = version === undefined ? latest : all.find((v) => v.version === version);
  if (!chosen) return notFound(`The package “${name}” has no version ${version}; it has ${all.map((v) => v.version).join(', ')}.`);
  let spec;
  try {
    spec = await getSpec(name, chosen.version);
  } catch (error) {
    // The build skips versions no file name can hold (empty, '.', '..', very long).
    if (error instanceof LoadError && error.status === 404) return notFound(`The build has no page for version “${chosen.version}” of ${name}.`);
    throw error;
  }
  const pkg = spec.package && typeof spec.package === 'object' ? spec.package : {};
  const element = h(
    'article',
    { class: 'package', 'aria-labelledby': 'package-title' },
    breadcrumb(name),
    header(name, spec, all, latest, ctx),
    pkg.deprecated || chosen.deprecated ? deprecation(pkg.deprecated ?? chosen.deprecated) : null,
    chosen === latest
      ? null
      : h('div', { class: 'callout callout-info', role: 'note' }, `This is an older version. The latest is ${latest.version}: `, h('a', { href: packageHash(name) }, `see ${name} ${latest.version}`), '.'),
    details(pkg, spec, ctx),
    overview(notes(pkg), versionList(name, all, chosen, latest)),
    // The options table and the descriptor take the full width: both are wide.
    h('section', { class: 'panel', 'aria-labelledby': 'options-heading' }, h('h2', { id: 'options-heading' }, 'Configuration options'), optionsTable(spec.config)),
    renderedSection(name, spec),
  );
  return { element, title: `${name} ${chosen.version}` };
}

/**
 * One entry per version: when revisions share a version, the highest wins (as DC/OS clients
 * decide, and as the build writes spec.json); versions.json lists the highest revision first.
 * @param {any[]} versions
 */
function distinctVersions(versions) {
  const seen = new Set();
  return versions.filter((v) => v && typeof v.version === 'string' && !seen.has(v.version) && seen.add(v.version));
}

/** @param {string} message */
function notFound(message) {
  return {
    element: h('div', { class: 'callout callout-error' }, h('h1', { tabindex: '-1' }, 'Package not found'), h('p', null, message), h('p', null, h('a', { href: '#/' }, 'Browse all packages'))),
    title: 'Package not found',
  };
}

/** @param {string} name */
function breadcrumb(name) {
  return h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('ol', null, h('li', null, h('a', { href: '#/' }, 'Packages')), h('li', { 'aria-current': 'page' }, name)));
}

/**
 * @param {string} name
 * @param {any} spec
 * @param {any[]} all
 * @param {any} latest
 * @param {{ navigate: (hash: string) => void }} ctx
 */
function header(name, spec, all, latest, ctx) {
  const select = h(
    'select',
    { id: 'version-select', on: { change: () => ctx.navigate(packageHash(name, select.value)) } },
    all.map((v) => {
      const option = h('option', { value: String(v.version) }, `${v.version}${v === latest ? ' (latest)' : ''}${v.deprecated ? ' (deprecated)' : ''}`);
      if (v.version === spec.version) option.setAttribute('selected', '');
      return option;
    }),
  );
  const pkg = spec.package ?? {};
  return h(
    'header',
    { class: 'package-header' },
    packageIcon(name, iconOf(spec.resource), 'large'),
    h(
      'div',
      { class: 'package-heading' },
      h('h1', { id: 'package-title', tabindex: '-1' }, name),
      h('p', { class: 'package-subtitle' }, `Version ${spec.version} · revision ${spec.revision} · packaging ${spec.packagingVersion}`),
      typeof pkg.description === 'string' ? h('p', { class: 'package-description' }, pkg.description) : null,
    ),
    h('div', { class: 'version-picker' }, h('label', { for: 'version-select' }, 'Version'), select, h('span', { class: 'muted' }, `${all.length} version${all.length === 1 ? '' : 's'}`)),
  );
}

/** @param {any} deprecated {message, replacement?} */
function deprecation(deprecated) {
  const message = typeof deprecated?.message === 'string' ? deprecated.message : 'This package is deprecated.';
  const replacement = typeof deprecated?.replacement === 'string' ? deprecated.replacement : undefined;
  return h(
    'div',
    { class: 'callout callout-warning', role: 'note', 'aria-label': 'Deprecated' },
    h('strong', null, 'Deprecated. '),
    message,
    replacement ? [' Use ', h('a', { href: packageHash(replacement) }, replacement), ' instead.'] : null,
  );
}

/**
 * Notes beside the versions; without notes, the versions take the row.
 * @param {HTMLElement | null} notesPanel
 * @param {HTMLElement} versions
 */
function overview(notesPanel, versions) {
  return h('div', { class: notesPanel ? 'overview' : 'overview overview-no-notes' }, notesPanel, versions);
}

/** @param {any} pkg */
function notes(pkg) {
  const items = [
    ['preInstallNotes', 'Before installing'],
    ['postInstallNotes', 'After installing'],
    ['postUninstallNotes', 'After uninstalling'],
  ].filter(([key]) => typeof pkg[key] === 'string' && pkg[key].trim() !== '');
  if (items.length === 0) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'notes-heading' },
    h('h2', { id: 'notes-heading' }, 'Notes'),
    h('dl', { class: 'notes' }, items.map(([key, title]) => [h('dt', null, title), h('dd', { class: 'note-text' }, pkg[key])])),
  );
}

/**
 * @param {any} pkg
 * @param {any} spec
 * @param {{ categoryTitle: (id: string) => string }} ctx
 */
function details(pkg, spec, ctx) {
  /** @type {Array<[string, unknown]>} */
  const rows = [];
  if (typeof pkg.maintainer === 'string') {
    rows.push([
      'Maintainer',
      h(
        'span',
        null,
        isEmail(pkg.maintainer) ? h('a', { href: `mailto:${pkg.maintainer}` }, pkg.maintainer) : pkg.maintainer,
        h('br'),
        h('a', { class: 'secondary-link', href: homeHash({ maintainer: pkg.maintainer }) }, 'All packages by this maintainer'),
      ),
    ]);
  }
  if (typeof pkg.website === 'string') rows.push(['Website', link(pkg.website)]);
  if (typeof pkg.scm === 'string') rows.push(['Source', link(pkg.scm)]);
  const licenses = Array.isArray(pkg.licenses) ? pkg.licenses.filter((l) => l && typeof l.name === 'string') : [];
  if (licenses.length > 0) rows.push([licenses.length === 1 ? 'Licence' : 'Licences', h('ul', { class: 'plain-list' }, licenses.map((l) => h('li', null, typeof l.url === 'string' ? link(l.url, l.name) : l.name)))]);
  const categories = list(pkg.categories);
  if (categories.length > 0) rows.push(['Categories', h('ul', { class: 'chip-list' }, categories.map((c) => h('li', null, h('a', { class: 'chip', href: homeHash({ category: c }) }, ctx.categoryTitle(c)))))]);
  const tags = list(pkg.tags);
  if (tags.length > 0) rows.push(['Tags', h('ul', { class: 'chip-list' }, tags.map((t) => h('li', null, h('a', { class: 'chip', href: homeHash({ tag: t }) }, t))))]);
  if (typeof pkg.minDcosReleaseVersion === 'string') rows.push(['Minimum DC/OS', pkg.minDcosReleaseVersion]);
  const deps = pkg.dependencies && typeof pkg.dependencies === 'object' ? Object.entries(pkg.dependencies) : [];
  if (deps.length > 0) rows.push(['Dependencies', h('ul', { class: 'plain-list' }, deps.map(([dep, range]) => h('li', null, h('a', { href: packageHash(dep) }, dep), ' ', h('code', null, String(range)))))]);
  const images = containerImages(spec.resource);
  if (images.length > 0) rows.push(['Container images', h('ul', { class: 'plain-list' }, images.map((i) => h('li', null, h('code', null, i))))]);
  return h('section', { class: 'panel', 'aria-labelledby': 'details-heading' }, h('h2', { id: 'details-heading' }, 'Details'), h('dl', { class: 'details' }, rows.map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value)))));
}

/**
 * A link for an http(s) URL; any other text (an ssh remote, a typo) is shown, not linked.
 * @param {string} url
 * @param {string} [text]
 */
function link(url, text) {
  const safe = safeUrl(url);
  return safe === undefined ? text ?? url : h('a', { href: safe, rel: 'noopener noreferrer external' }, text ?? url);
}

/** @param {any} resource */
function containerImages(resource) {
  const docker = resource?.assets?.container?.docker;
  if (!docker || typeof docker !== 'object') return [];
  return Object.values(docker).filter((v) => typeof v === 'string').slice(0, 50);
}

/**
 * @param {string} name
 * @param {any[]} all highest revision first
 * @param {any} chosen
 * @param {any} latest
 */
function versionList(name, all, chosen, latest) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'versions-heading' },
    h('h2', { id: 'versions-heading' }, `Versions (${all.length})`),
    h(
      'ol',
      { class: 'versions', tabindex: all.length > 10 ? '0' : undefined, 'aria-labelledby': 'versions-heading' },
      all.map((v) =>
        h(
          'li',
          null,
          h('a', { href: packageHash(name, String(v.version)), 'aria-current': v === chosen ? 'page' : undefined }, String(v.version)),
          h('span', { class: 'muted' }, ` revision ${v.revision} · ${v.packagingVersion}`),
          v === latest ? h('span', { class: 'badge' }, 'latest') : null,
          v.deprecated ? h('span', { class: 'badge badge-deprecated' }, 'deprecated') : null,
        ),
      ),
    ),
  );
}
