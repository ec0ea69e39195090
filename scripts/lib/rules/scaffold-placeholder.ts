import type { Finding } from '../diagnostics/types.js';
import { toPointer } from '../json/pointer.js';
import { PLACEHOLDER_DESCRIPTION_MARK, PLACEHOLDER_MAINTAINER, placeholderIconBase, placeholderImagePrefix } from './shared/placeholders.js';
import type { RevisionRule } from './types.js';
import { isJsonObject } from '../json/object.js';

/**
 * No placeholder that `universe new` wrote is left in a revision: the maintainer address, the
 * description asking for one, the example.com icons and the registry.example.com image. A
 * warning on what is published, an error on what a change adds (universe check, the hook).
 */
export const scaffoldPlaceholder: RevisionRule = {
  id: 'scaffold-placeholder',
  description: 'No placeholder written by universe new (maintainer, description, icons, docker image) is left in a revision.',
  severity: 'error',
  publishedSeverity: 'warning',
  scope: 'revision',
  check(rev, { analysis }) {
    const out: Finding[] = [];
    const pkg = analysis.packageJson(rev);
    const pkgFile = `${rev.dir}/package.json`;
    if (pkg?.maintainer === PLACEHOLDER_MAINTAINER) {
      out.push({ file: pkgFile, pointer: '/maintainer', message: `maintainer is still the placeholder '${PLACEHOLDER_MAINTAINER}' that universe new wrote: set the address where users reach the package's maintainers` });
    }
    if (typeof pkg?.description === 'string' && pkg.description.includes(PLACEHOLDER_DESCRIPTION_MARK)) {
      out.push({ file: pkgFile, pointer: '/description', message: `description is still the placeholder that universe new wrote: say in one sentence what the package does` });
    }
    const resource = analysis.json(rev, 'resource.json');
    if (!isJsonObject(resource)) return out;
    const resFile = `${rev.dir}/resource.json`;
    const iconBase = placeholderIconBase(rev.packageName);
    if (isJsonObject(resource.images)) {
      for (const [key, url] of Object.entries(resource.images)) {
        if (typeof url === 'string' && url.startsWith(iconBase)) {
          out.push({ file: resFile, pointer: toPointer(['images', key]), message: `icon '${key}' is still the placeholder ${url} that universe new wrote: point it at the package's real icon` });
        }
      }
    }
    const docker = isJsonObject(resource.assets) && isJsonObject(resource.assets.container) ? resource.assets.container.docker : undefined;
    if (isJsonObject(docker)) {
      const imagePrefix = placeholderImagePrefix(rev.packageName);
      for (const [key, image] of Object.entries(docker)) {
        if (typeof image === 'string' && image.startsWith(imagePrefix)) {
          out.push({ file: resFile, pointer: toPointer(['assets', 'container', 'docker', key]), message: `docker image '${key}' is still the placeholder ${image} that universe new wrote: name the image the package really runs` });
        }
      }
    }
    return out;
  },
};
