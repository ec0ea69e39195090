/**
 * `npm run gen:types`: regenerates the checked-in files derived from schema/ — the TypeScript
 * types, the precompiled validators and the precompiled DC/OS repository validators. With `--check`, writes nothing and exits 1 when a file is
 * stale (for CI); the drift test does the same under `npm test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, TYPES_FILE, VALIDATORS_FILE, readSchemaFiles } from './schema-files.js';
import { DCOS_VALIDATORS_FILE, generateDcosValidatorsSource, readDcosSchemaFiles } from './dcos-validators.js';
import { generateTypesSource } from './types.js';
import { generateValidatorsSource } from './validators.js';

const check = process.argv.includes('--check');
const schemas = readSchemaFiles();
const outputs: Array<[string, string]> = [
  [TYPES_FILE, await generateTypesSource(schemas)],
  [VALIDATORS_FILE, generateValidatorsSource(schemas)],
  [DCOS_VALIDATORS_FILE, generateDcosValidatorsSource(readDcosSchemaFiles())],
];
let stale = 0;
for (const [file, text] of outputs) {
  const rel = path.relative(PROJECT_ROOT, file);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === text) {
    process.stdout.write(`${rel}: up to date\n`);
  } else if (check) {
    stale++;
    process.stderr.write(`${rel}: stale, run npm run gen:types\n`);
  } else {
    fs.writeFileSync(file, text);
    process.stdout.write(`${rel}: written\n`);
  }
}
if (stale > 0) process.exitCode = 1;
