import type { Diagnostic, Summary } from '../diagnostics/types.js';

/** How a path, revision or package differs between the base and the head of a check. */
export type ChangeStatus = 'added' | 'modified' | 'removed';

/** One revision folder that differs between base and head. */
export interface RevisionChange {
  /** The revision folder name (`0`, `12`…). */
  folder: string;
  status: ChangeStatus;
  /** package.json `version` at the head (at the base for a removed revision), when readable. */
  version?: string;
}

/** One package folder with at least one changed path below it. */
export interface PackageChange {
  name: string;
  /** Folder relative to the repository folder, `packages/<L>/<name>`. */
  dir: string;
  /** `added`: the package did not exist at the base; `removed`: it no longer exists at the head. */
  status: ChangeStatus;
  /** Changed revisions, sorted by number then folder name. */
  revisions: RevisionChange[];
}

/** A `Universe-Allow:` trailer found in a commit between base and head. */
export interface Override {
  /** The check it allows, e.g. `breaking/revision-changed`. */
  check: string;
  /** `<package>/<revision>`, `<package>/*` (every revision), `*` in place of the package too (every package), or `schema/<file>`; as written when malformed. */
  target: string;
  reason: string;
  /** The commit whose message holds the trailer. */
  commit: string;
  /** The commit's author, `Name <email>`: who allowed it. */
  author?: string;
  /** Whether some finding of this run was allowed by it. */
  used: boolean;
  /** Why the trailer allows nothing whatever changed (a malformed line, an unknown check); absent when it is well-formed. */
  problem?: string;
}

/** Where one side of a comparison came from. */
export interface Side {
  /** What the user named: a ref, `HEAD`, `index` (staged changes) or `worktree`. */
  ref: string;
  /** The commit id, when the side is a commit. */
  commit?: string;
}

/**
 * The result of `universe check`: `validate`'s diagnostics and summary, plus what changed and the
 * overrides used. `universe check --format json` prints exactly this (keys in this order), and
 * `universe github report` reads it back.
 */
export interface CheckReport {
  diagnostics: Diagnostic[];
  summary: Summary;
  base: Side;
  head: Side;
  changes: {
    /** Changed packages, sorted by name. */
    packages: PackageChange[];
    /** Other changed paths relative to the repository folder (repository.json, stray files…), sorted. */
    files: string[];
  };
  /** Every override found between base and head, sorted by check then target. */
  overrides: Override[];
}

/** A `Universe-Allow: <check> <package>/<revision>: <reason>` line of a commit message. */
export interface AllowTrailer {
  check: string;
  target: string;
  reason: string;
  commit: string;
  /** The commit's author, `Name <email>`. */
  author: string;
  /** What is wrong with the line and how to write it, when it is malformed (it then allows nothing). */
  problem?: string;
}
