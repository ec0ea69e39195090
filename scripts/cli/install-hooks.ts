/**
 * Run by `npm install` (the prepare script): points git at the project's hooks/ folder so the
 * pre-commit hook runs. Does nothing outside a git checkout of this project (e.g. in CI tarballs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
try {
  const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  if (path.resolve(top) === project && existsSync(path.join(project, 'hooks', 'pre-commit'))) {
    execFileSync('git', ['config', 'core.hooksPath', 'hooks'], { cwd: project, stdio: 'ignore' });
  }
} catch {
  // Not a git checkout, or git is missing: there is nothing to install the hooks into.
}
