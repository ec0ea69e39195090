/**
 * An independent check of the DC/OS outputs: the DC/OS Universe's repository schemas
 * (schema/dcos/) interpreted as draft-04 by @cfworker/json-schema, not by the precompiled ajv
 * code the build uses, with `$ref`s resolved the way the DC/OS build resolves them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validator } from '@cfworker/json-schema';
import type { DcosMedia } from '../../scripts/lib/schema/dcos-media.js';
import { PROJECT_ROOT, listFiles } from '../helpers/paths.js';

/** Where the shipped schemas are. */
export const DCOS_SCHEMAS = path.join(PROJECT_ROOT, 'schema/dcos');

const BASE = 'https://dcos-universe.invalid/repo/meta/schema/';

function load(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(DCOS_SCHEMAS, file), 'utf8')) as Record<string, unknown>;
}

const validators = new Map<DcosMedia, Validator>();

/** A draft-04 validator of the repository schema of media type `media`. */
export function dcosRepoValidator(media: DcosMedia): Validator {
  let v = validators.get(media);
  if (!v) {
    v = new Validator({ ...load(`v${media}-repo-schema.json`), id: `${BASE}v${media}-repo-schema.json` }, '4', false);
    v.addSchema({ ...load('vX-repo-definitions.json'), id: `${BASE}vX-repo-definitions.json` });
    validators.set(media, v);
  }
  return v;
}

/** Whether the repository schema of media type `media` accepts a document. */
export function dcosValid(doc: unknown, media: DcosMedia): boolean {
  return dcosRepoValidator(media).validate(doc).valid;
}

/** The media type a `.content_type` file names. */
export function mediaOfContentType(text: string): DcosMedia {
  const m = /^application\/vnd\.dcos\.universe\.repo\+json;charset=utf-8;version=v([345])$/.exec(text);
  assert.ok(m, `not a DC/OS repository media type: ${text}`);
  return Number(m[1]) as DcosMedia;
}

/**
 * Asserts that every DC/OS repository file of an artifact validates against the schema of the
 * media type it is served with: universe.json, the empty repository and each repo-up-to file by
 * their `.content_type`, each slice `<V>/package/<name>.json` by its repo-up-to file's. Returns
 * how many files were checked.
 */
export function assertDcosFilesValid(out: string): number {
  const dcos = path.join(out, 'dcos');
  let checked = 0;
  for (const f of listFiles(dcos)) {
    if (!f.endsWith('.json')) continue;
    const slice = /^([0-9.]+)\/package\/[^/]+\.json$/.exec(f);
    const ct = slice ? `repo-up-to-${slice[1]}.content_type` : f.replace(/\.json$/, '.content_type');
    const media = mediaOfContentType(fs.readFileSync(path.join(dcos, ct), 'utf8'));
    const result = dcosRepoValidator(media).validate(JSON.parse(fs.readFileSync(path.join(dcos, f), 'utf8')));
    assert.ok(result.valid, `dcos/${f} (v${media}): ${JSON.stringify(result.errors.slice(-3))}`);
    checked++;
  }
  return checked;
}
