/**
 * The child process in which `universe serve --watch` builds (see rebuild-runner.ts): it waits
 * for `{ type: 'build', ... }` messages on its IPC channel, validates and builds as `universe
 * build` does, and answers with the result. When its parent disconnects (or dies) the channel
 * closes and, with nothing left to do, the process ends: a build under way finishes first, so
 * it never leaves its lock or a half-swapped artifact behind.
 */
import { rebuild, type RebuildResult } from '../lib/serve/rebuild.js';
import { headCommit } from './git.js';
import { PROCESSES } from './processes.js';

/** What the server asks for: one build of `repo` into `out`. */
export interface BuildRequest {
  type: 'build';
  repo: string;
  out: string;
  webDir: string;
}

/** The answer, one per request. */
export interface BuildAnswer {
  type: 'result';
  result: RebuildResult;
}

if (process.send !== undefined) {
  // One build at a time: the server never asks for another before the answer.
  process.on('message', (m: BuildRequest) => {
    if (m?.type !== 'build') return;
    void rebuild({
      repo: m.repo,
      out: m.out,
      commit: () => headCommit(m.repo),
      build: { webDir: m.webDir, processes: PROCESSES, everyRevision: true },
    }).then((result) => {
      const answer: BuildAnswer = { type: 'result', result };
      process.send?.(answer);
    });
  });
}
