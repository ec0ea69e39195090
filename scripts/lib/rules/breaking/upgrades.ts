import type { Revision } from '../../catalog/types.js';
import type { ChangeContext } from './context.js';
import { newRevisions } from './context.js';
import { brokenOptions, type BrokenOption } from '../../compat/broken-options.js';
import { diffSchemas, type SchemaChange } from '../../compat/schema-diff.js';
import { upgradesFrom } from './shared.js';

/** A new revision that upgrades from the latest published one, with their config.json differences. */
export interface ConfigUpgrade {
  base: Revision;
  head: Revision;
  fromVersion: string;
  toVersion: string;
  /** The head's `upgradesFrom`: it names `fromVersion`, or `*`. */
  upgradesFrom: string[];
  changes: SchemaChange[];
  /** Options valid for the base that the head rejects (computed on demand: it validates samples). */
  broken(): BrokenOption[];
}

const memo = new WeakMap<ChangeContext, ConfigUpgrade[]>();

/**
 * Every new revision whose `upgradesFrom` names the latest published version (or `*`), paired with
 * that revision and the classified differences of their config.json. A revision without config.json
 * on either side compares as an empty schema (no options).
 */
export function configUpgrades(ctx: ChangeContext): ConfigUpgrade[] {
  let out = memo.get(ctx);
  if (out) return out;
  out = [];
  for (const n of newRevisions(ctx)) {
    const { latest: base, latestVersion: fromVersion, version: toVersion } = n;
    if (!base || fromVersion === undefined || toVersion === undefined) continue;
    const from = upgradesFrom(ctx, n.rev);
    if (!from.includes(fromVersion) && !from.includes('*')) continue;
    const oldSchema = schemaOf(ctx.base.analysis.json(base, 'config.json'), base.files['config.json'] !== undefined);
    const newSchema = schemaOf(ctx.head.analysis.json(n.rev, 'config.json'), n.rev.files['config.json'] !== undefined);
    if (oldSchema === undefined || newSchema === undefined) continue;
    let broken: BrokenOption[] | undefined;
    out.push({
      base,
      head: n.rev,
      fromVersion,
      toVersion,
      upgradesFrom: from,
      changes: diffSchemas(oldSchema, newSchema),
      broken: () => (broken ??= brokenOptions(oldSchema, newSchema).options),
    });
  }
  memo.set(ctx, out);
  return out;
}

/** The schema to compare: the parsed file, an empty object schema when there is no file, undefined when it did not parse. */
function schemaOf(value: unknown, present: boolean): unknown {
  if (!present) return { type: 'object', properties: {} };
  return value;
}
