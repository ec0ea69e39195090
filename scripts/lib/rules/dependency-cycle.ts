import { compareStrings } from '../diagnostics/sort.js';
import type { Finding } from '../diagnostics/types.js';
import type { Revision } from '../catalog/types.js';
import type { CatalogRule } from './types.js';
import { dependenciesOf, latestRevision } from './util.js';

/** Caps that keep a pathological graph (every package depending on every other) fast. */
const MAX_CYCLES = 100;
const MAX_STEPS = 100_000;

interface Node {
  rev: Revision;
  /** Dependency name → its pointer, sorted by name. */
  edges: Array<{ to: string; pointer: string }>;
}

/**
 * No package depends on itself, directly or through others. The graph is that of each package's
 * latest revision (what installs by default; older revisions are history), edges only to packages
 * that exist. Every elementary cycle is reported once, starting from its smallest name and walking
 * neighbours in name order, on the first package's package.json at the edge that leaves it.
 */
export const dependencyCycle: CatalogRule = {
  id: 'dependency-cycle',
  description: "No cycles in the dependency graph of the packages' latest revisions.",
  severity: 'error',
  scope: 'catalog',
  check({ catalog, analysis }) {
    const nodes = new Map<string, Node>();
    for (const pkg of catalog.packages) {
      const rev = latestRevision(pkg);
      if (rev && !nodes.has(pkg.name)) nodes.set(pkg.name, { rev, edges: [] });
    }
    for (const node of nodes.values()) {
      node.edges = dependenciesOf(node.rev, analysis)
        .filter((d) => nodes.has(d.name))
        .map((d) => ({ to: d.name, pointer: d.pointer }))
        .sort((a, b) => compareStrings(a.to, b.to));
    }
    const cycles: string[][] = [];
    let steps = 0;
    const names = [...nodes.keys()].sort(compareStrings);
    // Cycles through `start` whose other members all sort after it: each cycle found exactly once.
    for (const start of names) {
      const path = [start];
      const onPath = new Set(path);
      const walk = (at: string): void => {
        for (const { to } of nodes.get(at)!.edges) {
          if (cycles.length >= MAX_CYCLES || ++steps > MAX_STEPS) return;
          if (to === start) cycles.push([...path, start]);
          else if (compareStrings(to, start) > 0 && !onPath.has(to)) {
            path.push(to);
            onPath.add(to);
            walk(to);
            onPath.delete(to);
            path.pop();
          }
        }
      };
      walk(start);
    }
    return cycles.map((cycle) => toFinding(cycle, nodes));
  },
};

function toFinding(cycle: string[], nodes: Map<string, Node>): Finding {
  const edge = (i: number): { file: string; pointer: string } => {
    const node = nodes.get(cycle[i]!)!;
    const pointer = node.edges.find((e) => e.to === cycle[i + 1])!.pointer;
    return { file: `${node.rev.dir}/package.json`, pointer };
  };
  const first = edge(0);
  const message =
    cycle.length === 2
      ? `package '${cycle[0]}' depends on itself: remove the dependency`
      : `dependency cycle ${cycle.join(' → ')}: packages cannot depend on themselves through others, so remove one of these dependencies`;
  const related = cycle.slice(1, -1).map((name, k) => ({ ...edge(k + 1), message: `'${name}' depends on '${cycle[k + 2]}'` }));
  return { ...first, message, data: { cycle }, ...(related.length > 0 ? { related } : {}) };
}
