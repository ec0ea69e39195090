/**
 * Validation against the DC/OS Universe's repository schemas (schema/dcos/, draft-04), the
 * schemas DC/OS's own build checks every `repo-up-to-<V>.json` against before publishing it:
 * v3 for DC/OS up to 1.9, v4 up to 1.11, v5 after. Precompiled (ajv standalone code, generated
 * by `npm run gen:types`): validators that stop at the first error decide, validators that
 * collect every error explain.
 *
 * A repository schema is `{"packages": [items]}` whose items are a `oneOf` of the package
 * definitions of vX-repo-definitions.json (v3: 2.0 and 3.0; v4 adds 4.0; v5 adds 5.0), and each
 * definition requires `packagingVersion` to be its one version. So a package object matches at
 * most the definition of its own packaging version: it is valid for a media type exactly when
 * the media type carries that version and that definition accepts the object. Packages are
 * validated that way, which also lets one verdict serve every media type carrying the version.
 * test/index/dcos-schema.test.ts holds the schema files to that shape.
 */
import { isJsonObject } from '../json/object.js';
import * as generated from './dcos-validators.generated.js';
import { MEDIA_PACKAGING_VERSIONS, type DcosMedia } from './dcos-media.js';
import type { SchemaIssue } from './issue.js';
import { limitIssues, toIssues, type AjvError } from './messages.js';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

const V = generated as unknown as Record<keyof typeof generated, CompiledValidator>;

const REPO: Record<DcosMedia, CompiledValidator> = { 3: V.dcosRepoV3, 4: V.dcosRepoV4, 5: V.dcosRepoV5 };

/** The package definitions by the packaging version they accept: [decide, explain]. */
const DEFINITION: Readonly<Record<string, readonly [CompiledValidator, CompiledValidator]>> = {
  '2.0': [V.dcosPackageV20, V.dcosExplainV20],
  '3.0': [V.dcosPackageV30, V.dcosExplainV30],
  '4.0': [V.dcosPackageV40, V.dcosExplainV40],
  '5.0': [V.dcosPackageV50, V.dcosExplainV50],
};

/**
 * Validates a package object against the package definition of its own packaging version, the
 * part of the verdict that is the same for every media type carrying that version. Undefined
 * when no definition has that version (or `obj` is not an object): see {@link validateDcosPackage}.
 */
export function dcosDefinitionIssues(obj: unknown): SchemaIssue[] | undefined {
  if (!isJsonObject(obj) || typeof obj.packagingVersion !== 'string' || !Object.hasOwn(DEFINITION, obj.packagingVersion)) return undefined;
  const [decide, explain] = DEFINITION[obj.packagingVersion]!;
  if (decide(obj)) return [];
  explain(obj);
  return limitIssues(toIssues(explain.errors ?? [], 'the package object'));
}

/** The issue of a package object whose packaging version media type `media` does not carry. */
export function notCarriedIssue(packagingVersion: unknown, media: DcosMedia): SchemaIssue {
  const found = JSON.stringify(packagingVersion) ?? 'missing';
  return { pointer: '/packagingVersion', keyword: 'oneOf', message: `packagingVersion ${found} is not one media type v${media} carries (${MEDIA_PACKAGING_VERSIONS[media].join(', ')})` };
}

/**
 * Validates one package object as the repository schema of media type `media` validates each of
 * its packages (see the file comment). Empty when DC/OS accepts it; else the issues, pointers
 * into the object.
 */
export function validateDcosPackage(obj: unknown, media: DcosMedia): SchemaIssue[] {
  if (!isJsonObject(obj)) {
    // Not an object: no definition constrains it, so it matches several; the schema says so.
    return REPO[media]({ packages: [obj] }) ? [] : [{ pointer: '', keyword: 'type', message: 'a package must be an object' }];
  }
  const pv = obj.packagingVersion;
  if (typeof pv !== 'string' || !MEDIA_PACKAGING_VERSIONS[media].includes(pv)) return [notCarriedIssue(pv, media)];
  return dcosDefinitionIssues(obj)!;
}

/**
 * Validates a whole DC/OS repository document (`{"packages": [...]}`) against the repository
 * schema of media type `media`, with the compiled repository schema itself. Pointers are into
 * the document; each rejected package is explained as {@link validateDcosPackage} explains it.
 */
export function validateDcosRepository(doc: unknown, media: DcosMedia): SchemaIssue[] {
  if (REPO[media](doc)) return [];
  if (!isJsonObject(doc) || !Array.isArray(doc.packages) || Object.keys(doc).length !== 1) {
    return [{ pointer: '', keyword: 'type', message: 'a repository must be an object with one member, a "packages" array' }];
  }
  const issues: SchemaIssue[] = [];
  doc.packages.forEach((p, i) => {
    for (const issue of validateDcosPackage(p, media)) issues.push({ ...issue, pointer: `/packages/${i}${issue.pointer}` });
  });
  // Only if the schema files stopped having the shape the file comment relies on.
  if (issues.length === 0) return [{ pointer: '', keyword: 'oneOf', message: `the repository does not validate against the v${media} repository schema` }];
  return limitIssues(issues);
}

/**
 * Validates a package object's `marathon` member (`{"v2AppMustacheTemplate": <base64>}`) against
 * the definition every package definition refers to for it (`vX-repo-definitions.json#/marathon`).
 */
export function validateDcosMarathon(marathon: unknown): SchemaIssue[] {
  return V.dcosMarathon(marathon) ? [] : limitIssues(toIssues(V.dcosMarathon.errors ?? [], 'marathon'));
}
