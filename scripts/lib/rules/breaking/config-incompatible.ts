import semver from 'semver';
import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { configUpgrades } from './upgrades.js';

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
      const stops = broken.length
        ? `; options that validate today and would stop: ${broken.slice(0, 5).map((b) => `${b.option || '(root)'}=${JSON.stringify(b.value)}`).join(', ')}${broken.length > 5 ? ` and ${broken.length - 5} more` : ''}`
        : '';
      for (const c of breaking) {
        out.push({
          file: `${u.head.dir}/config.json`,
          pointer: c.pointer,
          message: `${c.message} — this breaks users upgrading from ${u.fromVersion} (revision ${u.base.folder}) with the options they installed: make ${u.toVersion} a new major version, drop '${u.fromVersion}' from upgradesFrom, or keep the option compatible${stops}`,
          related: [{ file: `${u.base.dir}/config.json`, pointer: c.basePointer, message: `in published revision ${u.base.folder}` }],
          data: { option: c.option, kind: c.kind, brokenOptions: broken.slice(0, 20) },
        });
      }
    }
    return out;
  },
};

/**
 * Whether `to` announces incompatible changes over `from` in semver terms: a higher major version,
 * or for 0.x versions (where semver promises nothing across minors) a higher minor version.
 */
export function isMajorBump(from: string, to: string): boolean {
  const a = semver.parse(from);
  const b = semver.parse(to);
  if (!a || !b) return false;
  if (b.major !== a.major) return b.major > a.major;
  return a.major === 0 && b.minor > a.minor;
}
