import semver from 'semver';
import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import type { BrokenOption } from '../../compat/broken-options.js';
import { configUpgrades, type ConfigUpgrade } from './upgrades.js';

/**
 * An upgrade must not invalidate the options people installed with. Between the latest published
 * revision and a new one that upgrades from it, every breaking change of config.json (a removed
 * option, a new required one without a default, a narrowed type or enum, a tightened bound or
 * pattern…) is an error unless the version makes the break explicit with a semver-major bump.
 */
export const configIncompatible: ChangeRule = {
  id: 'breaking/config-incompatible',
  description: "A revision that upgrades from the latest one accepts that revision's options, unless its version is a semver-major bump.",
  severity: 'error',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const u of configUpgrades(ctx)) {
      const breaking = u.changes.filter((c) => c.impact === 'breaking');
      if (breaking.length === 0) continue;
      if (isMajorBump(u.fromVersion, u.toVersion)) continue;
      const broken = u.broken();
      for (const c of breaking) {
        const mine = broken.filter((b) => concerns(c.option, b.option));
        const examples = mine.length ? ` (e.g. ${mine.slice(0, 5).map(showBroken).join(', ')}${mine.length > 5 ? ` and ${mine.length - 5} more` : ''})` : '';
        out.push({
          file: `${u.head.dir}/config.json`,
          pointer: c.pointer,
          message: `${c.message}${examples} when upgrading from ${u.fromVersion} (revision ${u.base.folder}); ${fixes(u, c.fix ?? `keep accepting every value ${c.option === '' ? 'the options object' : `'${c.option}'`} accepted in ${u.fromVersion}`)}`,
          related: [{ file: `${u.base.dir}/config.json`, pointer: c.basePointer, message: `in published revision ${u.base.folder}` }],
          data: { option: c.option, kind: c.kind, brokenOptions: mine.slice(0, 20) },
        });
      }
    }
    return out;
  },
};

/** The ways out, as a user would say them: a breaking version, not upgrading from the old one, or the change's own fix. */
function fixes(u: ConfigUpgrade, keep: string): string {
  const ways: string[] = [];
  const next = nextBreakingVersion(u.fromVersion);
  if (next) ways.push(`make the version ${next.version} (${next.why})`);
  ways.push(
    u.upgradesFrom.includes(u.fromVersion)
      ? `remove '${u.fromVersion}' from upgradesFrom`
      : `replace '*' in upgradesFrom with the versions whose options stay valid`,
  );
  ways.push(keep);
  return `${ways.slice(0, -1).join(', ')}${ways.length > 2 ? ',' : ''} or ${ways[ways.length - 1]}`;
}

/** The lowest version that announces breaking changes over `from` (see {@link isMajorBump}); undefined when `from` is not semver. */
function nextBreakingVersion(from: string): { version: string; why: string } | undefined {
  const v = semver.parse(from);
  if (!v) return undefined;
  if (v.major === 0) return { version: `0.${v.minor + 1}.0`, why: 'for a 0.x version, a new minor version announces breaking changes' };
  return { version: `${v.major + 1}.0.0`, why: 'a new major version' };
}

/** Whether a broken option (`nodes[0].name`) is the changed option (`nodes[].name`, `service.*`) or inside it. */
function concerns(changed: string, option: string): boolean {
  if (changed === '') return true;
  const c = changed.replace(/\[\d+\]/g, '[]');
  const o = option.replace(/\[\d+\]/g, '[]');
  if (c.endsWith('.*')) return o.startsWith(c.slice(0, -1));
  return o === c || o.startsWith(`${c}.`) || o.startsWith(`${c}[`);
}

/** A broken option for a message: `service.mode="fast"`, or `service.token left unset` when it breaks by being absent. */
function showBroken(b: BrokenOption): string {
  if (b.value === undefined) return `${b.option} left unset`;
  const json = JSON.stringify(b.value);
  return `${b.option}=${json.length > 40 ? `${json.slice(0, 37)}...` : json}`;
}

/**
 * Whether `to` announces incompatible changes over `from` in semver terms: a higher major version,
 * or for 0.x versions (where semver promises nothing across minors) a higher minor version.
 */
function isMajorBump(from: string, to: string): boolean {
  const a = semver.parse(from);
  const b = semver.parse(to);
  if (!a || !b) return false;
  if (b.major !== a.major) return b.major > a.major;
  return a.major === 0 && b.minor > a.minor;
}
