/**
 * Measurements shared by the sections of `npm run bench`: a measurement in a fresh worker
 * process (worker.ts), the median of several, the wall time of a command, the bytes an artifact
 * really occupies, and the floor of writing that many bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What one worker run reports (see worker.ts). */
export interface Sample {
  ms: number;
  /** CPU time of the process (user + system, every thread), over the same span as `ms` give or take start-up. */
  cpuMs?: number;
  maxRssBytes: number;
  bytes?: number;
  bytesWritten?: number;
  validateMs?: number;
  errors?: number;
  phases?: Record<string, number>;
  removePreviousMs?: number;
  /** sha256 of the diagnostics (validate and build), to show that two variants agree. */
  digest?: string;
}

/** The middle value (the upper one of an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** One run of worker.ts (`floor`, `validate` or `build`) in a fresh node process, with `env` added to this one's. */
export function worker(what: string, dir: string, out?: string, env?: NodeJS.ProcessEnv): Sample {
  const args = [path.join(here, 'worker.js'), what, dir, ...(out ? [out] : [])];
  const r = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: env ? { ...process.env, ...env } : process.env });
  return JSON.parse(r.trim().split('\n').pop()!) as Sample;
}

/** The median of `runs` worker runs, with the highest peak RSS of them. */
export function measure(runs: number, what: string, dir: string, out?: string): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    settle();
    samples.push(worker(what, dir, out));
  }
  const m = median(samples.map((s) => s.ms));
  return { ...samples.find((s) => s.ms === m)!, maxRssBytes: Math.max(...samples.map((s) => s.maxRssBytes)) };
}

/** A measured command exited with an unexpected status: the figure would mean nothing. */
export class CommandFailed extends Error {}

/**
 * Median wall time of `runs` fresh runs of a command (output discarded); `prepare` runs, untimed,
 * before each, then {@link settle}. Throws {@link CommandFailed} when a run exits with a status not in `ok` (default 0).
 */
export function wall(runs: number, cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; prepare?: () => void; ok?: number[] } = {}): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    opts.prepare?.();
    settle();
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    xs.push(performance.now() - t);
    if (!(opts.ok ?? [0]).includes(r.status ?? -1)) {
      const tail = (r.stderr?.toString() ?? String(r.error ?? '')).trim().split('\n').slice(-5).join('\n');
      throw new CommandFailed(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${tail}`);
    }
  }
  return median(xs);
}

/**
 * Flushes what earlier steps left for the disk to do (dirty pages, the discards of a deleted
 * artifact) before a timed run starts, so that a run does not pay for the one before it: on this
 * VM's ext4 (mounted with `discard`), deleting a 355 MiB artifact just before a build slowed that
 * build by seconds. Every measured command, ours and the DC/OS scripts alike, starts this way.
 */
export function settle(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/** A file of an artifact: its path (POSIX, relative), size, and inode (hard links share one). */
interface ArtifactFile {
  rel: string;
  size: number;
  inode: string;
}

/** Every file under `dir`, in name order, with its size and inode. */
function artifactFiles(dir: string): ArtifactFile[] {
  const out: ArtifactFile[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else {
        const st = fs.statSync(p);
        out.push({ rel: r, size: st.size, inode: `${st.dev}:${st.ino}` });
      }
    }
  };
  walk(dir, '');
  return out;
}

/** Bytes the artifact really occupies: every inode counted once (hard links share one). */
export function uniqueBytes(dir: string): { bytes: number; files: number; inodes: number } {
  const seen = new Set<string>();
  let bytes = 0;
  const files = artifactFiles(dir);
  for (const f of files) {
    if (seen.has(f.inode)) continue;
    seen.add(f.inode);
    bytes += f.size;
  }
  return { bytes, files: files.length, inodes: seen.size };
}

/**
 * The physical floor of writing `bytes` on this machine: one file in `work`, 8 MiB writes of a
 * reused buffer (no serialization, no hashing, no compression), like `dd`. Page-cache writes are
 * the bulk of a DC/OS-compatible build, and virtual machines differ wildly in their cost.
 */
export function writeFloor(work: string, bytes: number): number {
  const chunk = Buffer.alloc(8 << 20, 0x61);
  const file = path.join(work, 'write-floor.tmp');
  settle();
  const t = performance.now();
  const fd = fs.openSync(file, 'w');
  for (let left = bytes; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  fs.closeSync(fd);
  const ms = performance.now() - t;
  fs.rmSync(file);
  return ms;
}

/**
 * The physical floor of writing an artifact as it is: the same folders, the same files with the
 * same sizes, hard links where the artifact has them; the bytes come from one reused buffer (no
 * serialization, hashing or compression). Creating thousands of files and folders costs more than
 * their bytes on some file systems, so this, not {@link writeFloor}, is what a build must pay.
 */
export function writeTreeFloor(work: string, artifact: string): number {
  const files = artifactFiles(artifact);
  const largest = files.reduce((m, f) => Math.max(m, f.size), 0);
  const chunk = Buffer.alloc(Math.min(largest, 8 << 20), 0x61);
  const root = path.join(work, 'write-tree-floor');
  fs.rmSync(root, { recursive: true, force: true });
  settle();
  const t = performance.now();
  const dirs = new Set<string>();
  const first = new Map<string, string>();
  for (const f of files) {
    const abs = path.join(root, f.rel);
    const dir = path.dirname(abs);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    const same = first.get(f.inode);
    if (same !== undefined) {
      fs.linkSync(same, abs);
      continue;
    }
    first.set(f.inode, abs);
    const fd = fs.openSync(abs, 'w');
    for (let left = f.size; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
    fs.closeSync(fd);
  }
  const ms = performance.now() - t;
  fs.rmSync(root, { recursive: true, force: true });
  return ms;
}

/** Bytes as MiB with one decimal. */
export const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
/** The ratio a / b as `1.23×`. */
export const x = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
