import * as fs from 'node:fs';
import * as path from 'node:path';

/** The strings a hostile package tries to get executed; the page must show each as plain text. */
export const HOSTILE = {
  maintainer: '"><script>window.__pwned=1</script>',
  description: '<img src=x onerror="window.__pwned=2"> & <b>not bold</b>',
  tag: '<b>tag</b>',
  website: 'javascript:window.__pwned=3',
  note: '<script>window.__pwned=4</script>',
  licence: '<u>Licence</u>',
  licenceUrl: 'https://example.com/?q="><script>window.__pwned=5</script>',
  optionDescription: '<svg onload="window.__pwned=6">',
  categoryTitle: '<i>Tools</i>',
};

/**
 * Writes a repository whose only package is valid (it builds) but carries markup and script in
 * every text field, and whose template needs an option without default (spec.json's
 * `rendered.error` says so).
 */
export function writeHostileRepo(dir: string): void {
  const rev = path.join(dir, 'packages', 'H', 'hostile', '0');
  fs.mkdirSync(rev, { recursive: true });
  const json = (file: string, value: unknown): void => fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
  json(path.join(dir, 'repository.json'), { formatVersion: '1.0', name: 'hostile', categories: [{ id: 'tools', title: HOSTILE.categoryTitle }] });
  json(path.join(rev, 'package.json'), {
    packagingVersion: '6.0',
    name: 'hostile',
    version: '1.0.0',
    maintainer: HOSTILE.maintainer,
    description: HOSTILE.description,
    tags: [HOSTILE.tag],
    categories: ['tools'],
    website: HOSTILE.website,
    preInstallNotes: HOSTILE.note,
    licenses: [{ name: HOSTILE.licence, url: HOSTILE.licenceUrl }],
  });
  json(path.join(rev, 'config.json'), {
    type: 'object',
    properties: {
      service: { type: 'object', description: HOSTILE.optionDescription, properties: { token: { type: 'string', description: 'The token.' } }, required: ['token'] },
    },
    required: ['service'],
  });
  fs.writeFileSync(path.join(rev, 'marathon.json.mustache'), '{"id":"/hostile","cmd":"run {{service.token}}","instances":1,"cpus":0.1,"mem":32}\n');
}
