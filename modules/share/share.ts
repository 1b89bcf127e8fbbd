/**
 * A bucket shared across accounts, as data: the producer's bucket and the grants
 * made on it, in the idiom of AWS CDK (`share.grantRead(role, { prefixes })`). No
 * cdktf here: the constructs (ProducerSide, ConsumerSide) render what this computes.
 *
 * Grants accumulate until the plan is first read (by a construct, or by the caller).
 * It is then computed once, by the same config rules, policy compiler, size limits
 * and overflow as the JSON app; a grant after that is refused, so nothing rendered
 * can ever disagree with the plan.
 */
import { Config, ConfigError, folderOf, parseConfig, parseRoleArn } from '../config';
import type { Problem } from '../config';
import { gate } from '../config';
import { quoted } from '../io';
import { computePlan, Plan, Route } from '../plan';
import type { ConsumerPolicies, Limits } from '../policy';
import type { AccessLevel, BucketShareProps, GrantOptions, Grantee, Method, RoleConstructLike, RoleRef } from './props';

/** The arguments of Grant's private constructor, for the one caller allowed to make a Grant (BucketShare). */
type GrantArgs = [BucketShare, string, string, string, AccessLevel, readonly string[], Method];
type GrantMaker = new (...args: GrantArgs) => Grant;

/**
 * What a grant call returns: the consumer as configured, and, once planned, its route and policies.
 * Made by BucketShare's grant methods only (its constructor is private).
 */
export class Grant {
  private constructor(
    private readonly share: BucketShare,
    /** The consumer's name (policies, Sids, outputs). */
    readonly consumer: string,
    readonly accountId: string,
    readonly roleArn: string,
    readonly level: AccessLevel,
    /** As given; the plan normalizes them ("/"-terminated). Empty: the whole bucket. */
    readonly prefixes: readonly string[],
    /** As written; `route` says how it reaches the bucket once planned. */
    readonly method: Method,
  ) {}

  /** How it reaches the bucket: as written, or on an access point because the bucket policy was full. */
  get route(): Route {
    return this.share.plannedConsumer(this.consumer).route;
  }

  /** Its policies: the identity policy of its role (and the trust policy of a role created for it). */
  get policies(): ConsumerPolicies {
    return this.share.plannedConsumer(this.consumer).policies;
  }
}

type RawConsumer = Record<string, unknown>;

const isConstruct = (r: RoleRef): r is RoleConstructLike => typeof r === 'object' && 'node' in r;

/** "Analytics_Reader" -> "analytics-reader": a consumer name from a role name. */
const nameOf = (role: string) =>
  role
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'consumer';

/** Stands for the props of a share made from a config (fromConfig): never a user's value. */
const FROM_CONFIG = Object.freeze({}) as BucketShareProps;

export class BucketShare {
  /** The share of a config already read (the JSON app); a Config made by hand still passes the gate. */
  static fromConfig(config: Config, limits?: Limits): BucketShare {
    const gated = gate(config);
    if (gated.length > 0) throw new ConfigError('BucketShare.fromConfig', gated);
    const share = new BucketShare(FROM_CONFIG, limits);
    share.parsed = config;
    return share;
  }

  /** The share of a plan already computed (the JSON app, which reports on the plan before rendering it). */
  static fromPlan(plan: Plan): BucketShare {
    const share = BucketShare.fromConfig(plan.config);
    share.planned = plan;
    return share;
  }

  private readonly consumers: RawConsumer[] = [];
  private readonly made: Grant[] = [];
  private parsed?: Config;
  private planned?: Plan;
  private readonly props?: BucketShareProps;
  /** Each consumer's route and policies, by name, once planned. */
  private byConsumer?: Map<string, { route: Route; policies: ConsumerPolicies }>;

  /**
   * @param props the producer's bucket and account, the region, the accounts' names.
   * @param limits AWS's policy limits (default); other values are for tests.
   */
  constructor(
    props: BucketShareProps,
    private readonly limits?: Limits,
  ) {
    if (props === FROM_CONFIG) return;
    if (props === null || typeof props !== 'object')
      throw new Error(
        'new BucketShare(props): props are required: { region, producer: { accountId, bucket: { name } } }',
      );
    this.props = props;
  }

  /** A consumer's route and policies in the plan (a keyed look-up, computed once). */
  plannedConsumer(consumer: string): { route: Route; policies: ConsumerPolicies } {
    if (!this.byConsumer) {
      const { routes, documents } = this.plan;
      const policies = new Map(documents.consumers.map((p) => [p.consumer, p]));
      this.byConsumer = new Map(
        routes.flatMap((r) => {
          const p = policies.get(r.consumer);
          return p ? [[r.consumer, { route: r, policies: p }] as const] : [];
        }),
      );
    }
    const found = this.byConsumer.get(consumer);
    if (!found) throw new Error(`the share's plan has no consumer ${JSON.stringify(consumer)}`);
    return found;
  }

  grantRead(grantee: Grantee, options: GrantOptions = {}): Grant {
    return this.grant('read', grantee, options);
  }

  grantWrite(grantee: Grantee, options: GrantOptions = {}): Grant {
    return this.grant('write', grantee, options);
  }

  grantReadWrite(grantee: Grantee, options: GrantOptions = {}): Grant {
    return this.grant('read-write', grantee, options);
  }

  /** Every grant made, in order. */
  get grants(): readonly Grant[] {
    return this.made;
  }

  /** The config the grants make, checked as the JSON app checks a config file (computed once). */
  get config(): Config {
    if (!this.parsed) this.parsed = this.check();
    return this.parsed;
  }

  /** The plan: placement, every policy document, sizes checked against AWS's limits (computed once). */
  get plan(): Plan {
    if (!this.planned) this.planned = computePlan(this.config, this.limits);
    return this.planned;
  }

  private grant(level: AccessLevel, grantee: Grantee, o: GrantOptions): Grant {
    if (this.planned || this.parsed)
      throw new Error(
        'grant after the share was planned: make every grant before creating the ProducerSide and ' +
          'ConsumerSide constructs (they render the plan, which is computed once)',
      );
    const role = this.roleOf(grantee);
    const taken = new Set(this.consumers.map((c) => c.name));
    let name = o.name ?? nameOf(role.name);
    for (let n = 2; !o.name && taken.has(name); n++) name = `${nameOf(role.name).slice(0, 37)}-${n}`;
    const method = o.method ?? 'direct';
    const raw: RawConsumer = {
      name,
      accountId: role.accountId,
      role: {
        name: role.name,
        ...(role.path !== undefined ? { path: role.path } : {}),
        existing: !role.create,
        ...(role.assumedBy ? { assumedBy: role.assumedBy } : {}),
      },
      access: level,
      // As given: "exports/daily/*" (AWS CDK's idiom) is read by the config's own rule (config/rules.ts, folderOf).
      ...(o.prefixes ? { prefixes: [...o.prefixes] } : {}),
      ...(o.packs ? { packs: [...o.packs] } : {}),
      method,
      ...(o.externalId !== undefined ? { externalId: o.externalId } : {}),
      ...(o.producerRoleName !== undefined ? { producerRoleName: o.producerRoleName } : {}),
      ...(o.vpcId !== undefined ? { vpcId: o.vpcId } : {}),
      ...(o.accessPointAccountId !== undefined ? { accessPointAccountId: o.accessPointAccountId } : {}),
    };
    this.consumers.push(raw);
    const path = role.path ?? '/';
    // Grant's constructor is private to keep grants made by a share only; this is that share.
    const grant = new (Grant as unknown as GrantMaker)(
      this,
      name,
      role.accountId,
      `arn:${this.partition()}:iam::${role.accountId}:role${path}${role.name}`,
      level,
      ((raw.prefixes as string[] | undefined) ?? []).map(folderOf),
      method,
    );
    this.made.push(grant);
    return grant;
  }

  private partition(): string {
    const region = this.props?.region ?? '';
    return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  }

  private roleOf(g: Grantee): {
    name: string;
    path?: string;
    accountId: string;
    create?: boolean;
    assumedBy?: string[];
  } {
    const where = 'grant';
    if (typeof g.role === 'string') {
      const arn = parseRoleArn(g.role);
      if (typeof arn === 'string') throw new Error(`${where}: role ${quoted(g.role)} ${arn}`);
      if (g.accountId !== undefined && g.accountId !== arn.account)
        throw new Error(
          `${where}: role ${quoted(g.role)} is in account ${arn.account}, not in accountId ${quoted(String(g.accountId))}`,
        );
      return { name: arn.name, path: arn.path, accountId: arn.account };
    }
    if (g.accountId === undefined)
      throw new Error(`${where}: accountId is required unless the role is given by its ARN`);
    if (isConstruct(g.role)) {
      const { nameInput, pathInput } = g.role;
      if (typeof nameInput !== 'string')
        throw new Error(
          `${where}: the IamRole has no literal name: give it \`name\` (policies pin roles by ARN, known before apply)`,
        );
      return { name: nameInput, ...(pathInput !== undefined ? { path: pathInput } : {}), accountId: g.accountId };
    }
    const r = g.role;
    return {
      name: r.name,
      ...(r.path !== undefined ? { path: r.path } : {}),
      accountId: g.accountId,
      ...(r.create ? { create: true } : {}),
      ...(r.assumedBy ? { assumedBy: r.assumedBy } : {}),
    };
  }

  /**
   * The grants as a config file would hold them, before any rule (what the share's manifest hands to verify,
   * which reads it with the same rules). Undefined for a share made from a config (the JSON app has its file).
   */
  get configInput(): Record<string, unknown> | undefined {
    const p = this.props;
    if (!p) return undefined;
    return {
      ...(p.accounts ? { accounts: p.accounts } : {}),
      region: p.region,
      producer: p.producer,
      consumers: this.consumers,
      // The app's own providers carry the credentials: per-account rules, whatever its stacks.
      stacks: 'per-account',
    };
  }

  /** The grants as a config, through the JSON app's reader: the same rules, and problems named by grant. */
  private check(): Config {
    const p = this.props!;
    if (this.consumers.length === 0)
      throw new Error('a BucketShare needs at least one grant (grantRead, grantWrite or grantReadWrite)');
    const raw = this.configInput;
    try {
      return parseConfig(raw, `BucketShare (bucket ${p.producer?.bucket?.name ?? '?'})`);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      throw new ConfigError(
        e.source,
        e.problems.map((q) => this.byGrant(q)),
      );
    }
  }

  /** consumers[2].prefixes[0] -> grant "analytics".prefixes[0]; the producer's fields keep their names. */
  private byGrant(q: Problem): Problem {
    const [head, index, ...rest] = q.path;
    if (head !== 'consumers' || typeof index !== 'number') return q;
    return { ...q, path: [`grant "${String(this.consumers[index]?.name)}"`, ...rest] };
  }
}
