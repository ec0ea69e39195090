/**
 * The Python the DC/OS Universe's own scripts (validate_packages.py, gen_universe.py) run with:
 * one that imports jsonschema, pystache and distutils.version (Debian's python3-jsonschema and
 * python3-pystache). Shared by the `dcos` bench section and the corpus tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What to install when the Python modules are missing. */
const PYTHON_HINT = 'apt-get install python3-jsonschema python3-pystache';

let found: { python?: string; reason?: string } | undefined;

/**
 * UNIVERSE_PYTHON when set, else /usr/bin/python3 (Debian's, where the apt packages go), else
 * each python3 on PATH (often a pyenv shim without them), the first that imports the modules.
 * `reason` says what is missing when none does (one line, with what to install).
 */
export function findDcosPython(): { python?: string; reason?: string } {
  if (found) return found;
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'python3'));
  const candidates = process.env.UNIVERSE_PYTHON ? [process.env.UNIVERSE_PYTHON] : ['/usr/bin/python3', ...onPath];
  const tried: string[] = [];
  for (const c of new Set(candidates)) {
    if (!fs.existsSync(c)) continue;
    const r = spawnSync(c, ['-c', 'import jsonschema, pystache, distutils.version'], { encoding: 'utf8' });
    if (r.status === 0) return (found = { python: c });
    tried.push(`${c}: ${(r.stderr || String(r.error ?? 'failed')).trim().split('\n').pop()}`);
  }
  const why = tried.length ? tried.join('; ') : 'no python3 found';
  return (found = { reason: `no Python with jsonschema, pystache and distutils (${why}): ${PYTHON_HINT}` });
}
