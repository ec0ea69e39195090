import type { Finding } from '../diagnostics/types.js';
import type { SchemaIssue } from './issue.js';

/**
 * Schema issues of one file as rule findings: the pointer locates each one, and the failed
 * keyword goes in `data` for machine readers (reporters, the JSON output).
 */
export function issuesToFindings(file: string, issues: readonly SchemaIssue[]): Finding[] {
  return issues.map((i) => ({ file, pointer: i.pointer, message: i.message, data: { keyword: i.keyword } }));
}
