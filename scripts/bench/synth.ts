import * as fs from 'node:fs';
import * as path from 'node:path';

/** Marker written into a generated universe so it is reused only when generated the same way. */
const MARKER = '.synthetic-v1';

/**
 * Generates a synthetic universe of at least `minRevisions` revisions from a real one: renamed
 * copies of every package (`<name>-s<k>`, same letter folder), package.json's `name` rewritten,
 * every other file copied byte for byte. Reuses an earlier generation with the same parameters.
 */
export function generateSynthetic(source: string, target: string, minRevisions: number): { revisions: number; copies: number } {
  const pkgs: Array<{ letter: string; name: string; revisions: string[] }> = [];
  for (const letter of fs.readdirSync(path.join(source, 'packages')).sort()) {
    for (const name of fs.readdirSync(path.join(source, 'packages', letter)).sort()) {
      pkgs.push({ letter, name, revisions: fs.readdirSync(path.join(source, 'packages', letter, name)).sort() });
    }
  }
  const perCopy = pkgs.reduce((n, p) => n + p.revisions.length, 0);
  const copies = Math.ceil(minRevisions / perCopy);
  const stamp = `${path.resolve(source)} ${copies}`;
  const markerPath = path.join(target, MARKER);
  if (fs.existsSync(markerPath) && fs.readFileSync(markerPath, 'utf8') === stamp) return { revisions: perCopy * copies, copies };
  fs.rmSync(target, { recursive: true, force: true });
  for (let k = 0; k < copies; k++) {
    for (const p of pkgs) {
      const name = `${p.name}-s${k}`;
      for (const rev of p.revisions) {
        const from = path.join(source, 'packages', p.letter, p.name, rev);
        const to = path.join(target, 'packages', p.letter, name, rev);
        fs.mkdirSync(to, { recursive: true });
        for (const file of fs.readdirSync(from)) {
          if (file === 'package.json') {
            const doc = JSON.parse(fs.readFileSync(path.join(from, file), 'utf8')) as Record<string, unknown>;
            doc.name = name;
            fs.writeFileSync(path.join(to, file), JSON.stringify(doc, null, 2) + '\n');
          } else {
            fs.copyFileSync(path.join(from, file), path.join(to, file));
          }
        }
      }
    }
  }
  fs.writeFileSync(markerPath, stamp);
  return { revisions: perCopy * copies, copies };
}
