/**
 * Names as AWS and Terraform need them, with rules written here from the
 * service documentation (not from modules/naming): every name a valid config
 * derives is valid, and stacks, state and resource addresses stay put as the
 * list of consumers changes.
 */
import fc from 'fast-check';
import { parseConfig } from '../modules/config';
import { synth, TfJson } from './support/synth';
import { validConfig } from './support/arbitraries';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

// S3 "Bucket naming rules".
const validBucket = (n: string) =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(n) &&
  !n.includes('..') &&
  !/^\d+\.\d+\.\d+\.\d+$/.test(n) &&
  !/^(xn--|sthree-|amzn-s3-demo-)/.test(n) &&
  !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(n);
// S3 "Access points naming rules".
const validAccessPoint = (n: string) =>
  /^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/.test(n) &&
  !n.startsWith('xn--') &&
  !n.endsWith('-s3alias') &&
  !n.endsWith('--ol-s3');
// CloudTrail "Naming requirements".
const validTrail = (n: string) =>
  n.length >= 3 &&
  n.length <= 128 &&
  /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/.test(n) &&
  !/[._-]{2}/.test(n) &&
  !/^\d+\.\d+\.\d+\.\d+$/.test(n);
// KMS CreateAlias.
const validAlias = (n: string) => /^alias\/[A-Za-z0-9/_-]{1,250}$/.test(n) && !n.startsWith('alias/aws/');
// IAM quotas: role names.
const validRole = (n: string) => /^[\w+=,.@-]{1,64}$/.test(n);

const bucketName = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]$/),
    fc.array(fc.constantFrom('a', 'b', '0', '9', '-', '.', 'z'), { minLength: 1, maxLength: 61 }),
    fc.stringMatching(/^[a-z0-9]$/),
  )
  .map(([a, mid, z]) => `${a}${mid.join('')}${z}`)
  .filter(validBucket);
const consumerName = fc
  .array(fc.constantFrom('a', 'q', '7', '-', 's', '3', 'l', 'i'), { minLength: 1, maxLength: 54 })
  .map((xs) => xs.join(''));

/** A valid config with random bucket and consumer names, a trail, a created key and access points. */
const named = fc
  .tuple(validConfig, bucketName, fc.array(consumerName, { minLength: 8, maxLength: 8 }))
  .map(([raw, bucket, names]) => {
    const c = JSON.parse(JSON.stringify(raw)) as Raw;
    c.producer.bucket.name = bucket;
    c.producer.bucket.existing = false;
    c.producer.bucket.encryption = { type: 'kms' };
    c.producer.audit = { cloudTrail: {} };
    const taken = new Set<string>();
    c.consumers.forEach((k: Raw, i: number) => {
      let n = names[i];
      while (taken.has(n)) n = `${n}x`.slice(-54);
      taken.add(n);
      k.name = n.length > 54 ? n.slice(0, 54) : n;
      if (k.method === 'assume-role') delete k.producerRoleName;
    });
    return c;
  });

const all = (stacks: Record<string, { json: TfJson }>, type: string) =>
  Object.values(stacks).flatMap((s) => Object.values(s.json.resource?.[type] ?? {}));

test('every name a valid config derives is valid by the rules of its service', () => {
  fc.assert(
    fc.property(named, (raw) => {
      let config;
      try {
        config = parseConfig(raw);
      } catch (e) {
        // Consumer names are random: a name the schema refuses is fine, an invalid derived name is not.
        if (/consumers\[\d+\]\.name/.test(String(e))) return;
        throw e;
      }
      const { stacks } = synth(config);
      const aps = all(stacks, 'aws_s3_access_point').map((r) => `${r.account_id ?? 'producer'}/${r.name}`);
      for (const ap of aps) expect([ap, validAccessPoint(ap.split('/')[1])]).toEqual([ap, true]);
      expect(new Set(aps).size).toBe(aps.length);
      for (const t of all(stacks, 'aws_cloudtrail'))
        expect([t.name, validTrail(String(t.name))]).toEqual([t.name, true]);
      for (const a of all(stacks, 'aws_kms_alias'))
        expect([a.name, validAlias(String(a.name))]).toEqual([a.name, true]);
      for (const r of all(stacks, 'aws_iam_role')) expect([r.name, validRole(String(r.name))]).toEqual([r.name, true]);
      for (const b of all(stacks, 'aws_s3_bucket'))
        expect([b.bucket, validBucket(String(b.bucket))]).toEqual([b.bucket, true]);
    }),
    { numRuns: RUNS * 2, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
  );
});

test('names that once broke the rules: "-s3alias" access points, "--" trails, "--" consumers', () => {
  // Consumer names that would meet as one Terraform name are refused.
  expect(() =>
    parseConfig({
      region: 'us-east-1',
      stacks: 'per-account',
      producer: { accountId: '222222222222', bucket: { name: 'b-bucket' } },
      consumers: ['a--b', 'a-b'].map((name) => ({
        name,
        accountId: '111111111111',
        role: { name: `R${name.length}`, existing: true },
        access: 'read',
      })),
    }),
  ).toThrow(/consumers\[1\]\.name: "a-b" and "a--b" \(consumers\[0\]\) name the same Terraform resources \(a_b\)/);
  const consumer = (name: string) => ({
    name,
    accountId: '111111111111',
    role: { name: `R${name.replace(/-/g, '')}`, existing: true },
    access: 'read',
    method: 'access-point',
  });
  const { stacks } = synth(
    parseConfig({
      region: 'us-east-1',
      stacks: 'per-account',
      producer: { accountId: '222222222222', bucket: { name: 'data--lake' }, audit: { cloudTrail: {} } },
      consumers: ['s3alias', 'a--b', 'ab'].map(consumer),
    }),
  );
  const aps = all(stacks, 'aws_s3_access_point').map((r) => String(r.name));
  expect(aps.every(validAccessPoint)).toBe(true);
  expect(new Set(aps).size).toBe(3);
  expect(all(stacks, 'aws_cloudtrail').map((t) => t.name)).toEqual(['data-lake-s3-data-events']);
});

/** Stack -> its name, backend, and the addresses of its resources. */
function layout(raw: Raw) {
  const { stacks } = synth(parseConfig(raw));
  const out = new Map<string, { backend: unknown; resources: Set<string> }>();
  for (const [name, s] of Object.entries(stacks)) {
    const t = s.json.terraform as Raw;
    const resources = new Set(
      Object.entries(s.json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)),
    );
    out.set(name, { backend: t.backend ?? t.cloud, resources });
  }
  return out;
}

const change = fc.constantFrom('add-anywhere', 'remove-not-last-of-account', 'reorder');

test('adding, removing (not the last of its account) or reordering consumers moves no stack, state or resource', () => {
  fc.assert(
    fc.property(validConfig, change, fc.nat(), (raw0, kind, n) => {
      const raw = JSON.parse(JSON.stringify(raw0)) as Raw;
      raw.stacks = 'per-account';
      raw.backend = { type: 'cloud', organization: 'acme', workspacePrefix: 'share-' };
      const next = JSON.parse(JSON.stringify(raw)) as Raw;
      const cs = next.consumers as Raw[];
      if (kind === 'add-anywhere') {
        // With ObjectWriter a reader beside writers of other accounts is refused by the rules (legacy ACLs): no
        // config to compare with (found by PROPERTY_RUNS=200).
        if ((raw.producer as { bucket: { objectOwnership: string } }).bucket.objectOwnership === 'ObjectWriter') return;
        const account = cs[n % cs.length].accountId;
        cs.splice(n % (cs.length + 1), 0, {
          name: 'zz-added',
          accountId: account,
          role: { name: 'AddedRole', existing: true },
          access: 'read',
        });
      } else if (kind === 'reorder') {
        cs.reverse();
      } else {
        const i = cs.findIndex(
          (c, j) =>
            cs.some((d, k) => k !== j && d.accountId === c.accountId) &&
            !cs.some((d) => d.role?.name === c.role.name && d !== c),
        );
        if (i < 0) return;
        cs.splice(i, 1);
      }
      const [before, after] = [layout(raw), layout(next)];
      for (const [name, b] of before) {
        const a = after.get(name);
        if (!a) throw new Error(`stack ${name} disappeared after ${kind}`);
        expect(a.backend).toEqual(b.backend);
      }
      // Every resource in both outputs lives in the same stack under the same address.
      const where = (l: ReturnType<typeof layout>) =>
        new Map([...l].flatMap(([s, x]) => [...x.resources].map((r) => [r, s] as const)));
      const [wb, wa] = [where(before), where(after)];
      for (const [r, s] of wb) if (wa.has(r)) expect([r, wa.get(r)]).toEqual([r, s]);
    }),
    { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
  );
});
