/** Reading and checking a config: the only place input is validated. */
import { crossChecks } from './checks';
import { ConfigError } from './errors';
import { zodProblems } from './explain';
import { gate } from './gate';
import { normalize } from './normalize';
import { readConfigFile, ReadFs } from './read';
import { configSchema, valueRules } from './schema';
import type { Problem } from './checks';
import type { Config } from './types';

export const DEFAULT_CONFIG_FILE = 'cross-account.json';

export { ConfigError, formatPath } from './errors';

/** Validates raw JSON data against the contract; throws ConfigError naming every problem. */
export function parseConfig(raw: unknown, source = 'config'): Config {
  // The many-buckets form (buckets.ts) is read by synth, verify, diff and handoff, bucket by bucket.
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'buckets' in raw)
    throw new ConfigError(source, [
      {
        path: ['buckets'],
        message:
          'a config of many buckets: this command reads one bucket; npm run synth, verify, diff and handoff read each bucket',
      },
    ]);
  const gated = gate(raw);
  if (gated.length > 0) throw new ConfigError(source, gated);
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, zodProblems(result.error.issues, raw, configSchema));
  const problems = crossChecks(result.data);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return normalize(result.data);
}

/**
 * A config today's rules refuse, read anyway where only rules refuse it (a value rule such as a prefix's or an
 * External ID's, or a rule across fields), for a diff's base written under older rules: the problems are
 * returned as `waived`, for the caller to say. A config that is not of the contract's shape (a field unknown, a
 * type wrong, hostile input) is still refused.
 */
export function parseConfigLenient(raw: unknown, source = 'config'): { config: Config; waived: Problem[] } {
  try {
    return { config: parseConfig(raw, source), waived: [] };
  } catch (e) {
    if (!(e instanceof ConfigError) || gate(raw).length > 0) throw e;
    valueRules.waived = true;
    let result: ReturnType<typeof configSchema.safeParse>;
    try {
      result = configSchema.safeParse(raw);
    } finally {
      valueRules.waived = false;
    }
    if (!result.success) throw e;
    return { config: normalize(result.data), waived: e.problems };
  }
}

export function loadConfig(file: string, fsys?: ReadFs): Config {
  return parseConfig(readConfigFile(file, fsys), file);
}

export function loadConfigLenient(file: string, fsys?: ReadFs): { config: Config; waived: Problem[] } {
  return parseConfigLenient(readConfigFile(file, fsys), file);
}

/** CROSS_ACCOUNT_CONFIG names the config file; else ./cross-account.json. */
export function configFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.CROSS_ACCOUNT_CONFIG && env.CROSS_ACCOUNT_CONFIG.trim() !== ''
    ? env.CROSS_ACCOUNT_CONFIG
    : DEFAULT_CONFIG_FILE;
}
