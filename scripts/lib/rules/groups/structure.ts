import type { Rule } from '../types.js';
import { auroraRequires6 } from '../aurora-requires-6.js';
import { categoryUnknown } from '../category-unknown.js';
import { cliRequiresCommand } from '../cli-requires-command.js';
import { commandDeprecated } from '../command-deprecated.js';
import { commandForbidden } from '../command-forbidden.js';
import { dcosMediaType } from '../dcos-media-type.js';
import { dependencyCycle } from '../dependency-cycle.js';
import { dependencyUnknownPackage } from '../dependency-unknown-package.js';
import { dependencyUnsatisfiable } from '../dependency-unsatisfiable.js';
import { descriptorRequired } from '../descriptor-required.js';
import { duplicateVersion } from '../duplicate-version.js';
import { fileEncoding } from '../file-encoding.js';
import { fileTooLarge } from '../file-too-large.js';
import { fileUnreadable } from '../file-unreadable.js';
import { jsonAscii } from '../json-ascii.js';
import { jsonDuplicateKey } from '../json-duplicate-key.js';
import { jsonSyntax } from '../json-syntax.js';
import { jsonTooDeep } from '../json-too-deep.js';
import { jsonUnsafeKey } from '../json-unsafe-key.js';
import { layoutLetterFolder } from '../layout-letter-folder.js';
import { layoutLetterMatchesName } from '../layout-letter-matches-name.js';
import { layoutPackageFolder } from '../layout-package-folder.js';
import { layoutRevisionFolder } from '../layout-revision-folder.js';
import { layoutStrayFile } from '../layout-stray-file.js';
import { marathonTemplateRequired } from '../marathon-template-required.js';
import { packageJsonRequired } from '../package-json-required.js';
import { packageNameMatchesFolder } from '../package-name-matches-folder.js';
import { upgradesUnknownVersion } from '../upgrades-unknown-version.js';
import { layoutEmptyFolder } from '../layout-empty-folder.js';
import { layoutFolderSymlink } from '../layout-folder-symlink.js';
import { folderUnreadable } from '../folder-unreadable.js';
import { scaffoldPlaceholder } from '../scaffold-placeholder.js';

/**
 * Layout, file, JSON, cross-file, package-level and 6.0 reference rules, in the order
 * `universe rules` lists them: from the folder structure down to references between packages.
 */
export const STRUCTURE_RULES: readonly Rule[] = [
  // layout
  layoutLetterFolder,
  layoutPackageFolder,
  layoutLetterMatchesName,
  layoutRevisionFolder,
  layoutFolderSymlink,
  folderUnreadable,
  layoutStrayFile,
  layoutEmptyFolder,
  packageJsonRequired,
  packageNameMatchesFolder,
  // files and JSON (every loaded file, repository.json included)
  fileUnreadable,
  fileTooLarge,
  fileEncoding,
  jsonSyntax,
  jsonDuplicateKey,
  jsonTooDeep,
  jsonUnsafeKey,
  jsonAscii,
  // files of a revision together
  commandForbidden,
  commandDeprecated,
  marathonTemplateRequired,
  cliRequiresCommand,
  dcosMediaType,
  descriptorRequired,
  auroraRequires6,
  scaffoldPlaceholder,
  // package level
  duplicateVersion,
  upgradesUnknownVersion,
  // 6.0 references
  dependencyUnknownPackage,
  dependencyUnsatisfiable,
  dependencyCycle,
  categoryUnknown,
];
