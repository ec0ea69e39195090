/**
 * Which layer each package name comes from, in a hierarchy of universes (the local packages
 * first, then the upstreams in order): an ordered map from name patterns to repositories with
 * terminating entries, as TUF's TAP 4 describes. Pure: the layers and the names they offer in,
 * one resolution per name out.
 *
 * The rules, in order, for each name:
 * - A package comes from the first layer that offers it: the layer has it, and its `include`
 *   (when given) and `exclude` patterns let it through. Every version comes from that layer;
 *   copies in lower layers are shadowed, never used and never mixed in.
 * - A name matching a layer's `terminating` patterns never falls through past that layer: if
 *   the layer does not offer it, the name is unresolved.
 * - An unavailable layer whose filter lets the name through might offer it: the name is
 *   undecided, waiting on that layer, and never resolved by a layer below it (a lower layer
 *   answering while a higher one is down is how dependency confusion happens).
 */
import { compareStrings } from '../diagnostics/sort.js';
import { nameMatcher, type NameMatcher } from '../schema/name-patterns.js';

/** What a layer offers: the package names it has, or why it could not be read. */
export type LayerOffer = { available: true; names: ReadonlySet<string> } | { available: false; error: string };

/** One layer of the hierarchy. Patterns are glob-style package-name patterns. */
export interface Layer {
  /** `local` for the universe's own packages, else the upstream's name. */
  name: string;
  /** The names this layer may offer; undefined: every name it has. */
  include?: readonly string[] | undefined;
  /** Names it never offers. */
  exclude?: readonly string[];
  /** Names that never fall through past it. */
  terminating?: readonly string[];
  offer: LayerOffer;
}

/** How a name was decided. */
export type ResolutionStatus =
  /** It comes from `layer`. */
  | 'resolved'
  /** No layer provides it: a terminating layer stopped it (`stoppedAt`), or every layer that has it filters it out. */
  | 'unresolved'
  /** An unavailable layer (`waitingOn`) might offer it; the layers below are not asked. */
  | 'undecided';

/** Where one package name comes from, and why. */
export interface Resolution {
  name: string;
  status: ResolutionStatus;
  /** The layer every version of the package comes from (status `resolved`). */
  layer?: string;
  /** The layer whose terminating pattern kept the name from falling through (status `unresolved`). */
  stoppedAt?: string;
  /** The unavailable layer the decision waits on (status `undecided`). */
  waitingOn?: string;
  /** One sentence for people. */
  reason: string;
  /**
   * Layers below the deciding one that offer the name too, in order: their copies are never
   * used (for an undecided name, they are what a fall-through past the unavailable layer would
   * wrongly have picked).
   */
  shadowed: string[];
}

/** A layer with its patterns compiled. */
interface Compiled {
  layer: Layer;
  names: ReadonlySet<string> | undefined;
  include: NameMatcher | undefined;
  exclude: NameMatcher;
  terminating: NameMatcher;
}

/** Why a layer passed a name down: it does not have it, its filter leaves it out, or it is unavailable but its filter would leave it out. */
type Skip = 'missing' | 'filtered' | 'closed';

/**
 * Resolves every name some available layer has (whether or not its filter lets it through),
 * sorted by name. Layers are given highest first; their names should be unique.
 */
export function resolveLayers(layers: readonly Layer[]): Resolution[] {
  const compiled: Compiled[] = layers.map((layer) => ({
    layer,
    names: layer.offer.available ? layer.offer.names : undefined,
    include: layer.include === undefined ? undefined : nameMatcher(layer.include),
    exclude: nameMatcher(layer.exclude ?? []),
    terminating: nameMatcher(layer.terminating ?? []),
  }));
  const all = new Set<string>();
  for (const c of compiled) if (c.names) for (const n of c.names) all.add(n);
  const names = [...all].sort(compareStrings);
  return names.map((name) => resolveName(name, compiled));
}

function admits(c: Compiled, name: string): boolean {
  return (c.include === undefined || c.include(name)) && !c.exclude(name);
}

function offers(c: Compiled, name: string): boolean {
  return c.names !== undefined && c.names.has(name) && admits(c, name);
}

function resolveName(name: string, layers: readonly Compiled[]): Resolution {
  const skipped: Array<[string, Skip]> = [];
  for (let i = 0; i < layers.length; i++) {
    const c = layers[i]!;
    const layer = c.layer.name;
    if (!c.names) {
      if (admits(c, name)) {
        return {
          name,
          status: 'undecided',
          waitingOn: layer,
          reason: `${layer} is unavailable and may offer it${i < layers.length - 1 ? ', so the layers below are not asked' : ''}${above(skipped)}`,
          shadowed: shadowedBelow(name, layers, i),
        };
      }
      // Its filter keeps the name out: the layer could not offer it, available or not.
      if (c.terminating(name)) return stopped(name, layers, i, `${layer} terminates it (${patternOf(c.layer.terminating, name)}) and its filter leaves it out`, skipped);
      skipped.push([layer, 'closed']);
      continue;
    }
    if (offers(c, name)) {
      return { name, status: 'resolved', layer, reason: `${layer} is the first layer that offers it${above(skipped)}`, shadowed: shadowedBelow(name, layers, i) };
    }
    const skip: Skip = c.names.has(name) ? 'filtered' : 'missing';
    if (c.terminating(name)) {
      const why = skip === 'missing' ? 'does not have it' : 'its filter leaves it out';
      return stopped(name, layers, i, `${layer} terminates it (${patternOf(c.layer.terminating, name)}) and ${why}`, skipped);
    }
    skipped.push([layer, skip]);
  }
  const filtered = skipped.filter(([, s]) => s === 'filtered').map(([l]) => l);
  return { name, status: 'unresolved', reason: `no layer offers it: ${list(filtered)} ${filtered.length === 1 ? 'has it but its filter leaves' : 'have it but their filters leave'} it out`, shadowed: [] };
}

function stopped(name: string, layers: readonly Compiled[], i: number, why: string, skipped: Array<[string, Skip]>): Resolution {
  return { name, status: 'unresolved', stoppedAt: layers[i]!.layer.name, reason: `${why}, so it never falls through${above(skipped)}`, shadowed: shadowedBelow(name, layers, i) };
}

function shadowedBelow(name: string, layers: readonly Compiled[], i: number): string[] {
  const out: string[] = [];
  for (let j = i + 1; j < layers.length; j++) if (offers(layers[j]!, name)) out.push(layers[j]!.layer.name);
  return out;
}

/** The first terminating pattern that matches the name, quoted (there is one: the caller matched them all). */
function patternOf(patterns: readonly string[] | undefined, name: string): string {
  const p = (patterns ?? []).find((x) => nameMatcher([x])(name));
  return p === undefined ? 'a terminating pattern' : `pattern '${p}'`;
}

/** What the layers above did with the name, as the end of a sentence ('' when it was the first). */
function above(skipped: ReadonlyArray<[string, Skip]>): string {
  if (skipped.length === 0) return '';
  const of = (kind: Skip): string[] => skipped.filter(([, s]) => s === kind).map(([l]) => l);
  const [missing, filtered, closed] = [of('missing'), of('filtered'), of('closed')];
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`${list(missing)} ${missing.length === 1 ? 'does' : 'do'} not have it`);
  if (filtered.length > 0) parts.push(`${list(filtered)} ${filtered.length === 1 ? 'leaves' : 'leave'} it out`);
  if (closed.length > 0) parts.push(`${list(closed)} ${closed.length === 1 ? 'is' : 'are'} unavailable but would leave it out`);
  return ` (${parts.join('; ')})`;
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
