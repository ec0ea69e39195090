/**
 * The web catalogue's static files (the project's `web/` folder) copied into the artifact with
 * their relative paths (`web/index.html` → `index.html`), so that plain static hosting serves the
 * catalogue beside the index. Text files get a .gz sibling like the artifact's JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../diagnostics/sort.js';
import type { Emitter } from './emitter.js';
import { gzipSync } from './gzip.js';
import type { ArtifactWriter } from './writer.js';

/** A file of the web folder. */
export interface WebFile {
  /** POSIX path relative to the web folder, and so to the artifact. */
  rel: string;
  abs: string;
}

/** Extensions of files worth compressing (text); images and fonts are compressed already. */
const TEXT = new Set(['.html', '.htm', '.css', '.js', '.mjs', '.json', '.svg', '.txt', '.xml', '.map', '.webmanifest', '.md', '.csv']);

/**
 * Every regular file under `dir`, sorted by relative path; [] when `dir` does not exist or is not
 * a folder. Hidden entries (a name starting with `.`, e.g. editor files) and symbolic links are
 * left out: only the catalogue's own files are published.
 */
export function listWebFiles(dir: string): WebFile[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return [];
  }
  if (!st.isDirectory()) return [];
  const out: WebFile[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const a = path.join(abs, e.name);
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(a, r);
      else if (e.isFile()) out.push({ rel: r, abs: a });
    }
  };
  walk(dir, '');
  return out.sort((a, b) => compareStrings(a.rel, b.rel));
}

/** Top-level files the build writes itself (with their .gz): a web file must not replace them. */
const RESERVED_FILE = /^(index|manifest|categories|packages(-[^/]*)?)\.json(\.gz)?$/;
/** Top-level folders the build writes itself. */
const RESERVED_DIRS = new Set(['packages', 'dcos']);

/** Why the web files cannot be copied (one would replace a file the build writes), or undefined. */
export function webFilesProblem(files: readonly WebFile[], webDir: string): string | undefined {
  for (const f of files) {
    const top = f.rel.split('/')[0]!;
    const clash = RESERVED_DIRS.has(top) ? `${top}/` : RESERVED_FILE.test(f.rel) ? f.rel : undefined;
    if (clash !== undefined) return `cannot copy ${path.join(webDir, f.rel)} into the artifact: ${clash} is written by the build itself; rename it in the web folder`;
  }
  return undefined;
}

/**
 * Copies the web files into the artifact (after {@link webFilesProblem} found nothing). A text
 * file gets a .gz sibling at `level` unless the web folder ships its own. Returns the number of
 * files written, .gz included.
 */
function copyWebFiles(writer: ArtifactWriter, files: readonly WebFile[], level: number | undefined): number {
  const shipped = new Set(files.map((f) => f.rel));
  let n = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(f.abs);
    writer.write(f.rel, [bytes]);
    n++;
    if (level === undefined || !TEXT.has(path.extname(f.rel).toLowerCase()) || shipped.has(`${f.rel}.gz`)) continue;
    writer.write(`${f.rel}.gz`, gzipSync(bytes, level));
    n++;
  }
  return n;
}

/** The web catalogue as an output of the build: copied when the packages are done. */
export class WebEmitter implements Emitter {
  readonly finishPhase = 'web';
  /** Files written, .gz included (after finish). */
  files = 0;

  /** @param level gzip level, or undefined for no .gz files. */
  constructor(
    private readonly writer: ArtifactWriter,
    private readonly web: readonly WebFile[],
    private readonly level: number | undefined,
  ) {}

  finish(): void {
    this.files = copyWebFiles(this.writer, this.web, this.level);
  }
}
