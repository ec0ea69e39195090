/**
 * The switches of the fast paths that shortcut a slower, equivalent path, for the benchmark
 * (`BENCH_FASTPATHS=1`), which measures each one on and off. They are process-wide; all on by
 * default.
 */
import { useFastParse } from '../render/template.js';
import { useFastValidate } from '../render/validate.js';
import { useDraft04Check } from '../schema/validators.js';

/** Each fast path by the file that holds it. */
export interface FastPaths {
  'fast-parse': boolean;
  'fast-validate': boolean;
  'draft04-check': boolean;
}

const current: FastPaths = { 'fast-parse': true, 'fast-validate': true, 'draft04-check': true };

/** The names of the fast paths, as {@link setFastPaths} takes them. */
export const FAST_PATHS = Object.keys(current) as ReadonlyArray<keyof FastPaths>;

/** Turns fast paths on or off (the others keep their state). */
export function setFastPaths(paths: Partial<FastPaths>): void {
  Object.assign(current, paths);
  useFastParse(current['fast-parse']);
  useFastValidate(current['fast-validate']);
  useDraft04Check(current['draft04-check']);
}
