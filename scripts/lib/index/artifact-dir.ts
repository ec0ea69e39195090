/**
 * The artifact folder's life cycle: refuse dangerous destinations, build into a staging sibling,
 * swap it into place with renames, put the previous artifact back after a swap that died half-way,
 * and delete what dead builds left. A failed build leaves the previous artifact untouched and
 * readers never see a half-written one. Every sibling is named `.<out>.<kind>-XXXXXX`.
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
  const dir = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}${STAGING_INFIX}`));
  // mkdtemp makes it private (0700); the artifact is meant to be served.
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** The steps of {@link swapInto}, each named for the file-system change it is about to make. */
export type SwapStep = 'set-aside' | 'move-in' | 'retire' | 'remove';

/**
 * Replaces `outDir` by `staging` with two consecutive renames: the old artifact is renamed aside
 * to `.<out>.swap-XXXXXX`, the new one renamed in. Between the two (microseconds) the path does
 * not exist; it never holds a partial artifact. If the second rename fails, the old artifact is
 * put back; if the process dies between them, {@link restoreArtifact} puts it back. Then the set
 * aside artifact is renamed to `.<out>.old-XXXXXX` and deleted, unless `keepOld`: then that folder
 * is returned for the caller to delete ({@link removePrevious}) when it suits it, since deleting
 * gigabytes takes seconds. A `.swap-` folder is thus always a whole artifact, and only an `.old-`
 * one is ever deleted. The caller holds the lock (artifact-lock.ts). `faultAt` is called before
 * each step (tests make it throw to stand for a failure there).
 */
export function swapInto(staging: string, outDir: string, keepOld = false, faultAt?: (step: SwapStep) => void): string | undefined {
  const out = path.resolve(outDir);
  if (!fs.existsSync(out)) {
    faultAt?.('move-in');
    fs.renameSync(staging, out);
    return undefined;
  }
  const aside = freeName(out, SWAP_INFIX);
  faultAt?.('set-aside');
  fs.renameSync(out, aside);
  try {
    faultAt?.('move-in');
    fs.renameSync(staging, out);
  } catch (e) {
    fs.renameSync(aside, out);
    throw e;
  }
  // The new artifact is in place: the rest only tidies up, and what it leaves the next build removes.
  try {
    const old = freeName(out, OLD_INFIX);
    faultAt?.('retire');
    fs.renameSync(aside, old);
    if (keepOld) return old;
    faultAt?.('remove');
    fs.rmSync(old, { recursive: true, force: true });
  } catch {
    // Left beside the artifact; the next build deletes it.
  }
  return undefined;
}

/** A unique unused name `.<out><infix>XXXXXX` next to `out` (mkdtemp, freed again so a rename can take it). */
function freeName(out: string, infix: string): string {
  const dir = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}${infix}`));
  fs.rmdirSync(dir);
  return dir;
}

const OLD_INFIX = '.old-';
const SWAP_INFIX = '.swap-';
const STAGING_INFIX = '.staging-';

/** Folders next to `out` named `.<out><infix>XXXXXX` (mkdtemp's six characters), sorted. */
function siblings(out: string, infix: string): string[] {
  const prefix = `.${path.basename(out)}${infix}`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(out));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && /^[A-Za-z0-9]{6}$/.test(n.slice(prefix.length)))
    .sort()
    .map((n) => path.join(path.dirname(out), n));
}

/** Artifacts a swap set aside next to `outDir` (`.<out>.swap-XXXXXX`), normally none. */
export function setAsideArtifacts(outDir: string): string[] {
  return siblings(path.resolve(outDir), SWAP_INFIX);
}

/**
 * When `outDir` is missing and an artifact was set aside by a swap that died between its two
 * renames, renames it back (the newest one, should there be several) and returns its former
 * name; otherwise does nothing. The caller holds the lock, so no swap is under way.
 */
export function restoreArtifact(outDir: string): string | undefined {
  const out = path.resolve(outDir);
  if (fs.existsSync(out)) return undefined;
  const newest = setAsideArtifacts(out)
    .map((d) => ({ d, t: fs.statSync(d).mtimeMs }))
    .sort((a, b) => b.t - a.t)[0]?.d;
  if (newest === undefined) return undefined;
  fs.renameSync(newest, out);
  return newest;
}

/**
 * Deletes what dead builds left next to `outDir`: staging folders, artifacts set aside by a swap
 * (once `outDir` is whole again) and replaced artifacts. Only folders named the way this module
 * names them, and only with the lock held, so none belongs to a build still running. Best
 * effort: what cannot be deleted now is tried again by the next build.
 */
export async function removeLeftovers(outDir: string): Promise<void> {
  const out = path.resolve(outDir);
  if (fs.existsSync(out)) {
    // Renamed to .old- first, so an interrupted deletion never leaves a partial .swap- folder.
    for (const d of siblings(out, SWAP_INFIX)) {
      try {
        fs.renameSync(d, freeName(out, OLD_INFIX));
      } catch {
        // Tried again next time.
      }
    }
  }
  const dirs = [...siblings(out, STAGING_INFIX), ...siblings(out, OLD_INFIX)];
  await Promise.all(dirs.map((d) => fs.promises.rm(d, { recursive: true, force: true }).catch(() => undefined)));
}

/**
 * Whether `dir` is named like a replaced artifact {@link swapInto} set aside for deletion (`.<out>.old-XXXXXX`).
 * @internal Exported for its table test: the names a deletion may touch must be exact.
 */
export function isPreviousArtifact(dir: string): boolean {
  return /^\..+\.old-[A-Za-z0-9]{6}$/.test(path.basename(dir));
}

/**
 * Replaced artifacts next to `outDir` not deleted yet (a removal that was interrupted, or still
 * running), for a later build to delete.
 */
export function previousArtifacts(outDir: string): string[] {
  return siblings(path.resolve(outDir), OLD_INFIX);
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
