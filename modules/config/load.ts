/** Reading and checking a config: the only place input is validated. */
import type { core } from 'zod';
import { crossChecks, defaultProducerRoleName, Problem } from './cross-checks';
import { partitionOf } from './regions';
import { normalizePrefixes } from './rules';
import { ConfigError } from './errors';
import { reviewStatements } from './extra-statements';
import { gate } from './gate';
import { keyOwnerReview } from './trust-boundaries';
import { readConfigFile, ReadFs } from './read';
import { configSchema, ParsedConfig } from './schema';
import { accessPointName, trailBucketName, trailName } from '../naming';
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
    if (issue.code === 'invalid_value') {
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    }
    if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
      return [{ path, message: `required field is missing (expected ${issue.expected})` }];
    }
    return [{ path, message: issue.message }];
  });
}

function normalize(c: ParsedConfig): Config {
  // A role attached to (existing: true) that another consumer creates here has that consumer's path.
  const createdPath = new Map(
    c.consumers.filter((k) => !k.role.existing).map((k) => [`${k.accountId}/${k.role.name}`, k.role.path]),
  );
  const consumers = c.consumers
    .map((k) => ({
      name: k.name,
      accountId: k.accountId,
      deployRoleArn: k.deployRoleArn,
      role: {
        name: k.role.name,
        path:
          k.role.existing && k.role.path === '/'
            ? (createdPath.get(`${k.accountId}/${k.role.name}`) ?? '/')
            : k.role.path,
        existing: k.role.existing,
        assumedBy: k.role.existing
          ? []
          : [...new Set(k.role.assumedBy ?? [`arn:${partitionOf(c.region)}:iam::${k.accountId}:root`])].sort(),
      },
      access: k.access,
      prefixes: normalizePrefixes(k.prefixes ?? []),
      method: k.method,
      externalId: k.externalId,
      producerRoleName:
        k.method === 'assume-role' ? (k.producerRoleName ?? defaultProducerRoleName(k.name)) : undefined,
      accessPoint:
        k.method === 'access-point'
          ? {
              name: accessPointName(c.producer.bucket.name, k.name),
              accountId: k.accessPointAccountId ?? c.producer.accountId,
              vpcId: k.vpcId,
            }
          : undefined,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const trail = c.producer.audit?.cloudTrail;
  const warnings: string[] = [];
  if (c.producer.bucket.objectOwnership !== 'BucketOwnerEnforced') {
    warnings.push(
      `producer.bucket.objectOwnership is "${c.producer.bucket.objectOwnership}": ACLs stay enabled (a legacy mode). ` +
        'Writers get s3:PutObjectAcl and every cross-account upload must carry the bucket-owner-full-control canned ACL. ' +
        'Prefer "BucketOwnerEnforced" once no workload depends on object ACLs.',
    );
  }
  warnings.push(...reviewStatements(c).warnings, ...keyOwnerReview(c).warnings);
  return {
    region: c.region,
    partition: partitionOf(c.region),
    producer: {
      accountId: c.producer.accountId,
      deployRoleArn: c.producer.deployRoleArn,
      organizationId: c.producer.organizationId,
      bucket: { ...c.producer.bucket, acknowledged: reviewStatements(c).acknowledged },
      audit: trail
        ? {
            cloudTrail: {
              name: trail.name ?? trailName(c.producer.bucket.name),
              trailBucket: trail.trailBucket ?? trailBucketName(c.producer.bucket.name),
              createTrailBucket: !trail.trailBucket,
            },
          }
        : undefined,
    },
    consumers,
    stacks: c.stacks,
    backend: c.backend,
    warnings,
  };
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
