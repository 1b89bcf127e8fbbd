/** The one error a bad config raises: every problem with its field path. */
import { terminalSafe } from '../io';
import type { Problem } from './checks/problems';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    // Paths and messages echo input (unknown field names, values): a control character there must not reach a terminal.
    super(
      `${terminalSafe(source)}: invalid config\n${problems.map((p) => `  - ${formatPath(p.path)}: ${terminalSafe(p.message)}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** consumers[0].role.name */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(config)';
  return path
    .map((k, i) =>
      typeof k === 'number' ? `[${k}]` : i === 0 ? terminalSafe(String(k)) : `.${terminalSafe(String(k))}`,
    )
    .join('');
}
