// Package icons are external URLs from resource.json. The monogram is always drawn, and the image
// is laid over it only once it has loaded, so a slow, missing or blocked image (an offline machine,
// a dead link) leaves a clean monogram instead of a broken-image glyph.

import { h, safeUrl } from './dom.js';

/**
 * The icon URL of a revision's resource.json: medium, else small, else large.
 * @param {any} resource
 * @returns {string | undefined}
 */
export function iconOf(resource) {
  const images = resource && typeof resource === 'object' ? resource.images : undefined;
  if (!images || typeof images !== 'object') return undefined;
  for (const key of ['icon-medium', 'icon-small', 'icon-large']) {
    if (typeof images[key] === 'string') return images[key];
  }
  return undefined;
}

/**
 * Up to two letters for a package name: the first letters of its first two words.
 * @param {string} name
 */
function monogramLetters(name) {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  if (words.length === 0) return '?';
  const letters = words.length > 1 ? words[0][0] + words[1][0] : words[0].slice(0, 2);
  return letters.toUpperCase();
}

/**
 * A hue derived from the name, so a package keeps its colour between pages and visits.
 * @param {string} name
 */
function hue(name) {
  let x = 2166136261;
  for (let i = 0; i < name.length; i++) x = Math.imul(x ^ name.charCodeAt(i), 16777619);
  return (x >>> 0) % 360;
}

/**
 * The icon of a package: a decorative element (the name is always shown next to it).
 * @param {string} name
 * @param {string | undefined} url
 * @param {'small' | 'large'} size
 */
export function packageIcon(name, url, size) {
  const box = h('span', { class: `icon icon-${size}`, 'aria-hidden': 'true' });
  box.style.setProperty('--hue', String(hue(name)));
  box.appendChild(h('span', { class: 'monogram' }, monogramLetters(name)));
  const src = url === undefined ? undefined : safeUrl(url);
  if (src !== undefined) {
    const img = h('img', { src, alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer', width: size === 'large' ? 72 : 44, height: size === 'large' ? 72 : 44 });
    img.addEventListener('load', () => box.classList.add('has-image'), { once: true });
    img.addEventListener('error', () => img.remove(), { once: true });
    box.appendChild(img);
  }
  return box;
}
