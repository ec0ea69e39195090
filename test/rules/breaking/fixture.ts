/**
 * Shared fixtures of the breaking-change rule tests: a package `widget` in a temporary git
 * repository (TestRepo), helpers to edit its revisions and to pick one rule's findings out of a
 * CheckReport. Rule tests assert code, file, pointer and related locations, never prose.
 */
import type { TestContext } from 'node:test';
import type { CheckReport } from '../../../scripts/lib/change/types.js';
import type { Diagnostic } from '../../../scripts/lib/diagnostics/types.js';
import type { MemoryFile } from '../../../scripts/lib/snapshot/memory.js';
import { TestRepo } from '../../helpers/git.js';
import { revisionFiles } from '../../helpers/repo.js';

/** The folder of a widget revision, or a file in it. */
export const W = (rev: number | string, file?: string): string => `packages/W/widget/${rev}${file ? `/${file}` : ''}`;

/** A widget revision (a minimal valid 4.0 revision, version `1.0.<rev>` unless overridden). */
export function widget(rev: number, overrides: Parameters<typeof revisionFiles>[2] = {}): Record<string, MemoryFile> {
  return revisionFiles('widget', rev, overrides);
}

/** The package.json text revisionFiles writes for a widget revision, with members laid over it (undefined removes one). */
export function widgetPackageJson(rev: number, members: Record<string, unknown> = {}, indent = 2): string {
  const pkg = JSON.parse(widget(rev)[W(rev, 'package.json')] as string) as Record<string, unknown>;
  for (const [k, v] of Object.entries(members)) {
    if (v === undefined) delete pkg[k];
    else pkg[k] = v;
  }
  return JSON.stringify(pkg, null, indent);
}

/** A config.json with a few options of different kinds, for compatibility tests. */
export function configSchema(service: Record<string, unknown> = {}, required?: string[]): string {
  return JSON.stringify(
    {
      type: 'object',
      properties: {
        service: {
          type: 'object',
          properties: {
            name: { type: 'string', default: 'widget', description: 'Service name.' },
            count: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
            mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
            port: { type: ['integer', 'string'], default: 8080 },
            ...service,
          },
          ...(required ? { required } : {}),
        },
      },
    },
    null,
    2,
  );
}

/** A repository with `files` committed as its first commit; removed when the test ends. Returns it and that commit. */
export async function repoWith(t: TestContext, files: Record<string, MemoryFile>): Promise<{ repo: TestRepo; base: string }> {
  const repo = await TestRepo.create(files);
  t.after(() => repo.remove());
  return { repo, base: await repo.resolve() };
}

/** Writes `files` (relative to repo/, undefined deletes), commits them and checks base..that commit. */
export async function commitCheck(repo: TestRepo, base: string, files: Record<string, MemoryFile | undefined>, message = 'change'): Promise<CheckReport> {
  repo.write(files);
  const head = await repo.commit(message);
  return repo.check({ base, head });
}

/** The diagnostics of one code. */
export function only(report: CheckReport, code: string): Diagnostic[] {
  return report.diagnostics.filter((d) => d.code === code);
}

/** `[file, pointer]` of each diagnostic of one code, sorted: what a rule test asserts. */
export function at(report: CheckReport, code: string): Array<[string, string]> {
  return only(report, code)
    .map((d): [string, string] => [d.file, d.pointer])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0));
}

/** `[file, pointer]` of a diagnostic's related locations. */
export function related(d: Diagnostic | undefined): Array<[string, string]> {
  return (d?.related ?? []).map((r) => [r.file, r.pointer]);
}

/** The codes of every breaking-change finding, sorted and deduplicated (to assert that nothing else fired). */
export function breakingCodes(report: CheckReport): string[] {
  return [...new Set(report.diagnostics.filter((d) => d.code.startsWith('breaking/')).map((d) => d.code))].sort();
}
