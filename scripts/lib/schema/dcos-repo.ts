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
import {
  dcosExplainV20,
  dcosExplainV30,
  dcosExplainV40,
  dcosExplainV50,
  dcosPackageV20,
  dcosPackageV30,
  dcosPackageV40,
  dcosPackageV50,
} from './dcos-validators.generated.js';
import { MEDIA_PACKAGING_VERSIONS, type DcosMedia } from './dcos-media.js';
import type { SchemaIssue } from './issue.js';
import { limitIssues, toIssues, type AjvError } from './messages.js';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

const pair = (decide: unknown, explain: unknown): readonly [CompiledValidator, CompiledValidator] => [decide as CompiledValidator, explain as CompiledValidator];

/** The package definitions by the packaging version they accept: [decide, explain]. */
const DEFINITION: Readonly<Record<string, readonly [CompiledValidator, CompiledValidator]>> = {
  '2.0': pair(dcosPackageV20, dcosExplainV20),
  '3.0': pair(dcosPackageV30, dcosExplainV30),
  '4.0': pair(dcosPackageV40, dcosExplainV40),
  '5.0': pair(dcosPackageV50, dcosExplainV50),
};

/**
 * Validates a package object against the package definition of its own packaging version, the
 * part of the verdict that is the same for every media type carrying that version. Undefined
 * when no definition has that version (or `obj` is not an object): a media type carries the
 * object only when it carries its packaging version (else {@link notCarriedIssue}).
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
