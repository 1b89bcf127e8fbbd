/** Reading and checking a config: the only place input is validated. */
import * as fs from 'fs';
import type { core } from 'zod';
import { crossChecks, Problem } from './checks';
import { stripJsonComments } from './jsonc';
import { normalize } from './normalize';
import { configSchema } from './schema';
import type { Config } from './types';

export const DEFAULT_CONFIG_FILE = 'cross-account.json';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    super(`${source}: invalid config\n${problems.map((p) => `  - ${formatPath(p.path)}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** consumers[0].role.name */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(config)';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function zodProblems(issues: core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: 'unknown field (check the spelling against the config reference in README.md)',
      }));
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      return [
        {
          path,
          message: 'unknown or missing "type" (see the config reference in README.md for the types allowed here)',
        },
      ];
    }
    if (issue.code === 'invalid_key') {
      return [{ path, message: `invalid key: ${issue.issues.map((i) => i.message).join('; ')}` }];
    }
    if (issue.code === 'invalid_value') {
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    }
    if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
      return [{ path, message: `required field is missing (expected ${issue.expected})` }];
    }
    return [{ path, message: issue.message }];
  });
}

/** Validates raw JSON data against the contract; throws ConfigError naming every problem. */
export function parseConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, zodProblems(result.error.issues));
  const problems = crossChecks(result.data);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return normalize(result.data);
}

export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [
      { path: [], message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text));
  } catch (e) {
    throw new ConfigError(file, [{ path: [], message: `not valid JSON: ${(e as Error).message}` }]);
  }
  return parseConfig(raw, file);
}

/** CROSS_ACCOUNT_CONFIG names the config file; else ./cross-account.json. */
export function configFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.CROSS_ACCOUNT_CONFIG && env.CROSS_ACCOUNT_CONFIG.trim() !== ''
    ? env.CROSS_ACCOUNT_CONFIG
    : DEFAULT_CONFIG_FILE;
}
