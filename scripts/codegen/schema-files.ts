import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: this file runs as dist/scripts/codegen/*.js. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The folder of JSON Schemas, the source of truth for every file format. */
export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

/** Where the generated TypeScript types are checked in. */
export const TYPES_FILE = path.join(PROJECT_ROOT, 'scripts/lib/schema/types.generated.ts');

/** Where the generated (ajv standalone) validators are checked in. */
export const VALIDATORS_FILE = path.join(PROJECT_ROOT, 'scripts/lib/schema/validators.generated.ts');

/** One schema file of schema/, parsed. */
export interface SchemaFile {
  /** File name inside schema/, e.g. `package-4.0.schema.json`. */
  file: string;
  schema: Record<string, unknown>;
}

/**
 * Reads every `*.schema.json` of a schema folder, sorted by file name so that everything
 * generated from them is deterministic. Schemas owned by other parts of the project (the index
 * formats) are included when they exist.
 */
export function readSchemaFiles(dir: string = SCHEMA_DIR): SchemaFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown> }));
}
