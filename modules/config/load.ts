/** Reading and checking a config: the only place input is validated. */
import { crossChecks } from './checks';
import { ConfigError } from './errors';
import { zodProblems } from './explain';
import { gate } from './gate';
import { normalize } from './normalize';
import { readConfigFile, ReadFs } from './read';
import { configSchema } from './schema';
import type { Config } from './types';

export const DEFAULT_CONFIG_FILE = 'cross-account.json';

export { ConfigError, formatPath } from './errors';

/** Validates raw JSON data against the contract; throws ConfigError naming every problem. */
export function parseConfig(raw: unknown, source = 'config'): Config {
  const gated = gate(raw);
  if (gated.length > 0) throw new ConfigError(source, gated);
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, zodProblems(result.error.issues, raw, configSchema));
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
