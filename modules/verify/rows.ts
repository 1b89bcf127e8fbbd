/**
 * Who the matrix asks about: every path a consumer's workflows take (its role
 * directly, through its access point, or the role it assumes), and probes —
 * principals the config grants nothing, through every door they could try.
 */
import type { Deployed, Doc } from './deployed';
import { IntendedConsumer, Intent } from './intent';
import { indexOf } from './intent-index';
import { accessPointArn, roleArn } from '../naming';

export interface Door {
  arn: string;
  account: string;
  policy?: Doc;
  networkOrigin: 'Internet' | 'VPC';
  /** The VPC requests come from (aws:SourceVpc), through a VPC-only access point. */
  sourceVpc?: string;
  /** Created by this config (else a probe's own access point). */
  ours: boolean;
}

export interface Row {
  label: string;
  /** The consumer whose path this is (probes: none); the first of `consumers`. */
  consumer?: string;
  /** Every consumer whose path this is: direct consumers sharing a role share its one row. */
  consumers?: readonly string[];
  path: 'direct' | 'access-point' | 'assumed';
  /** The role that signs the S3 and KMS requests. */
  role: string;
  account: string;
  identity: Doc[];
  /** An assumed role: first AssumeRole from this role, with this External ID. */
  assume?: { role: string; account: string; identity: Doc[]; externalId?: string };
  door?: Door;
  /** What the config grants this row on its path. */
  grants: IntendedConsumer[];
  https: boolean;
  probe: boolean;
  /** Prefixes asked about ("" = anywhere in the bucket). */
  prefixes: string[];
}

/** An identity policy an account administrator could attach: the worst case for anyone the config does not name. */
export const ADMIN: Doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AccountAdmin', Effect: 'Allow', Action: '*', Resource: '*' }],
};
/** A policy of an access point this config does not create: it lets everything through. */
const OPEN: Doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowsAll', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
};

function identityOf(deployed: Deployed, role: string, consumer?: string): Doc[] {
  const unmanaged = consumer ? deployed.unmanagedIdentity.get(consumer) : undefined;
  return [...(deployed.roles.get(role)?.identity.map((i) => i.doc) ?? []), ...(unmanaged ? [unmanaged.doc] : [])];
}

function ourDoor(deployed: Deployed, c: IntendedConsumer): Door {
  const ap = c.accessPoint!;
  const found = deployed.accessPoints.get(`${ap.account}/${ap.name}`);
  return {
    arn: ap.arn,
    account: ap.account,
    policy: found?.policy?.doc,
    networkOrigin: found?.vpcId ? 'VPC' : 'Internet',
    ...(found?.vpcId ? { sourceVpc: found.vpcId } : {}),
    ours: true,
  };
}

/** Consumer paths: one row per role (its direct grants), per access-point consumer, per assume-role consumer. */
export function consumerRows(intent: Intent, deployed: Deployed): Row[] {
  const rows: Row[] = [];
  const byRole = new Map<string, IntendedConsumer[]>();
  for (const c of intent.consumers) byRole.set(c.roleArn, [...(byRole.get(c.roleArn) ?? []), c]);
  const label = (c: IntendedConsumer) => `${c.roleArn.split('/').pop()} (${c.accountId})`;
  for (const [role, cs] of byRole) {
    const direct = cs.filter((c) => c.route === 'direct');
    if (direct.length === 0) continue;
    const identity = cs.flatMap((c) => identityOf(deployed, role, c.name)).filter((d, i, all) => all.indexOf(d) === i);
    rows.push({
      label: `${direct.map((c) => c.name).join(', ')}: ${label(cs[0])}`,
      consumer: direct[0].name,
      consumers: direct.map((c) => c.name),
      path: 'direct',
      role,
      account: cs[0].accountId,
      identity,
      grants: direct,
      https: true,
      probe: false,
      prefixes: direct.flatMap((c) => c.prefixes),
    });
  }
  for (const c of intent.consumers.filter((x) => x.route === 'access-point')) {
    rows.push({
      label: `${c.name}: ${label(c)} via access point ${c.accessPoint!.name}`,
      consumer: c.name,
      consumers: [c.name],
      path: 'access-point',
      role: c.roleArn,
      account: c.accountId,
      identity: identityOf(deployed, c.roleArn, c.name),
      door: ourDoor(deployed, c),
      grants: [c],
      https: true,
      probe: false,
      prefixes: c.prefixes,
    });
  }
  for (const c of intent.consumers.filter((x) => x.route === 'assume-role')) {
    rows.push({
      label: `${c.name}: ${label(c)} -> ${c.actingArn.split('/').pop()}`,
      consumer: c.name,
      consumers: [c.name],
      path: 'assumed',
      role: c.actingArn,
      account: intent.producer,
      identity: identityOf(deployed, c.actingArn),
      assume: {
        role: c.roleArn,
        account: c.accountId,
        identity: identityOf(deployed, c.roleArn, c.name),
        externalId: c.externalId,
      },
      grants: [c],
      https: true,
      probe: false,
      prefixes: c.prefixes,
    });
  }
  return rows;
}

/** The same paths over plain HTTP: nothing passes. */
export const plainHttp = (rows: Row[]): Row[] =>
  rows.map((r) => ({ ...r, label: `${r.label} over plain HTTP`, https: false, probe: true }));

/**
 * Probes, linear in the number of consumers: an unrelated account's admin; in
 * each consumer account another role, directly and through an access point of
 * its own (Internet and VPC), and through each access point of that account's
 * consumers; one other consumer of an account through each of its access
 * points; a consumer role of each account through access points nobody here created; a role
 * of the bucket account without S3 rights of its own. Each asks at most `limit`
 * prefixes: those where a leak would show (the complete analysis covers the rest).
 */
export function probeRows(intent: Intent, deployed: Deployed, limit: number): Row[] {
  const { stranger } = intent;
  const cut = (ps: string[]) => [...new Set(ps)].sort().slice(0, limit);
  const everyPrefix = cut(intent.consumers.flatMap((c) => c.prefixes));
  const names = new Set(intent.consumers.map((c) => c.roleArn.split('/').pop()));
  let other = 'verify-other-role';
  while (names.has(other)) other += '-x';
  const role = (account: string, name = other) => roleArn(intent.partition, account, name);
  const foreign = (account: string, origin: Door['networkOrigin']): Door => ({
    arn: accessPointArn(intent.partition, intent.config.region, account, `verify-not-ours-${origin.toLowerCase()}`),
    account,
    policy: OPEN,
    networkOrigin: origin,
    ours: false,
  });
  const probe = (
    label: string,
    r: string,
    account: string,
    identity: Doc[],
    prefixes: string[],
    door?: Door,
    grants: IntendedConsumer[] = [],
  ): Row => ({
    label,
    path: door ? 'access-point' : 'direct',
    role: r,
    account,
    identity,
    ...(door ? { door } : {}),
    grants,
    https: true,
    probe: true,
    prefixes,
  });
  const outsider = role(stranger, 'Outsider');
  const rows: Row[] = [
    probe(`outsider: admin of unrelated account ${stranger}`, outsider, stranger, [ADMIN], everyPrefix),
    probe(
      `outsider: admin of ${stranger} through an access point of its own`,
      outsider,
      stranger,
      [ADMIN],
      everyPrefix,
      foreign(stranger, 'Internet'),
    ),
  ];
  for (const account of [...new Set(intent.consumers.map((c) => c.accountId))].sort()) {
    const here = intent.consumers.filter((c) => c.accountId === account);
    const theirs = cut(here.flatMap((c) => c.prefixes));
    if (account === intent.producer) {
      // There IAM alone lets an administrator in (S3 trusts the bucket's own account); a role without rights of its own
      // must get nothing.
      rows.push(
        probe(
          `another role of the bucket account ${account}, without S3 rights of its own`,
          role(account),
          account,
          [],
          theirs,
        ),
      );
      continue;
    }
    rows.push(probe(`another role of consumer account ${account}`, role(account), account, [ADMIN], theirs));
    for (const origin of ['Internet', 'VPC'] as const) {
      rows.push(
        probe(
          `another role of ${account} through an access point of its own (${origin})`,
          role(account),
          account,
          [ADMIN],
          theirs,
          foreign(account, origin),
        ),
      );
    }
    for (const c of here.filter((x) => x.accessPoint)) {
      const door = ourDoor(deployed, c);
      const ap = c.accessPoint!.name;
      rows.push(
        probe(
          `another role of ${account} through access point ${ap}`,
          role(account),
          account,
          [ADMIN],
          cut(c.prefixes),
          door,
        ),
      );
      const o = here.find((x) => x.roleArn !== c.roleArn);
      if (!o) continue;
      // Its direct grants are not tied to a door: through an access point of its own account, whose check
      // its own (admin) identity passes, they hold; through the producer's, that access point's policy refuses it.
      const sameAccount = c.accessPoint!.account === o.accountId;
      const direct = sameAccount
        ? (indexOf(intent).byRole.get(o.roleArn) ?? []).filter((x) => x.route === 'direct')
        : [];
      rows.push(
        probe(
          `${o.name}'s role through ${c.name}'s access point ${ap}`,
          o.roleArn,
          account,
          [ADMIN],
          cut(c.prefixes),
          door,
          direct,
        ),
      );
    }
  }
  // A consumer role, with its account's admin rights, through access points nobody here created:
  // only its direct grants hold there (a direct grant is not tied to a door).
  // One role per consumer account stands for its account: the analysis proves it for every role.
  const representatives = new Map<string, string>();
  for (const c of intent.consumers) if (!representatives.has(c.accountId)) representatives.set(c.accountId, c.roleArn);
  for (const [account, arn] of representatives) {
    const cs = indexOf(intent).byRole.get(arn) ?? [];
    // A role of the bucket account is trusted by S3's design: an access point its account opens is its account's own
    // doing.
    if (account === intent.producer) continue;
    const direct = cs.filter((c) => c.route === 'direct');
    const name = arn.split('/').pop();
    const prefixes = cut(cs.flatMap((c) => c.prefixes));
    rows.push(
      probe(
        `${name} (${account}) through an access point of the producer it was not given`,
        arn,
        account,
        [ADMIN],
        prefixes,
        foreign(intent.producer, 'Internet'),
        direct,
      ),
    );
    rows.push(
      probe(
        `${name} (${account}) through an access point of its own account`,
        arn,
        account,
        [ADMIN],
        prefixes,
        foreign(account, 'Internet'),
        direct,
      ),
    );
  }
  return rows;
}
