import type { ThreadMode } from '../lib/ops/parallel/template-pool.js';

/**
 * `UNIVERSE_THREADS=0` keeps validation on one thread; otherwise it analyses templates on a
 * second thread when the universe is big enough and the machine has a core to spare.
 */
export function threadMode(env: NodeJS.ProcessEnv = process.env): ThreadMode {
  return env.UNIVERSE_THREADS === '0' ? 'off' : 'auto';
}
