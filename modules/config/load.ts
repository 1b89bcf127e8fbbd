/** Reading and checking a config: the only place input is validated. */
import type { core } from 'zod';
import { crossChecks, Problem } from './checks';
import { ConfigError } from './errors';
import { gate } from './gate';
import { normalize } from './normalize';
import { readConfigFile, ReadFs } from './read';
import { configSchema } from './schema';
import type { Config } from './types';

export const DEFAULT_CONFIG_FILE = 'cross-account.json';

export { ConfigError, formatPath } from './errors';

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
  const gated = gate(raw);
  if (gated.length > 0) throw new ConfigError(source, gated);
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, zodProblems(result.error.issues));
  const problems = crossChecks(result.data);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return normalize(result.data);
}

export function loadConfig(file: string, fsys?: ReadFs): Config {
  return parseConfig(readConfigFile(file, fsys), file);
}

/** CROSS_ACCOUNT_CONFIG names the config file; else ./cross-account.json. */
export function configFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.CROSS_ACCOUNT_CONFIG && env.CROSS_ACCOUNT_CONFIG.trim() !== ''
    ? env.CROSS_ACCOUNT_CONFIG
    : DEFAULT_CONFIG_FILE;
}
