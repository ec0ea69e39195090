import { SCHEMA_RULES } from './groups/schema.js';
import { STRUCTURE_RULES } from './groups/structure.js';
import { TEMPLATE_RULES } from './groups/template.js';
import type { Rule } from './types.js';

/**
 * Every rule, in the order they run. Hand-written on purpose: each group file lists its rules by
 * hand, and a test asserts that every rule file is listed here exactly once and has tests.
 */
export const RULES: readonly Rule[] = [...STRUCTURE_RULES, ...SCHEMA_RULES, ...TEMPLATE_RULES];
