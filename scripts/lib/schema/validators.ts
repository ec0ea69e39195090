import { isJsonObject } from '../json/object.js';
import { invalidRegexIssues } from './config-regex.js';
import { isCleanDraft04 } from './draft04-check.js';
import { jsonType, sortIssues, type SchemaIssue } from './issue.js';
import { limitIssues, toIssues, type AjvError } from './messages.js';
import { upstreamIssues } from './upstreams.js';
import * as generated from './validators.generated.js';

export type { SchemaIssue } from './issue.js';

/** A precompiled ajv validator: returns whether the value is valid and leaves the errors on itself. */
interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/**
 * The validators precompiled from schema/ by `npm run gen:types` (ajv standalone code): loading
 * them costs a few milliseconds, where loading ajv and compiling the schemas costs ~100.
 */
const V = generated as unknown as Record<keyof typeof generated, CompiledValidator>;

/** The packaging versions package.json may declare; 6.0 is this project's extension. */
export const PACKAGING_VERSIONS = ['2.0', '3.0', '4.0', '5.0', '6.0'] as const;

/** One of {@link PACKAGING_VERSIONS}. */
export type PackagingVersion = (typeof PACKAGING_VERSIONS)[number];

const PACKAGE_VALIDATORS: Record<PackagingVersion, CompiledValidator> = {
  '2.0': V.packageV2,
  '3.0': V.packageV3,
  '4.0': V.packageV4,
  '5.0': V.packageV5,
  '6.0': V.packageV6,
};

/** True for a packaging version this tool knows. */
export function isPackagingVersion(v: unknown): v is PackagingVersion {
  return typeof v === 'string' && (PACKAGING_VERSIONS as readonly string[]).includes(v);
}

/** All issues of one validator, unlimited. */
function raw(validate: CompiledValidator, value: unknown, doc: string): SchemaIssue[] {
  if (validate(value)) return [];
  return toIssues(validate.errors ?? [], doc);
}

function run(validate: CompiledValidator, value: unknown, doc: string): SchemaIssue[] {
  return limitIssues(raw(validate, value, doc));
}

/**
 * Validates package.json against the schema of its packaging version (by default the one it
 * declares). A missing, mistyped or unknown packaging version is the only issue reported, since
 * nothing else can be checked without it.
 */
export function validatePackageJson(value: unknown, packagingVersion?: string): SchemaIssue[] {
  if (!isJsonObject(value)) return [{ pointer: '', keyword: 'type', message: `package.json must be an object, not ${jsonType(value)}` }];
  const declared = packagingVersion ?? value.packagingVersion;
  if (declared === undefined) {
    return [{ pointer: '', keyword: 'required', message: `missing required property 'packagingVersion': add it (one of ${PACKAGING_VERSIONS.join(', ')})` }];
  }
  if (!isPackagingVersion(declared)) {
    const found = JSON.stringify(declared) ?? String(declared);
    return [{ pointer: '/packagingVersion', keyword: 'enum', message: `unsupported packagingVersion ${found}: use one of ${PACKAGING_VERSIONS.join(', ')}` }];
  }
  return run(PACKAGE_VALIDATORS[declared], value, 'package.json');
}

/**
 * Validates config.json: everything {@link validateConfigShape} and {@link validateConfigDraft04}
 * report, as one sorted list.
 * @internal Exported for the tests that hold the two parts to the whole schema; the rules call the parts.
 */
export function validateConfig(value: unknown): SchemaIssue[] {
  return limitIssues(sortIssues([...raw(V.config, value, 'config.json'), ...draft04Issues(value)]));
}

/**
 * The shape the DC/OS Universe required of config.json: an object schema with `properties`
 * (config.schema.json).
 */
export function validateConfigShape(value: unknown): SchemaIssue[] {
  return run(V.config, value, 'config.json');
}

/**
 * That config.json is a valid draft-04 JSON Schema whose regular expressions compile, which the
 * DC/OS Universe never checked. Issues {@link validateConfigShape} reports are left out, and a
 * value that is not an object is left to it entirely.
 */
export function validateConfigDraft04(value: unknown): SchemaIssue[] {
  return limitIssues(draft04Issues(value));
}

let draft04Check = true;

/** Whether config.json's draft-04 check asks draft04-check.ts first (the benchmark turns it off to measure it). */
export function useDraft04Check(on: boolean): void {
  draft04Check = on;
}

function draft04Issues(value: unknown): SchemaIssue[] {
  if (!isJsonObject(value)) return [];
  // One quick, iterative walk clears nearly every config (however deep: the generated validator
  // recurses and would overflow the stack on one nested near maxJsonDepth's maximum).
  if (draft04Check && isCleanDraft04(value)) return [];
  const meta = raw(V.configMeta, value, 'config.json');
  const seen = new Set(meta.map((i) => i.pointer));
  const regex = invalidRegexIssues(value).filter((i) => !seen.has(i.pointer));
  if (meta.length === 0 && regex.length === 0) return [];
  const shape = new Set(raw(V.config, value, 'config.json').map((i) => `${i.pointer}\u0000${i.message}`));
  return sortIssues([...meta, ...regex].filter((i) => !shape.has(`${i.pointer}\u0000${i.message}`)));
}

/** Validates resource.json: the 2.0 shape for packaging version 2.0, the 3.0 shape otherwise. */
export function validateResource(value: unknown, packagingVersion: string | undefined): SchemaIssue[] {
  return run(packagingVersion === '2.0' ? V.resourceV2 : V.resourceV3, value, 'resource.json');
}

/** Validates command.json (pip requirements of the legacy CLI subcommand). */
export function validateCommand(value: unknown): SchemaIssue[] {
  return run(V.command, value, 'command.json');
}

/**
 * Validates repository.json, the repository settings. Beyond the schema, category ids must be
 * unique (a schema cannot say that of a member), and so must upstream names, none of them
 * `local`, with usable URLs and name patterns (`upstreamIssues`).
 */
export function validateSettings(value: unknown): SchemaIssue[] {
  const issues = raw(V.repository, value, 'repository.json');
  const categories = (value as { categories?: unknown } | null)?.categories;
  if (Array.isArray(categories)) {
    const first = new Map<string, number>();
    categories.forEach((c: unknown, i) => {
      const id = (c as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      const j = first.get(id);
      if (j === undefined) first.set(id, i);
      else issues.push({ pointer: `/categories/${i}/id`, keyword: 'uniqueIds', message: `category id '${id}' is already declared by categories/${j}: give each category its own id` });
    });
  }
  issues.push(...upstreamIssues(value));
  return limitIssues(sortIssues(issues));
}
