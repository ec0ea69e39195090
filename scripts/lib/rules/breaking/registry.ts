import type { ChangeRule } from './context.js';
import { configDefaultChanged } from './config-default-changed.js';
import { configIncompatible } from './config-incompatible.js';
import { formatVersion } from './format-version.js';
import { metadataChanged } from './metadata-changed.js';
import { revisionChanged } from './revision-changed.js';
import { revisionNumber } from './revision-number.js';
import { revisionRemoved } from './revision-removed.js';
import { versionNotSemver } from './version-not-semver.js';
import { versionOrder } from './version-order.js';
import { versionReused } from './version-reused.js';

/** Every breaking-change check of `universe check`, in the order they run (a test asserts each is listed and tested). */
export const CHANGE_RULES: readonly ChangeRule[] = [
  revisionChanged,
  metadataChanged,
  revisionRemoved,
  revisionNumber,
  versionReused,
  versionOrder,
  versionNotSemver,
  configIncompatible,
  configDefaultChanged,
  formatVersion,
];
