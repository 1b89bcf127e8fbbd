/** A schema issue of a file verify reads, in words: where in the file (keys escaped for a terminal) and the rule. */
import type { z } from 'zod';
import { formatPath } from '../config';
import { quoted, terminalSafe } from '../io';

const KINDS: Record<string, string> = { object: 'an object', record: 'an object', array: 'a list', string: 'a string' };

export function whereIn(path: PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return formatPath(path.map((k) => (typeof k === 'string' ? terminalSafe(k) : k)));
}

export function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map(quoted).join(', ')}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') {
    const what = KINDS[issue.expected] ?? `a ${issue.expected}`;
    return issue.message.endsWith('received undefined') ? `is missing (must be ${what})` : `must be ${what}`;
  }
  return terminalSafe(issue.message);
}
