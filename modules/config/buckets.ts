/**
 * Many buckets in one config (docs/many-buckets.md): `buckets`, keyed by a stable bucket key, each the
 * `producer` and `consumers` of a one-bucket config; `region`, `accounts`, `stacks` and `backend` shared. Each
 * bucket is read by the same rules as a one-bucket config (parseConfig), its problems named under
 * buckets.<key>; then AWS names that two buckets would both create are refused, naming both paths.
 */
import { kmsAliasName, SINGLE_STACK, PRODUCER_STACK, consumerStack } from '../naming';
import type { FieldPath, Problem } from './checks';
import { ConfigError } from './errors';
import { gate } from './gate';
import { parseConfig } from './load';
import { readConfigFile, ReadFs } from './read';
import type { Config } from './types';

export const BUCKET_KEY = /^[a-z][a-z0-9-]{0,29}$/;
const SHARED = new Set(['region', 'accounts', 'stacks', 'backend']);
const PER_BUCKET = new Set(['producer', 'consumers']);

export interface BucketConfig {
  key: string;
  /** The bucket's own one-bucket config, with `bucketKey` set: its stacks are named `<key>-<stack>`. */
  config: Config;
}

/** A config file read: one bucket (today's form) or many (`buckets`). */
export type Configs = { kind: 'one'; config: Config } | { kind: 'many'; buckets: BucketConfig[]; warnings: string[] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether a raw config is of the many-buckets form. */
export const isManyBuckets = (raw: unknown): boolean => isObject(raw) && 'buckets' in raw;

/** A stack's name in a bucket of a many-buckets config (the one-bucket form keeps the name as it is). */
export const bucketStackName = (key: string | undefined, stack: string): string => (key ? `${key}-${stack}` : stack);

/** The stacks a bucket's config has, by name (as modules/plan names them). */
function stackNames(c: Config): string[] {
  if (c.stacks === 'single') return [bucketStackName(c.bucketKey, SINGLE_STACK)];
  const managed = new Set(c.accounts.filter((a) => a.managed).map((a) => a.id));
  const consumerAccounts = [...new Set(c.consumers.map((k) => k.accountId))].filter((id) => managed.has(id));
  return [
    bucketStackName(c.bucketKey, PRODUCER_STACK),
    ...consumerAccounts.map((id) =>
      bucketStackName(c.bucketKey, consumerStack(c.accounts.find((a) => a.id === id)!.name)),
    ),
  ];
}

/** The account IDs a raw bucket entry names (its accounts entries are handed to it alone). */
function accountsOf(entry: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const producer = entry.producer;
  if (isObject(producer) && typeof producer.accountId === 'string') ids.add(producer.accountId);
  for (const k of Array.isArray(entry.consumers) ? entry.consumers : []) {
    if (!isObject(k)) continue;
    if (typeof k.accountId === 'string') ids.add(k.accountId);
    if (typeof k.accessPointAccountId === 'string') ids.add(k.accessPointAccountId);
  }
  return ids;
}

/** Reads a many-buckets config; throws ConfigError naming every problem, each under its field path. */
export function parseBuckets(raw: unknown, source = 'config'): { buckets: BucketConfig[]; warnings: string[] } {
  const gated = gate(raw);
  if (gated.length > 0) throw new ConfigError(source, gated);
  const top = raw as Record<string, unknown>;
  const problems: Problem[] = [];
  const add = (path: FieldPath, message: string) => problems.push({ path, message });
  for (const k of Object.keys(top)) {
    if (k === 'buckets' || SHARED.has(k)) continue;
    if (PER_BUCKET.has(k))
      add([k], `a config with "buckets" holds ${k} in each bucket: move it into buckets.<key>.${k}`);
    else if (k === 'monitoring')
      add([k], 'monitoring is for a one-bucket config: remove it here, or give that bucket a config of its own');
    else add([k], `unknown field beside "buckets" (shared fields: ${[...SHARED].join(', ')})`);
  }
  if (isObject(top.backend) && top.backend.type === 'cloud')
    add(
      ['backend', 'type'],
      'the Terraform Cloud backend is for a one-bucket config: use "local" or "s3" with buckets',
    );
  const buckets = top.buckets;
  if (!isObject(buckets) || Object.keys(buckets).length === 0) {
    add(
      ['buckets'],
      'must be an object of at least one bucket, keyed by a bucket key: { "raw": { "producer": …, "consumers": […] } }',
    );
    throw new ConfigError(source, problems);
  }
  const accounts = isObject(top.accounts) ? top.accounts : {};
  const used = new Set<string>();
  const parsed: BucketConfig[] = [];
  const seen = new Set<string>();
  for (const [key, entry] of Object.entries(buckets)) {
    const at = (...rest: FieldPath): FieldPath => ['buckets', key, ...rest];
    if (!BUCKET_KEY.test(key)) {
      add(at(), 'a bucket key is 1-30 characters of a-z, 0-9 and "-", starting with a letter (it names the stacks)');
      continue;
    }
    if (!isObject(entry)) {
      add(at(), 'must be an object: { "producer": …, "consumers": […] }');
      continue;
    }
    for (const k of Object.keys(entry))
      if (!PER_BUCKET.has(k))
        add(
          at(k),
          `unknown field in a bucket (it holds producer and consumers${SHARED.has(k) ? `; ${k} is shared: write it at the top` : ''})`,
        );
    const ids = accountsOf(entry);
    ids.forEach((id) => used.add(id));
    const one: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(top).filter(([k]) => SHARED.has(k) && k !== 'accounts')),
      ...(isObject(top.accounts)
        ? { accounts: Object.fromEntries(Object.entries(accounts).filter(([id]) => ids.has(id))) }
        : {}),
      producer: entry.producer,
      consumers: entry.consumers,
    };
    try {
      parsed.push({ key, config: { ...parseConfig(one, source), bucketKey: key } });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (const p of e.problems) {
        const path = PER_BUCKET.has(String(p.path[0])) ? at(...p.path) : p.path;
        const id = `${path.join('\u0000')}\u0001${p.message}`;
        if (!seen.has(id)) add(path, p.message);
        seen.add(id);
      }
    }
  }
  for (const id of Object.keys(accounts))
    if (!used.has(id))
      add(
        ['accounts', id],
        `no bucket's producer, consumer or access point is in account ${id}: remove this entry (a typo of an account ID?)`,
      );
  if (problems.length === 0) acrossBuckets(parsed, add);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { buckets: parsed, warnings: parsed.flatMap((b) => b.config.warnings.map((w) => `buckets.${b.key}: ${w}`)) };
}

/** AWS names two buckets would both create (or write), and stacks of the same name: refused with both paths. */
function acrossBuckets(buckets: BucketConfig[], add: (path: FieldPath, message: string) => void): void {
  const first = new Map<string, FieldPath>();
  const claim = (what: string, id: string, path: FieldPath) => {
    const other = first.get(`${what}\u0000${id}`);
    if (other) add(path, `${what} ${id} is also made by ${other.join('.')}: two buckets cannot both create it`);
    else first.set(`${what}\u0000${id}`, path);
  };
  for (const { key, config: c } of buckets) {
    const at = (...rest: FieldPath): FieldPath => ['buckets', key, ...rest];
    const b = c.producer.bucket;
    const producer = c.producer.accountId;
    claim('bucket', b.name, at('producer', 'bucket', 'name'));
    if (b.encryption.type === 'kms' && !b.encryption.keyArn)
      claim('KMS alias', `${kmsAliasName(b.name)} in ${producer}`, at('producer', 'bucket', 'name'));
    if (b.accessLogging?.createTargetBucket)
      claim('bucket', b.accessLogging.targetBucket, at('producer', 'bucket', 'accessLogging', 'targetBucket'));
    const trail = c.producer.audit?.cloudTrail;
    if (trail) {
      claim('CloudTrail trail', `${trail.name} in ${producer}`, at('producer', 'audit', 'cloudTrail', 'name'));
      if (trail.createTrailBucket)
        claim('bucket', trail.trailBucket, at('producer', 'audit', 'cloudTrail', 'trailBucket'));
    }
    // One S3 Access Grants instance per account and region, with one resource policy: two buckets
    // of one config would each write that policy, the second overwriting the first.
    if (c.producer.accessGrants)
      claim(
        'S3 Access Grants',
        `in ${producer} ${c.region} (one instance per account and region, one resource policy; two buckets sharing it are not supported yet: give access-grant consumers to one of them)`,
        at('producer', 'accessGrants'),
      );
    for (const k of c.consumers) {
      const ck = (...rest: FieldPath) => at('consumers', k.index, ...rest);
      if (!k.role.existing) claim('IAM role', `${k.role.name} in ${k.accountId}`, ck('role', 'name'));
      if (k.producerRoleName) claim('IAM role', `${k.producerRoleName} in ${producer}`, ck('producerRoleName'));
      if (k.accessPoint) claim('access point', `${k.accessPoint.name} in ${k.accessPoint.accountId}`, ck('name'));
      // One inline policy per consumer on its role (cross-account-s3-<name>): the same name twice would overwrite.
      claim(`inline policy of consumer "${k.name}" on role`, `${k.role.name} in ${k.accountId}`, ck('name'));
    }
    for (const s of stackNames(c)) claim('stack', s, at());
  }
}

/** Reads a config file of either form. */
export function loadConfigs(file: string, fsys?: ReadFs): Configs {
  const raw = readConfigFile(file, fsys);
  if (!isManyBuckets(raw)) return { kind: 'one', config: parseConfig(raw, file) };
  return { kind: 'many', ...parseBuckets(raw, file) };
}
