/**
 * The package-name patterns of repository.json (`terminating`, and each upstream's `include`,
 * `exclude` and `terminating`): glob-style, matched by picomatch against a whole package name.
 * The settings validator and the layer resolution compile them here, with the same options, so
 * a pattern that validates is the pattern that is matched.
 */
import picomatch from 'picomatch';

/** Package names never hold a slash or start with a dot; unclosed brackets are mistakes, not literals. */
const OPTIONS: picomatch.PicomatchOptions = { dot: true, strictBrackets: true };

/** A pattern without any character picomatch gives a meaning to: it matches that one name. */
const PLAIN = /^[A-Za-z0-9._-]+$/;

/** Tests a package name. */
export type NameMatcher = (name: string) => boolean;

/** Matches nothing: what an absent or empty list of patterns means for `exclude` and `terminating`. */
const NONE: NameMatcher = () => false;

/**
 * One matcher for a list of patterns: true when any of them matches the whole name. An empty
 * list matches nothing. Throws on a pattern {@link namePatternProblem} reports.
 */
export function nameMatcher(patterns: readonly string[]): NameMatcher {
  if (patterns.length === 0) return NONE;
  // Exact names (the usual case) are a set lookup; only real globs go through picomatch.
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const p of patterns) {
    if (PLAIN.test(p)) exact.add(p);
    else globs.push(p);
  }
  if (globs.length === 0) return (name) => exact.has(name);
  const glob = picomatch(globs, OPTIONS);
  if (exact.size === 0) return glob;
  return (name) => exact.has(name) || glob(name);
}

/** Why a pattern cannot be used (an unclosed bracket or parenthesis), or undefined when it can. */
export function namePatternProblem(pattern: string): string | undefined {
  try {
    picomatch(pattern, OPTIONS);
    return undefined;
  } catch (e) {
    // picomatch suggests escaping with a backslash, which names never need: keep what is wrong.
    return (e instanceof Error ? e.message : String(e)).split(' - ')[0];
  }
}
