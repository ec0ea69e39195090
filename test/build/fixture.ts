import type { MemoryFile } from '../../scripts/lib/snapshot/memory.js';
import { revisionFiles } from '../helpers/repo.js';

const QUOTED_CONFIG = JSON.stringify({
  type: 'object',
  properties: {
    service: {
      type: 'object',
      description: 'The "service" section.',
      properties: {
        name: { type: 'string', default: 'alpha', description: 'Service name.' },
        labels: { type: 'string', default: '{"team": "web"}', description: 'Labels as JSON, e.g. {"a": "b"}.' },
      },
    },
  },
});

/**
 * A small universe exercising the build: packaging 2.0 to 6.0, sparse revision numbers, every
 * minDcosReleaseVersion band, a non-monotone one (chains restart), escaping, 5.0 without
 * `manager` served to DC/OS 1.10 and 1.11 as 4.0 and 5.0 with `manager` from 1.12 on, and 6.0
 * revisions with and without a Marathon template.
 */
export function fixture(): Record<string, MemoryFile> {
  return {
    ...revisionFiles('alpha', 0, { packageJson: { packagingVersion: '3.0', minDcosReleaseVersion: '1.8' } }),
    ...revisionFiles('alpha', 1, { packageJson: { minDcosReleaseVersion: '1.9', upgradesFrom: ['*'] }, files: { 'config.json': QUOTED_CONFIG } }),
    ...revisionFiles('alpha', 2, { packageJson: { packagingVersion: '5.0', minDcosReleaseVersion: '1.10', upgradesFrom: ['1.0.1'] }, files: { 'config.json': QUOTED_CONFIG } }),
    ...revisionFiles('alpha', 5, { packageJson: { packagingVersion: '5.0', minDcosReleaseVersion: '1.12', manager: { packageName: 'alpha' } } }),
    ...revisionFiles('beta', 0, { packageJson: { packagingVersion: '2.0' }, files: { 'command.json': JSON.stringify({ pip: ['beta==1'] }), 'resource.json': '{}' } }),
    ...revisionFiles('beta', 1, { packageJson: { packagingVersion: '3.0', minDcosReleaseVersion: '1.12' } }),
    ...revisionFiles('delta', 0, { packageJson: { minDcosReleaseVersion: '1.12' } }),
    ...revisionFiles('delta', 1, { packageJson: { minDcosReleaseVersion: '1.8' }, files: { 'config.json': QUOTED_CONFIG } }),
    ...revisionFiles('delta', 2, { packageJson: { minDcosReleaseVersion: '1.8' } }),
    ...revisionFiles('gamma', 0, {
      packageJson: { packagingVersion: '6.0', version: '1.0.0', categories: ['db'], dependencies: { alpha: '^1.0.0' }, deprecated: { message: 'Use gamma 1.1.', replacement: 'alpha' } },
    }),
    ...revisionFiles('gamma', 1, {
      packageJson: { packagingVersion: '6.0', version: '1.1.0', categories: ['db'] },
      files: { 'marathon.json.mustache': undefined, 'job.aurora.mustache': 'jobs = [Job(name = "{{service.name}}")]\n' },
    }),
  };
}
