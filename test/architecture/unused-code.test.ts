/**
 * No unused file, export or dependency: knip (configured in knip.jsonc) over the sources, once
 * with the tests as entry points and once without them (`--production`), which also finds
 * exports that only tests import. `npm run lint` runs the same two commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/paths.js';

const KNIP = path.join(PROJECT_ROOT, 'node_modules/knip/bin/knip.js');

/** Why knip cannot run on this Node: it loads ES modules with require(), which Node has from 20.19 and 22.12. */
function unsupported(): string | undefined {
  if (process.features.require_module) return undefined;
  return `knip needs Node 20.19+ or 22.12+ (require of ES modules); this is ${process.version}`;
}

for (const mode of ['default', 'production'] as const) {
  test(`knip (${mode} mode) finds no unused file, export or dependency`, (t) => {
    const why = unsupported();
    if (why && !process.env.CI) return void t.skip(`${why}: unused-code check skipped`);
    assert.equal(why, undefined, `${why} (CI is set, so this is a failure, not a skip)`);
    const r = spawnSync(process.execPath, [KNIP, '--no-progress', ...(mode === 'production' ? ['--production'] : [])], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `knip${mode === 'production' ? ' --production' : ''} reports:\n${r.stdout}${r.stderr}`);
  });
}
