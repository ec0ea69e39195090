import type { ProcessTable } from '../lib/index/artifact-lock.js';

/** This machine's processes, for the artifact lock: this process's id, and whether another runs. */
export const PROCESSES: ProcessTable = {
  pid: process.pid,
  running(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it runs, as another user.
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};
