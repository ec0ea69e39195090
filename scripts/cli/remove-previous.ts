/**
 * `node remove-previous.js DIR...`: deletes replaced artifacts that `universe build` set aside
 * (folders named `.<out>.old-XXXXXX`; anything else is left alone). The build starts it in the
 * background, detached, so the command returns without waiting for gigabytes to be unlinked.
 */
import { removePrevious } from '../lib/index/artifact-dir.js';

for (const dir of process.argv.slice(2)) {
  try {
    removePrevious(dir);
  } catch {
    // Left for the next build, which deletes leftovers under its lock.
  }
}
