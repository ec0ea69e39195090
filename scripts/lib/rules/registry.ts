import type { Rule } from './types.js';

/**
 * Every rule, in the order `universe rules` lists them. Hand-written on purpose: adding a rule
 * means adding it here, and a test asserts that every rule file is listed and tested.
 */
export const RULES: readonly Rule[] = [];
