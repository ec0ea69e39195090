/**
 * The artifact folder's life cycle: refuse dangerous destinations, build into a staging sibling,
 * and swap it into place with renames, so a failed build leaves the previous artifact untouched
 * and readers never see a half-written one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether `child` is strictly inside `parent` (both absolute, normalised). */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** `p` with symbolic links resolved as far as it exists. */
function realish(p: string): string {
  const abs = path.resolve(p);
  let head = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...rest);
    } catch {
      const up = path.dirname(head);
      if (up === head) return abs;
      rest.unshift(path.basename(head));
      head = up;
    }
  }
}

/**
 * Why the artifact must not be written to `outDir`, or undefined when it may: never the file
 * system root, the repository, a folder holding the repository or a folder inside its packages/;
 * never through a symbolic link; and an existing folder is only replaced when it is empty or an
 * earlier artifact (it has a manifest.json) — a mistyped --out never wipes unrelated files.
 */
export function outDirProblem(outDir: string, repoDir: string | undefined): string | undefined {
  const out = path.resolve(outDir);
  if (path.dirname(out) === out) return `refusing to write the artifact to ${outDir}: it is the root of the file system`;
  const real = realish(out);
  if (repoDir !== undefined) {
    const repo = realish(repoDir);
    if (real === repo || isInside(real, repo)) {
      return `refusing to write the artifact to ${outDir}: it would replace the repository ${repoDir}; choose an --out folder outside it`;
    }
    if (isInside(path.join(repo, 'packages'), real)) {
      return `refusing to write the artifact to ${outDir}: it is inside the repository's packages/ folder; choose an --out folder outside it`;
    }
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(out);
  } catch {
    return undefined;
  }
  if (st.isSymbolicLink()) return `refusing to replace ${outDir}: it is a symbolic link; point --out at the real folder`;
  if (!st.isDirectory()) return `refusing to replace ${outDir}: it exists and is not a folder`;
  const names = fs.readdirSync(out);
  if (names.length > 0 && !names.includes('manifest.json')) {
    return `refusing to replace ${outDir}: it is not empty and holds no manifest.json from an earlier build; remove it or choose another --out folder`;
  }
  return undefined;
}

/** Creates the staging folder, a hidden sibling of `outDir` (same file system, so renames are atomic). */
export function createStaging(outDir: string): string {
  const out = path.resolve(outDir);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const dir = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.staging-`));
  // mkdtemp makes it private (0700); the artifact is meant to be served.
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * Replaces `outDir` by `staging`: the old artifact is renamed aside, the new one renamed in, and
 * the old one deleted, unless `keepOld`: then its folder is returned for the caller to delete
 * ({@link removePrevious}) when it suits it, since deleting gigabytes takes seconds. Between the
 * two renames (microseconds) the path does not exist; it never holds a partial artifact. If the
 * second rename fails, the old artifact is put back.
 */
export function swapInto(staging: string, outDir: string, keepOld = false): string | undefined {
  const out = path.resolve(outDir);
  if (!fs.existsSync(out)) {
    fs.renameSync(staging, out);
    return undefined;
  }
  // A unique name next to it (mkdtemp), freed again so the rename works on every platform.
  const old = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}${OLD_INFIX}`));
  fs.rmdirSync(old);
  fs.renameSync(out, old);
  try {
    fs.renameSync(staging, out);
  } catch (e) {
    fs.renameSync(old, out);
    throw e;
  }
  if (keepOld) return old;
  fs.rmSync(old, { recursive: true, force: true });
  return undefined;
}

const OLD_INFIX = '.old-';

/** Whether `dir` is named like a replaced artifact {@link swapInto} set aside (`.<out>.old-XXXXXX`). */
export function isPreviousArtifact(dir: string): boolean {
  return /^\..+\.old-[A-Za-z0-9]{6}$/.test(path.basename(dir));
}

/**
 * Replaced artifacts set aside next to `outDir` and not deleted yet (a removal that was
 * interrupted, or still running), for a later build to delete.
 */
export function previousArtifacts(outDir: string): string[] {
  const out = path.resolve(outDir);
  const prefix = `.${path.basename(out)}${OLD_INFIX}`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(out));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && isPreviousArtifact(n))
    .sort()
    .map((n) => path.join(path.dirname(out), n));
}

/** Deletes a replaced artifact; anything not named like one is left alone. */
export function removePrevious(dir: string): void {
  if (isPreviousArtifact(dir)) fs.rmSync(dir, { recursive: true, force: true });
}

/** {@link removePrevious} without blocking: for a server that keeps answering meanwhile. */
export async function removePreviousAsync(dir: string): Promise<void> {
  if (isPreviousArtifact(dir)) await fs.promises.rm(dir, { recursive: true, force: true });
}

/** Deletes a staging folder this build created (after a failure). */
export function discardStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}
