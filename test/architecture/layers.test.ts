import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, listFiles } from '../helpers/paths.js';

const LIB = path.join(PROJECT_ROOT, 'scripts/lib');

/**
 * Who may import whom inside scripts/lib: a folder may import itself and the folders listed.
 * Lower layers never reach up; the CLI and codegen are outside lib and never imported by it.
 */
const ALLOWED: Record<string, string[]> = {
  diagnostics: [],
  versions: [],
  json: ['diagnostics'],
  snapshot: ['diagnostics'],
  policy: ['diagnostics'],
  catalog: ['diagnostics', 'json', 'snapshot'],
  schema: ['diagnostics', 'json', 'versions'],
  render: ['diagnostics', 'json', 'schema'],
  compat: ['diagnostics', 'json', 'schema', 'render'],
  change: ['diagnostics', 'json'],
  git: ['diagnostics', 'snapshot', 'change'],
  rules: ['diagnostics', 'json', 'snapshot', 'catalog', 'schema', 'render', 'policy', 'change', 'compat', 'versions'],
  index: ['diagnostics', 'json', 'snapshot', 'catalog', 'schema', 'render', 'policy', 'rules', 'versions'],
  github: ['diagnostics', 'change'],
  consume: ['diagnostics', 'json', 'snapshot', 'catalog', 'schema', 'render', 'policy', 'rules', 'index'],
  layers: ['diagnostics', 'json', 'snapshot', 'catalog', 'schema', 'policy', 'consume'],
  ops: ['diagnostics', 'json', 'snapshot', 'catalog', 'schema', 'render', 'policy', 'rules', 'index', 'change', 'compat', 'git', 'consume', 'layers'],
  serve: ['diagnostics', 'json', 'snapshot', 'schema', 'policy', 'ops', 'consume', 'versions'],
};

function libSources(): string[] {
  return listFiles(LIB).filter((f) => f.endsWith('.ts'));
}

function importsOf(file: string): string[] {
  const src = fs.readFileSync(path.join(LIB, file), 'utf8');
  return [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

test('scripts/lib never touches console or process', () => {
  const offenders = libSources().filter((f) => {
    const src = fs.readFileSync(path.join(LIB, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    return /\bconsole\s*\.|\bprocess\s*\.|\bprocess\s*\[/.test(src);
  });
  assert.deepEqual(offenders, [], 'the core returns data; only scripts/cli may print, read argv or exit');
});

test('scripts/lib folders import only the layers below them', () => {
  const violations: string[] = [];
  for (const file of libSources()) {
    const folder = file.split('/')[0]!;
    const allowed = ALLOWED[folder];
    if (!allowed) {
      violations.push(`${file}: folder '${folder}' has no entry in the layer map of this test`);
      continue;
    }
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(LIB, path.resolve(path.dirname(path.join(LIB, file)), spec)).split(path.sep).join('/');
      if (target.startsWith('..')) {
        violations.push(`${file} imports ${spec}, outside scripts/lib`);
        continue;
      }
      const to = target.split('/')[0]!;
      if (to !== folder && !allowed.includes(to)) violations.push(`${file} (${folder}) imports ${spec} (${to})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('only the CLI entry point sets the exit code', () => {
  const cli = listFiles(path.join(PROJECT_ROOT, 'scripts/cli')).filter((f) => f.endsWith('.ts'));
  const offenders = cli.filter((f) => f !== 'main.ts' && /process\.(exit|exitCode)/.test(fs.readFileSync(path.join(PROJECT_ROOT, 'scripts/cli', f), 'utf8')));
  assert.deepEqual(offenders, []);
});
