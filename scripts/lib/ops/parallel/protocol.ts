/**
 * What the template pool's two threads share: a small Int32Array over a SharedArrayBuffer and
 * the messages they exchange. The main thread posts packages' input files in load order,
 * numbered from 0; the worker claims them in that order, the main thread claims from the last
 * one back, under a spin lock (the critical sections are a few instructions), so the two meet
 * wherever the work divides.
 */
import type { MessagePort } from 'node:worker_threads';
import type { DecodedFile } from '../../catalog/load.js';
import type { Limits, RevisionFileName } from '../../catalog/types.js';
import type { RepositorySettings } from '../../policy/settings.js';
import type { RevisionFactsData } from '../../rules/shared/template-transfer.js';

/** Slots of the shared Int32Array. */
const LOCK = 0;
/** Next package the worker claims. */
export const LO = 1;
/** One past the last package the worker may claim: the main thread lowers it as it claims. */
export const HI = 2;
/** Packages whose facts the worker has posted. */
export const POSTED = 3;
/** {@link RUNNING} or {@link FAILED}. */
export const STATE = 4;
export const SLOTS = 5;

export const RUNNING = 0;
export const FAILED = 1;

/** What the worker is started with. */
export interface WorkerInput {
  limits: Limits;
  settings: RepositorySettings;
  keepRenders: boolean;
  shared: SharedArrayBuffer;
  port: MessagePort;
}

/** One revision's input files as the main thread read and decoded them. */
export interface RevisionInput {
  dir: string;
  files: Array<{ name: RevisionFileName; path: string; file: DecodedFile }>;
}

/** Main thread to worker: a package to analyse, numbered in posting order. */
export interface ToWorker {
  index: number;
  revisions: RevisionInput[];
}

/** Worker to main thread: one message per package analysed, or why it stopped. */
export type FromWorker = { type: 'facts'; index: number; revisions: RevisionFactsData[] } | { type: 'error'; message: string };

export function lock(a: Int32Array): void {
  while (Atomics.compareExchange(a, LOCK, 0, 1) !== 0);
}

export function unlock(a: Int32Array): void {
  Atomics.store(a, LOCK, 0);
}
