import { readText } from '../../catalog/load.js';
import type { Catalog } from '../../catalog/types.js';
import { compareDiagnostics } from '../../diagnostics/sort.js';
import type { Diagnostic, Finding, PolicySeverity, Related, Severity } from '../../diagnostics/types.js';
import type { AllowTrailer } from '../../change/types.js';
import { offsetToLineColumn, pointerLocator } from '../../json/document.js';
import type { ChangeContext, ChangeRule } from './context.js';
import type { Override } from '../../change/types.js';
import { Candidates, suggest } from '../../render/closest.js';

/** What the breaking-change rules found, with the overrides found between base and head. */
export interface ChangeRun {
  diagnostics: Diagnostic[];
  overrides: Override[];
}

/**
 * Runs the breaking-change rules and locates their findings: in the head's files, else the base's
 * (a removed revision exists only there), else the schema texts. A rule that throws is reported as
 * an internal error, as in validation. Findings a `Universe-Allow` trailer names (check and
 * `<package>/<revision>`, `<package>/*`, every package's `*` + `/*`, or `schema/<file>`) become
 * info with `data.override` (reason, commit, author) and a note naming who allowed it; every
 * trailer is returned, marked used or not, with a `problem` when it can allow nothing.
 */
export async function runChangeRules(ctx: ChangeContext, rules: readonly ChangeRule[], trailers: readonly AllowTrailer[]): Promise<ChangeRun> {
  const raw: Array<{ rule: ChangeRule; finding: Finding }> = [];
  for (const rule of rules) {
    let found: Finding[];
    try {
      found = rule.check(ctx);
    } catch (e) {
      found = [{ file: 'packages', message: `internal error in rule ${rule.id}: ${e instanceof Error ? e.message : String(e)}; please report it`, data: { internal: true } }];
    }
    for (const finding of found) raw.push({ rule, finding });
  }
  const texts = new Map<string, Promise<string | undefined>>();
  const textOf = (file: string, preferBase: boolean): Promise<string | undefined> => {
    const key = `${preferBase ? 'b' : 'h'}:${file}`;
    let t = texts.get(key);
    if (!t) {
      t = (async () => {
        const schemaName = ctx.schemas && file.startsWith(`${ctx.schemas.dir}/`) ? file.slice(ctx.schemas.dir.length + 1) : undefined;
        if (schemaName !== undefined) return (preferBase ? ctx.schemas!.base : ctx.schemas!.head).get(schemaName)?.text ?? (preferBase ? ctx.schemas!.head : ctx.schemas!.base).get(schemaName)?.text;
        const order: Catalog[] = preferBase ? [ctx.base.catalog, ctx.head.catalog] : [ctx.head.catalog, ctx.base.catalog];
        for (const c of order) {
          const text = await readText(c.snapshot, file, c.limits);
          if (text !== undefined) return text;
        }
        return undefined;
      })();
      texts.set(key, t);
    }
    return t;
  };
  const locate = async (file: string, pointer: string, offset: number | undefined, preferBase: boolean): Promise<{ line: number; column: number }> => {
    if (offset === undefined && pointer === '') return { line: 1, column: 1 };
    const text = await textOf(file, preferBase);
    if (text === undefined) return { line: 1, column: 1 };
    const at = offset ?? (file.endsWith('.json') ? pointerLocator(text)(pointer) : 0);
    return offsetToLineColumn(text, at);
  };
  const problems = trailerProblems(trailers, rules);
  const valid = trailers.filter((t) => !problems.has(t));
  const used = new Set<AllowTrailer>();
  const out: Diagnostic[] = [];
  for (const { rule, finding } of raw) {
    const internal = finding.data?.internal === true;
    // The stricter of the base's and the head's policy: a change cannot relax its own judge.
    const configured = stricter(ctx.baseSettings.policy.rules[rule.id] ?? rule.severity, ctx.settings.policy.rules[rule.id] ?? rule.severity);
    if (configured === 'off' && !internal) continue;
    let severity: Severity = internal ? 'error' : (configured as Severity);
    const pointer = finding.pointer ?? '';
    const { line, column } = await locate(finding.file, pointer, finding.offset, false);
    const d: Diagnostic = { code: internal ? 'internal-error' : rule.id, severity, message: finding.message, file: finding.file, pointer, line, column };
    if (finding.data && !internal) d.data = { ...finding.data };
    if (finding.related) d.related = await Promise.all(finding.related.map(async (r): Promise<Related> => (r.line ? r : { ...r, ...(await locate(r.file, r.pointer, undefined, true)) })));
    const target = targetOf(finding.file, ctx.schemas?.dir);
    const allow = !internal && severity !== 'info' && target ? valid.find((t) => t.check === rule.id && allows(t.target, target)) : undefined;
    if (allow) {
      used.add(allow);
      severity = 'info';
      d.severity = 'info';
      d.message = `${d.message} (allowed by ${allow.author || 'Universe-Allow'} in commit ${allow.commit.slice(0, 12)}: ${allow.reason})`;
      d.data = { ...(d.data ?? {}), override: { reason: allow.reason, commit: allow.commit, author: allow.author } };
    }
    out.push(d);
  }
  const overrides = trailers
    .map((t): Override => {
      const o: Override = { check: t.check, target: t.target, reason: t.reason, commit: t.commit, author: t.author, used: used.has(t) };
      const problem = problems.get(t);
      if (problem !== undefined) o.problem = problem;
      return o;
    })
    .sort((a, b) => cmp(a.check, b.check) || cmp(a.target, b.target) || cmp(a.commit, b.commit));
  return { diagnostics: out.sort(compareDiagnostics), overrides };
}

/**
 * The trailers that can allow nothing, with why: a malformed line (found when parsing it), or a
 * check that is not one of the rules run, with the closest rule id as a suggestion.
 */
function trailerProblems(trailers: readonly AllowTrailer[], rules: readonly ChangeRule[]): Map<AllowTrailer, string> {
  const ids = rules.map((r) => r.id);
  const known = new Set(ids);
  let candidates: Candidates | undefined;
  const out = new Map<AllowTrailer, string>();
  for (const t of trailers) {
    if (t.problem !== undefined) out.set(t, t.problem);
    else if (!known.has(t.check)) {
      const hint = suggest(t.check, [(candidates ??= new Candidates(ids))]) ?? (known.has(`breaking/${t.check}`) ? `breaking/${t.check}` : undefined);
      out.set(t, hint ? `unknown rule '${t.check}', did you mean '${hint}'?` : `unknown rule '${t.check}': name one of the checks universe rules lists under breaking/`);
    }
  }
  return out;
}

/** Whether an override's target (`<package>/<revision>`, `<package>/*`, every package's `*` + `/*`, `schema/<file>`) names a finding's place. */
function allows(named: string, target: { pkg?: string; revision: string }): boolean {
  if (named === target.revision) return true;
  return target.pkg !== undefined && (named === `${target.pkg}/*` || named === '*/*');
}

/**
 * What an override names a finding by: `<package>/<revision>` for a file inside a revision folder
 * `packages/<L>/<name>/<revision>/…`, `schema/<file>` for a file of the project's schema folder.
 */
function targetOf(file: string, schemaDir: string | undefined): { pkg?: string; revision: string } | undefined {
  if (schemaDir !== undefined && file.startsWith(`${schemaDir}/`)) return { revision: `schema/${file.slice(schemaDir.length + 1)}` };
  const parts = file.split('/');
  if (parts.length < 5 || parts[0] !== 'packages') return undefined;
  return { pkg: parts[2]!, revision: `${parts[2]}/${parts[3]}` };
}

const RANK: Record<PolicySeverity, number> = { off: 0, info: 1, warning: 2, error: 3 };

function stricter(a: PolicySeverity, b: PolicySeverity): PolicySeverity {
  return RANK[a] >= RANK[b] ? a : b;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
