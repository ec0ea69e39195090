import type { PackageJsonV2, PackageJsonV3, PackageJsonV4, PackageJsonV5, PackageJsonV6, ResourceJsonV2, ResourceJsonV3 } from './types.generated.js';

export type * from './types.generated.js';

/** A package.json that passed the schema of its packaging version (discriminated by packagingVersion). */
export type PackageJson = PackageJsonV2 | PackageJsonV3 | PackageJsonV4 | PackageJsonV5 | PackageJsonV6;

/** A resource.json that passed its schema (the 3.0 shape is a superset of the 2.0 one). */
export type ResourceJson = ResourceJsonV2 | ResourceJsonV3;
