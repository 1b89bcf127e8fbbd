/**
 * The synthesized stacks with what is really deployed substituted in: each policy and
 * bucket setting the collection holds replaces the synthesized one, so that verify's own
 * proof runs on the deployed documents. Every attribute that differs is drift; what exists
 * in AWS but not in the output (a foreign access point, an inline policy added by hand) is
 * added for the proof and named.
 */
import * as path from 'path';
import type { Config } from '../config';
import { locate, Located, resolver, Stacks, SYMBOLIC_KEY_ID } from '../verify';
import { policyDifferences, sameValue } from './canonical';
import { Collection, FILES, iamDocument, Json, policyOf } from './collected';

export interface Drift {
  /** "<stack>:<type>.<name>" or "<account>: <what>". */
  where: string;
  attribute: string;
  message: string;
}

export interface AnalyzerFinding {
  id: string;
  resource: string;
  principal: string;
  actions: string;
}

export interface Audited {
  stacks: Stacks;
  drift: Drift[];
  /** What is deployed that the output does not create. */
  extra: Drift[];
  analyzer: AnalyzerFinding[];
  /** What the run read, by source. */
  sources: string[];
  notes: string[];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function auditedStacks(config: Config, synthesized: Stacks, folder: string): Audited {
  const c = new Collection(folder);
  const all = locate(synthesized);
  const resolveText = resolver(synthesized, all);
  const stacks = clone(synthesized);
  const out: Audited = { stacks, drift: [], extra: [], analyzer: [], sources: [], notes: [] };
  const problems: string[] = [];
  const producer = config.producer.accountId;
  const bucketName = config.producer.bucket.name;
  const resolved = (r: Located, v: unknown) =>
    typeof v === 'string' ? resolveText(v, `${r.stack}:${r.type}.${r.name}`) : v;
  const bodyOf = (r: Located) => stacks[r.stack].resource![r.type][r.name] as Json;
  const where = (r: Located) => `${r.stack}:${r.type}.${r.name}`;

  const hasAws = c.has('aws');
  const hasState = c.has('terraform');
  if (!hasAws && !hasState)
    throw new Error(
      `${folder}: neither aws/ (AWS CLI JSON) nor terraform/ (terraform show -json): run scripts/collect.sh into it first`,
    );

  // The key ARN AWS gave the created key: what the output calls it symbolically.
  const keyResource = all.find((r) => r.type === 'aws_kms_key');
  const symbolicKey = keyResource
    ? `arn:${keyResource.partition}:kms:${keyResource.region}:${keyResource.account}:key/${SYMBOLIC_KEY_ID}`
    : undefined;
  let realKey: string | undefined;
  const aws = (account: string, rel: string) => path.join('aws', account, rel);
  if (hasAws && keyResource) {
    const d = c.read(aws(keyResource.account, FILES.describeKey), 'aws kms describe-key');
    realKey = ((d?.KeyMetadata ?? {}) as Json).Arn as string | undefined;
  }
  /** Deployed text with the real key ARN read as the output's symbolic one. */
  const asOutput = (v: unknown): unknown =>
    realKey && symbolicKey ? JSON.parse(JSON.stringify(v).split(realKey).join(symbolicKey)) : v;

  const substitutePolicy = (r: Located, attribute: string, deployed: unknown, source: string) => {
    if (deployed === undefined) return;
    const doc = asOutput(deployed);
    const synthesizedText = resolved(r, r.body[attribute]);
    let synthesizedDoc: unknown;
    try {
      synthesizedDoc = JSON.parse(String(synthesizedText));
    } catch {
      synthesizedDoc = undefined;
    }
    for (const d of policyDifferences(synthesizedDoc, doc))
      out.drift.push({ where: where(r), attribute, message: `${d} [${source}]` });
    bodyOf(r)[attribute] = JSON.stringify(doc);
  };
  const substituteValue = (r: Located, attribute: string, deployed: unknown, source: string) => {
    if (deployed === undefined) return;
    const v = asOutput(deployed);
    const synthesizedValue = JSON.parse(
      JSON.stringify(r.body[attribute] ?? null, (_, x: unknown) =>
        typeof x === 'string' ? resolveText(x, where(r)) : x,
      ),
    ) as unknown;
    if (!sameValue(synthesizedValue, v))
      out.drift.push({
        where: where(r),
        attribute,
        message: `deployed ${JSON.stringify(v)}, synthesized ${JSON.stringify(synthesizedValue)} [${source}]`,
      });
    bodyOf(r)[attribute] = v;
  };

  if (hasAws) {
    out.sources.push('aws/ (AWS CLI JSON)');
    const accounts = new Set(all.filter((r) => !r.type.startsWith('data.')).map((r) => r.account));
    for (const account of [...accounts].sort())
      if (!c.has(path.join('aws', account)))
        c.missing.push(`aws/${account}/ (every call of scripts/collect.sh for account ${account})`);
    for (const r of all) {
      if (!c.has(path.join('aws', r.account))) continue;
      const bucketOf = () => resolved(r, r.body.bucket);
      const read = (rel: string, call: string) => c.read(aws(r.account, rel), call);
      switch (r.type) {
        case 'aws_s3_bucket_policy':
          if (bucketOf() === bucketName)
            substitutePolicy(
              r,
              'policy',
              policyOf(
                read(FILES.bucketPolicy, `aws s3api get-bucket-policy --bucket ${bucketName}`),
                'bucket policy',
                problems,
              ),
              's3api get-bucket-policy',
            );
          break;
        case 'aws_kms_key':
          substitutePolicy(
            r,
            'policy',
            policyOf(
              read(FILES.keyPolicy, 'aws kms get-key-policy --key-id <key> --policy-name default'),
              'key policy',
              problems,
            ),
            'kms get-key-policy',
          );
          break;
        case 'aws_s3_access_point': {
          const name = String(r.body.name);
          const account = String(r.body.account_id ?? r.account);
          const v = c.read(
            aws(account, FILES.accessPointPolicy(name)),
            `aws s3control get-access-point-policy --account-id ${account} --name ${name}`,
          );
          substitutePolicy(
            r,
            'policy',
            policyOf(v, `access point ${name}`, problems),
            's3control get-access-point-policy',
          );
          break;
        }
        case 'aws_iam_role': {
          const name = String(r.body.name);
          const v = read(FILES.role(name), `aws iam get-role --role-name ${name}`);
          if (v)
            substitutePolicy(
              r,
              'assume_role_policy',
              iamDocument((v.Role as Json | undefined)?.AssumeRolePolicyDocument),
              'iam get-role',
            );
          break;
        }
        case 'aws_iam_role_policy': {
          const role = String(resolved(r, r.body.role));
          const v = read(
            FILES.rolePolicy(role, String(r.body.name)),
            `aws iam get-role-policy --role-name ${role} --policy-name ${String(r.body.name)}`,
          );
          if (v) substitutePolicy(r, 'policy', iamDocument(v.PolicyDocument), 'iam get-role-policy');
          break;
        }
        case 'aws_s3_bucket_public_access_block':
          if (bucketOf() === bucketName) {
            const v = (read(FILES.publicAccessBlock, `aws s3api get-public-access-block --bucket ${bucketName}`)
              ?.PublicAccessBlockConfiguration ?? undefined) as Json | undefined;
            if (v)
              for (const [k, key] of [
                ['block_public_acls', 'BlockPublicAcls'],
                ['block_public_policy', 'BlockPublicPolicy'],
                ['ignore_public_acls', 'IgnorePublicAcls'],
                ['restrict_public_buckets', 'RestrictPublicBuckets'],
              ])
                substituteValue(r, k, v[key] === true, 's3api get-public-access-block');
          }
          break;
        case 'aws_s3_bucket_ownership_controls':
          if (bucketOf() === bucketName) {
            const v = read(FILES.ownership, `aws s3api get-bucket-ownership-controls --bucket ${bucketName}`);
            const rules = ((v?.OwnershipControls as Json | undefined)?.Rules ?? []) as Json[];
            if (v)
              substituteValue(
                r,
                'rule',
                { object_ownership: rules[0]?.ObjectOwnership ?? null },
                's3api get-bucket-ownership-controls',
              );
          }
          break;
        case 'aws_s3_bucket_server_side_encryption_configuration':
          if (bucketOf() === bucketName) {
            const v = read(FILES.encryption, `aws s3api get-bucket-encryption --bucket ${bucketName}`);
            const rules = ((v?.ServerSideEncryptionConfiguration as Json | undefined)?.Rules ?? []) as Json[];
            if (v)
              substituteValue(
                r,
                'rule',
                rules.map((x) => {
                  const d = (x.ApplyServerSideEncryptionByDefault ?? {}) as Json;
                  // AWS: Rules[].BlockedEncryptionTypes.EncryptionType, e.g. ["SSE-C"]; absent when none is blocked.
                  const blocked = ((x.BlockedEncryptionTypes as Json | undefined)?.EncryptionType ?? []) as string[];
                  return {
                    apply_server_side_encryption_by_default: {
                      sse_algorithm: d.SSEAlgorithm,
                      ...(d.KMSMasterKeyID ? { kms_master_key_id: d.KMSMasterKeyID } : {}),
                    },
                    ...(blocked.length ? { blocked_encryption_types: blocked } : {}),
                    ...(d.SSEAlgorithm === 'aws:kms' ? { bucket_key_enabled: x.BucketKeyEnabled === true } : {}),
                  };
                }),
                's3api get-bucket-encryption',
              );
          }
          break;
      }
    }
    extraAccessPoints(config, c, all, stacks, out, problems);
    extraRolePolicies(c, all, out);
    analyzerFindings(config, c, out, aws(producer, FILES.findings));
  }
  // Without AWS's own answers, the state's documents are the deployed ones the proof reads.
  if (hasState) stateDrift(c, synthesized, all, resolveText, out, realKey, symbolicKey, hasAws ? undefined : stacks);
  c.missing.push(...problems);
  c.refuseIfIncomplete();
  return out;
}

/** Access points on the shared bucket that the output does not create: added (verify reads their policy), and named. */
function extraAccessPoints(
  config: Config,
  c: Collection,
  all: Located[],
  stacks: Stacks,
  out: Audited,
  problems: string[],
) {
  const producer = config.producer.accountId;
  const rel = path.join('aws', producer, FILES.accessPoints);
  const v = c.read(
    rel,
    `aws s3control list-access-points --account-id ${producer} --bucket ${config.producer.bucket.name}`,
  );
  c.paged(rel, v, 'NextToken');
  if (!v) return;
  const known = new Set(all.filter((r) => r.type === 'aws_s3_access_point').map((r) => String(r.body.name)));
  const host = all.find((r) => r.type === 'aws_s3_bucket_policy' && r.account === producer);
  for (const ap of (v.AccessPointList ?? []) as Json[]) {
    const name = String(ap.Name);
    if (ap.Bucket !== undefined && ap.Bucket !== config.producer.bucket.name) continue;
    // Every listed access point's policy is collected (its own or a foreign one).
    const pv = c.read(
      path.join('aws', producer, FILES.accessPointPolicy(name)),
      `aws s3control get-access-point-policy --account-id ${producer} --name ${name}`,
    );
    if (known.has(name)) continue;
    out.extra.push({
      where: `${producer}: access point ${name}`,
      attribute: '-',
      message: `an access point on ${config.producer.bucket.name} that the output does not create (network origin ${String(ap.NetworkOrigin)})`,
    });
    const policy = pv && typeof pv.Policy === 'string' ? policyOf(pv, `access point ${name}`, problems) : undefined;
    if (host && policy) {
      const stack = stacks[host.stack];
      stack.resource!.aws_s3_access_point = stack.resource!.aws_s3_access_point ?? {};
      stack.resource!.aws_s3_access_point[`deployed_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`] = {
        provider: host.body.provider,
        bucket: config.producer.bucket.name,
        name,
        policy: JSON.stringify(policy),
      };
    }
  }
}

/** Inline policies of a role beside the synthesized ones: on a role created here, a finding; else a note. */
function extraRolePolicies(c: Collection, all: Located[], out: Audited) {
  const created = new Set(
    all.filter((r) => r.type === 'aws_iam_role').map((r) => `${r.account}/${String(r.body.name)}`),
  );
  const attached = new Map<string, Set<string>>();
  for (const r of all.filter((x) => x.type === 'aws_iam_role_policy')) {
    const role = String(r.body.role).replace(/^\$\{aws_iam_role\.([\w-]+)\.(name|id)\}$/, (_, n: string) =>
      String(all.find((x) => x.type === 'aws_iam_role' && x.name === n && x.stack === r.stack)?.body.name ?? n),
    );
    const k = `${r.account}/${role}`;
    attached.set(k, (attached.get(k) ?? new Set()).add(String(r.body.name)));
  }
  for (const [k, names] of attached) {
    const [account, role] = [k.split('/')[0], k.slice(k.indexOf('/') + 1)];
    if (!c.has(path.join('aws', account))) continue;
    const rel = path.join('aws', account, FILES.rolePolicies(role));
    const v = c.read(rel, `aws iam list-role-policies --role-name ${role}`);
    c.paged(rel, v, 'Marker');
    for (const p of ((v?.PolicyNames ?? []) as string[]).filter((n) => !names.has(n))) {
      const d = {
        where: `${account}: role ${role}`,
        attribute: 'inline policy',
        message: `inline policy ${p} is not synthesized`,
      };
      if (created.has(k))
        out.extra.push({ ...d, message: `${d.message}: the role is created here, so it is added by hand` });
      else out.notes.push(`${d.where}: ${d.message} (the role exists outside this project: its owner's)`);
    }
  }
}

function analyzerFindings(config: Config, c: Collection, out: Audited, rel: string) {
  if (!config.monitoring?.accessAnalyzer && !c.has(rel)) return;
  const v = c.read(
    rel,
    `aws accessanalyzer list-findings --analyzer-arn <analyzer> --filter '{"status":{"eq":["ACTIVE"]}}'`,
  );
  c.paged(rel, v, 'nextToken');
  for (const f of (v?.findings ?? []) as Json[]) {
    if (f.status !== 'ACTIVE') continue;
    out.analyzer.push({
      id: String(f.id),
      resource: String(f.resource),
      principal: JSON.stringify(f.principal ?? {}),
      actions: ((f.action ?? []) as string[]).join(', '),
    });
  }
}

/** terraform show -json: per synthesized attribute, the state's value (and resources only one side has). */
function stateDrift(
  c: Collection,
  synthesized: Stacks,
  all: Located[],
  resolveText: (t: string, w: string) => string,
  out: Audited,
  realKey: string | undefined,
  symbolicKey: string | undefined,
  substituteInto: Stacks | undefined,
) {
  out.sources.push('terraform/ (terraform show -json)');
  // The created key's ARN, as the state holds it.
  for (const stack of Object.keys(synthesized)) {
    const rel = path.join('terraform', `${stack}.json`);
    if (realKey || !symbolicKey || !c.has(rel)) continue;
    const root = ((c.read(rel, 'terraform show -json')?.values ?? {}) as Json).root_module as Json | undefined;
    const key = ((root?.resources ?? []) as Json[]).find((r) => r.type === 'aws_kms_key');
    if (key) realKey = String((key.values as Json).arn);
  }
  for (const stack of Object.keys(synthesized).sort()) {
    const rel = path.join('terraform', `${stack}.json`);
    const v = c.read(rel, `terraform show -json (in the ${stack} stack's folder) > ${rel}`);
    if (!v) continue;
    const state = new Map<string, Json>();
    const walk = (m: Json | undefined) => {
      for (const r of (m?.resources ?? []) as Json[]) state.set(String(r.address), (r.values ?? {}) as Json);
      for (const child of (m?.child_modules ?? []) as Json[]) walk(child);
    };
    walk(((v.values ?? {}) as Json).root_module as Json | undefined);
    const mine = all.filter((r) => r.stack === stack);
    const addresses = new Set(mine.map((r) => (r.type.startsWith('data.') ? r.type : r.type) + '.' + r.name));
    for (const r of mine) {
      const address = `${r.type}.${r.name}`;
      const values = state.get(address);
      if (!values) {
        out.drift.push({
          where: `${stack}:${address}`,
          attribute: '-',
          message: 'synthesized, but not in the state (not applied yet, or removed)',
        });
        continue;
      }
      const fromState = (x: unknown) =>
        realKey && symbolicKey ? (JSON.parse(JSON.stringify(x).split(realKey).join(symbolicKey)) as unknown) : x;
      for (const [k, sv] of Object.entries(r.body)) {
        if (['provider', 'depends_on', '//', 'lifecycle'].includes(k)) continue;
        let synth: unknown;
        try {
          synth = JSON.parse(
            JSON.stringify(sv, (_, x: unknown) => (typeof x === 'string' ? resolveText(x, `${stack}:${address}`) : x)),
          ) as unknown;
        } catch {
          continue; // a value Terraform computes at apply (a key's ID): nothing synthesized to compare with
        }
        const deployed = fromState(values[k]);
        const isPolicy = /policy$/.test(k) && typeof synth === 'string' && typeof deployed === 'string';
        if (isPolicy) {
          let a: unknown, b: unknown;
          try {
            a = JSON.parse(synth as string);
            b = JSON.parse(deployed as string);
          } catch {
            /* compared as text below */
          }
          if (a !== undefined && b !== undefined) {
            for (const d of policyDifferences(a, b))
              out.drift.push({ where: `${stack}:${address}`, attribute: k, message: `${d} [state]` });
            if (substituteInto) substituteInto[stack].resource![r.type][r.name][k] = JSON.stringify(b);
            continue;
          }
        }
        if (!subsetSame(synth, deployed))
          out.drift.push({
            where: `${stack}:${address}`,
            attribute: k,
            message: `state ${JSON.stringify(deployed)}, synthesized ${JSON.stringify(synth)} [state]`,
          });
      }
    }
    for (const address of [...state.keys()].sort())
      if (!addresses.has(address))
        out.extra.push({
          where: `${stack}:${address}`,
          attribute: '-',
          message:
            'in the state, but not synthesized: it would be destroyed at the next apply, or was imported by hand',
        });
  }
}

/** The synthesized value inside the state's: the state adds every computed and default attribute. */
function subsetSame(synth: unknown, state: unknown): boolean {
  if (Array.isArray(synth))
    return Array.isArray(state) && synth.length === state.length && synth.every((x, i) => subsetSame(x, state[i]));
  if (typeof synth === 'object' && synth !== null) {
    const s = (Array.isArray(state) && state.length === 1 ? state[0] : state) as Json | null;
    return typeof s === 'object' && s !== null && Object.entries(synth).every(([k, v]) => subsetSame(v, s[k]));
  }
  return sameValue(synth, state);
}
