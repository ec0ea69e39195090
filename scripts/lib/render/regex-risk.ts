/** One element of a regular expression: its source, the quantifier after it, a group's atoms. */
interface Atom {
  text: string;
  kind: 'literal' | 'class' | 'group' | 'other';
  quantifier: string;
  inner?: Atom[];
  /** For a literal: the one character it matches (`a`, `\.`, `[/]`). */
  char?: string;
}

/**
 * Whether a regular expression from untrusted data risks catastrophic (exponential)
 * backtracking: a group repeated without bound whose body also repeats or offers alternatives,
 * so it can split the same text in many ways, as in `(a+)+`, `(\w*,?)*` or `(a|aa)+`. A body is deemed safe when it holds a
 * mandatory literal nothing else in it can match: a separator such as the `-` of `(-[a-z]+)*`
 * or the `.` of `([a-z0-9]+\.)*` fixes where each repetition ends. A heuristic in the spirit
 * of safe-regex: flagged patterns go unchecked (a lost check, never a false report), and
 * polynomial slowness is not caught (CI timeouts bound it).
 */
export function isRiskyPattern(pattern: string): boolean {
  try {
    const at = { i: 0 };
    const atoms = parse(pattern, at);
    return at.i < pattern.length || risky(atoms);
  } catch {
    return true;
  }
}

function risky(atoms: readonly Atom[]): boolean {
  return atoms.some((a) => a.inner !== undefined && (risky(a.inner) || (unbounded(a.quantifier) && repeats(a.inner) && !hasSeparator(a.inner))));
}

function unbounded(q: string): boolean {
  const m = /^\{\d+(,(\d*))?\}/.exec(q);
  return q.startsWith('*') || q.startsWith('+') || (m?.[1] !== undefined && (m[2] === '' || Number(m[2]) > 64));
}

/** The body can match one text in several ways: it repeats inside, or offers alternatives (`(a|aa)+`). */
function repeats(atoms: readonly Atom[]): boolean {
  return atoms.some((a) => unbounded(a.quantifier) || a.text === '|' || (a.inner !== undefined && repeats(a.inner)));
}

function leaves(atoms: readonly Atom[]): Atom[] {
  return atoms.flatMap((a) => (a.inner ? leaves(a.inner) : [a]));
}

const ESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', 0: '\0' };

function hasSeparator(body: readonly Atom[]): boolean {
  // Alternatives make "mandatory" a per-branch question: assume the worst.
  if (body.some((a) => a.text === '|')) return false;
  const others = leaves(body).filter((a) => a.kind === 'literal' || a.kind === 'class');
  return body.some((s) => {
    // Exactly once (or an exact count): a repeated separator could itself be split many ways.
    if (s.kind !== 'literal' || !(s.quantifier === '' || /^\{[1-9]\d*\}$/.test(s.quantifier))) return false;
    return others.every((o) => o === s || !new RegExp(`^(?:${o.text})$`, 'u').test(s.char!));
  });
}

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/;

/** Splits a pattern into atoms, nesting groups; stops at an unmatched `)`. */
function parse(p: string, at: { i: number }): Atom[] {
  const out: Atom[] = [];
  while (at.i < p.length && p[at.i] !== ')') {
    const c = p[at.i]!;
    let atom: Atom;
    if (c === '(') {
      at.i++;
      if (p[at.i] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>: skip the group's prefix.
        at.i += p[at.i + 1] === '<' && p[at.i + 2] !== '=' && p[at.i + 2] !== '!' ? p.indexOf('>', at.i) + 1 - at.i : p[at.i + 1] === '<' ? 3 : 2;
      }
      const inner = parse(p, at);
      if (p[at.i] !== ')') throw new Error('unbalanced group');
      at.i++;
      atom = { text: '', kind: 'group', quantifier: '', inner };
    } else if (c === '[') {
      let j = at.i + 1;
      if (p[j] === '^') j++;
      if (p[j] === ']') j++;
      for (; j < p.length && p[j] !== ']'; j++) if (p[j] === '\\') j++;
      if (j >= p.length) throw new Error('unterminated class');
      const text = p.slice(at.i, j + 1);
      // A one-character class such as [/] or [.] is a literal.
      const one = /^\[(\\?)([^\]^\\])\]$/.exec(text);
      atom = one ? { text, kind: 'literal', quantifier: '', char: one[1] ? (ESCAPED[one[2]!] ?? one[2]!) : one[2]! } : { text, kind: 'class', quantifier: '' };
      at.i = j + 1;
    } else if (c === '\\') {
      const t = p.slice(at.i, at.i + 2);
      // \d \w \s \b \p… and numeric escapes are classes or unknown; \. \- \n are literals.
      atom = /^\\[^dDwWsSbBpPkcxu1-9]$/.test(t) ? { text: t, kind: 'literal', quantifier: '', char: ESCAPED[t[1]!] ?? t[1]! } : { text: t, kind: 'class', quantifier: '' };
      at.i += 2;
    } else {
      const special = '.|^$';
      atom = { text: c === '.' ? '[^]' : c, kind: c === '.' ? 'class' : special.includes(c) ? 'other' : 'literal', quantifier: '', char: c };
      if (atom.kind === 'literal' && /[*+?{}\]/]/.test(c)) atom.text = `\\${c}`;
      at.i++;
    }
    const q = atom.kind === 'other' ? null : QUANTIFIER.exec(p.slice(at.i, at.i + 32));
    if (q) {
      atom.quantifier = q[0];
      at.i += q[0].length;
    }
    out.push(atom);
  }
  return out;
}
