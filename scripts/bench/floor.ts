import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The floor every validator pays: read every input file once and JSON.parse the JSON ones, in
 * one process, synchronously (the fastest way node reads many small files). Returns bytes read.
 */
export function readAndParse(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const b = fs.readFileSync(p);
        files++;
        bytes += b.length;
        if (e.name.endsWith('.json')) JSON.parse(b.toString('utf8'));
      }
    }
  };
  walk(path.join(root, 'packages'));
  return { files, bytes };
}
