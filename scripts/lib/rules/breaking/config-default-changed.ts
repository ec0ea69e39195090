import type { Finding } from '../../diagnostics/types.js';
import type { ChangeRule } from './context.js';
import { configUpgrades } from './upgrades.js';

/**
 * A changed default is compatible on paper but changes behaviour for everyone who relied on the old
 * one when they upgrade: a warning, so the release notes say so.
 */
export const configDefaultChanged: ChangeRule = {
  id: 'breaking/config-default-changed',
  description: 'A revision that upgrades from the latest one changes the default of an option.',
  severity: 'warning',
  scope: 'change',
  check(ctx) {
    const out: Finding[] = [];
    for (const u of configUpgrades(ctx)) {
      for (const c of u.changes) {
        if (c.impact !== 'warning') continue;
        out.push({
          file: `${u.head.dir}/config.json`,
          pointer: c.pointer,
          message: `${c.message} from ${u.fromVersion} (revision ${u.base.folder}); say so in the release notes`,
          related: [{ file: `${u.base.dir}/config.json`, pointer: c.basePointer, message: `in published revision ${u.base.folder}` }],
          data: { option: c.option, kind: c.kind },
        });
      }
    }
    return out;
  },
};
