/** Rules of the consumers: names, roles, methods and what each method needs. */
import { tfName } from '../../naming';
import { partitionOf } from '../regions';
import { reads, writes } from '../levels';
import { packProblem } from '../packs';
import type { ParsedConfig } from '../schema';
import type { FieldPath, Problems } from './problems';

type RawConsumer = ParsedConfig['consumers'][number];

export const defaultProducerRoleName = (consumerName: string) => `${consumerName}-s3-access`;

export function checkConsumers(c: ParsedConfig, p: Problems): void {
  const names = new Map<string, number>();
  const terraformNames = new Map<string, number>();
  const createdRoles = new Map<string, number>(); // "<account>/<role>" -> the consumer creating it
  const producerRoles = new Map<string, number>();
  c.consumers.forEach((k, i) => {
    const at = (...rest: FieldPath) => ['consumers', i, ...rest];
    const first = names.get(k.name);
    const twin = terraformNames.get(tfName(k.name));
    if (first !== undefined) p.add(at('name'), `duplicate consumer name "${k.name}" (also consumers[${first}])`);
    else if (twin !== undefined) {
      p.add(
        at('name'),
        `"${k.name}" and "${c.consumers[twin].name}" (consumers[${twin}]) name the same Terraform resources (${tfName(k.name)}): rename one`,
      );
    } else names.set(k.name, i);
    terraformNames.set(tfName(k.name), i);
    checkRole(c, k, at, createdRoles, i, p);
    checkMethod(c, k, at, producerRoles, i, p);
    checkPacks(c, k, at, p);
  });
  // A producer role must not collide with a consumer role created in the producer account.
  for (const [roleName, i] of producerRoles) {
    const clash = createdRoles.get(`${c.producer.accountId}/${roleName}`);
    if (clash !== undefined) {
      p.add(
        ['consumers', i, 'producerRoleName'],
        `role "${roleName}" in account ${c.producer.accountId} is also created for consumers[${clash}]`,
      );
    }
  }
}

/** Each pack once, and only on a level that holds what it needs. */
function checkPacks(c: ParsedConfig, k: RawConsumer, at: (...rest: FieldPath) => FieldPath, p: Problems): void {
  // S3 Access Grants vend the location role's rights cut to READ / WRITE / READWRITE: no pack's calls.
  if (k.packs?.length && k.method === 'access-grant') {
    p.add(
      at('packs'),
      'packs are not vended by S3 Access Grants (READ, WRITE or READWRITE only): write "method": "direct", "assume-role" or "access-point", or remove "packs"',
    );
    return;
  }
  if (k.packs?.length && (k.method ?? 'direct') === 'direct' && c.producer.bucket.overflow === 'access-grants') {
    p.add(
      at('packs'),
      'overflow "access-grants" may move this direct consumer onto S3 Access Grants, which vend no pack\'s calls: write "method": "assume-role" or "access-point" for it, set "overflow": "access-points", or remove "packs"',
    );
    return;
  }
  (k.packs ?? []).forEach((pack, j) => {
    if (k.packs!.indexOf(pack) !== j) p.add(at('packs', j), `"${pack}" is listed twice: list each pack once`);
    else {
      const problem = packProblem(pack, k.access);
      if (problem) p.add(at('packs', j), problem);
    }
  });
}

/** One consumer creates a role; others may attach to it with "existing": true. */
function checkRole(
  c: ParsedConfig,
  k: RawConsumer,
  at: (...rest: FieldPath) => FieldPath,
  created: Map<string, number>,
  i: number,
  p: Problems,
): void {
  const roleKey = `${k.accountId}/${k.role.name}`;
  const creator = created.get(roleKey);
  if (k.role.existing) {
    if (k.role.assumedBy) {
      p.add(
        at('role', 'assumedBy'),
        'an existing role keeps its own trust policy: remove "assumedBy" or set "existing": false',
      );
    }
  } else if (creator !== undefined) {
    p.add(
      at('role', 'existing'),
      `role ${k.role.name} in account ${k.accountId} is already created by consumers[${creator}]; a role created here belongs to one consumer only (set "existing": true to attach to it)`,
    );
  } else {
    created.set(roleKey, i);
  }
  const partition = partitionOf(c.region);
  for (const principal of k.role.assumedBy ?? []) {
    if (principal.startsWith('arn:') && !principal.startsWith(`arn:${partition}:`)) {
      p.add(at('role', 'assumedBy'), `"${principal}" is not in partition "${partition}" of region ${c.region}`);
    }
    // Another account's root in the trust of a role that holds the share's rights: whoever that account's
    // administrator allows reaches the data one hop away, with no condition of ours in the way.
    const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(principal);
    if (root && root[1] !== k.accountId) {
      p.add(
        at('role', 'assumedBy'),
        `"${principal}" is the root of account ${root[1]}, not of the consumer's account ${k.accountId}: every principal ` +
          `that account allows could assume ${k.role.name} and use its grant. Name the role instead ` +
          `("arn:${partition}:iam::${root[1]}:role/NAME"), or give account ${root[1]} a consumer of its own ` +
          '(method "assume-role" pins it with an External ID)',
      );
    }
  }
}

function checkMethod(
  c: ParsedConfig,
  k: RawConsumer,
  at: (...rest: FieldPath) => FieldPath,
  producerRoles: Map<string, number>,
  i: number,
  p: Problems,
): void {
  if (k.method === 'assume-role') {
    if (!k.externalId) {
      p.add(
        at('externalId'),
        'method "assume-role" requires an externalId (the confused-deputy guard checked by the trust policy)',
      );
    }
    const roleName = k.producerRoleName ?? defaultProducerRoleName(k.name);
    const other = producerRoles.get(roleName);
    if (other !== undefined) {
      p.add(
        at('producerRoleName'),
        `producer role "${roleName}" is also used by consumers[${other}]; each assume-role consumer gets its own role`,
      );
    } else producerRoles.set(roleName, i);
  } else {
    if (k.externalId !== undefined) {
      p.add(at('externalId'), `externalId is only used with method "assume-role", not "${k.method}"`);
    }
    if (k.producerRoleName !== undefined) {
      p.add(at('producerRoleName'), `producerRoleName is only used with method "assume-role", not "${k.method}"`);
    }
  }
  if (k.method !== 'access-point') {
    if (k.vpcId !== undefined) p.add(at('vpcId'), `vpcId is only used with method "access-point", not "${k.method}"`);
    if (k.accessPointAccountId !== undefined) {
      p.add(
        at('accessPointAccountId'),
        `accessPointAccountId is only used with method "access-point", not "${k.method}"`,
      );
    }
  } else if (
    k.accessPointAccountId !== undefined &&
    k.accessPointAccountId !== k.accountId &&
    k.accessPointAccountId !== c.producer.accountId
  ) {
    p.add(
      at('accessPointAccountId'),
      `an access point is owned by the producer account (${c.producer.accountId}) or the consumer's own (${k.accountId}), not ${k.accessPointAccountId}`,
    );
  }
}

/** The account whose principal reaches the bucket: the producer's role for assume-role, else the consumer's. */
const actingAccount = (c: ParsedConfig, k: RawConsumer) =>
  k.method === 'assume-role' ? c.producer.accountId : k.accountId;

/**
 * ObjectWriter: an object uploaded from another account stays that account's, and
 * the bucket policy cannot grant a third account access to it. Refused where a
 * reader in another account would be granted objects it could never read.
 */
export function checkObjectWriter(c: ParsedConfig, p: Problems): void {
  if (c.producer.bucket.objectOwnership !== 'ObjectWriter') return;
  const producer = c.producer.accountId;
  const writers = c.consumers.filter((k) => writes(k.access) && actingAccount(c, k) !== producer);
  const readers = c.consumers.filter((k) => reads(k.access));
  for (const w of writers) {
    const reader = readers.find((r) => ![producer, actingAccount(c, w)].includes(actingAccount(c, r)));
    if (!reader) continue;
    p.add(
      ['producer', 'bucket', 'objectOwnership'],
      `"ObjectWriter" keeps objects uploaded by ${w.name} (account ${actingAccount(c, w)}) owned by that account, so ${reader.name} ` +
        `(account ${actingAccount(c, reader)}) could never read them, whatever the bucket policy says. ` +
        'Use "BucketOwnerPreferred": the same ACL compatibility, and uploads with bucket-owner-full-control become the bucket owner\'s',
    );
    return;
  }
}
