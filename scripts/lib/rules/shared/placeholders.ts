/**
 * The placeholder values `universe new` writes into a scaffolded package, in one place: the
 * scaffold writes them and the scaffold-placeholder rule recognises them, so a package that still
 * carries one was never finished.
 */

/** The maintainer address of a scaffolded package.json. */
export const PLACEHOLDER_MAINTAINER = 'maintainer@example.com';

/** The words of a scaffolded description that ask for a real one. */
export const PLACEHOLDER_DESCRIPTION_MARK = 'replace this with one sentence';

/** A scaffolded package.json description. */
export function placeholderDescription(title: string): string {
  return `${title}: ${PLACEHOLDER_DESCRIPTION_MARK} saying what the package does.`;
}

/** Where a scaffolded resource.json's icons point (example.com is reserved: never a real host). */
export function placeholderIconBase(name: string): string {
  return `https://example.com/${name}/`;
}

/** The registry of a scaffolded resource.json's docker image (reserved, never real). */
const PLACEHOLDER_REGISTRY = 'registry.example.com/';

/** How a scaffolded docker image of package `name` starts (the tag follows). */
export function placeholderImagePrefix(name: string): string {
  return `${PLACEHOLDER_REGISTRY}${name}:`;
}
