/**
 * Verify's own evaluator (engine/fast.ts) against the IAM simulator, the oracle:
 * on every request verify asks of random configs, and of the same configs with
 * their policies mutated, the fast path either answers exactly as the simulator
 * (decision, result and the Sids named) or hands the request over. It must also
 * answer most requests of a plain config, or it is no fast path.
 */
import fc from 'fast-check';
import { parseConfig } from '../modules/config';
import { deployedOf, Doc } from '../modules/verify/deployed';
import { evaluate, Request } from '../modules/verify/engine';
import { fastEvaluate } from '../modules/verify/engine/fast';
import { intentOf } from '../modules/verify/intent';
import { buildMatrix } from '../modules/verify/matrix';
import { consumerRows, plainHttp, probeRows } from '../modules/verify/rows';
import { validConfig } from './support/arbitraries';
import { load } from './support/synth';
import { outputOf } from './support/verify';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);

type St = Doc['Statement'][number];
/** Edits a reviewer fears or a hand-edit makes, each within or just outside the fast path's model. */
const MUTATIONS: [string, (s: St) => void][] = [
  ['flip effect', (s) => (s.Effect = s.Effect === 'Allow' ? 'Deny' : 'Allow')],
  ['any action', (s) => (s.Action = '*')],
  ['s3 glob', (s) => (s.Action = 's3:Get*')],
  ['not action', (s) => ((s.NotAction = s.Action ?? 's3:GetObject'), delete s.Action)],
  ['whole bucket', (s) => (s.Resource = ['arn:aws:s3:::*', '*'])],
  ['not resource', (s) => ((s.NotResource = s.Resource ?? '*'), delete s.Resource)],
  ['question mark', (s) => (s.Resource = [String([s.Resource].flat()[0] ?? '*').replace(/.$/, '?')])],
  ['no condition', (s) => delete s.Condition],
  ['no sid', (s) => delete s.Sid],
  ['principal star', (s) => s.Principal !== undefined && (s.Principal = '*')],
  [
    'principal account',
    (s) => s.Principal !== undefined && (s.Principal = { AWS: ['111111111111', 'arn:aws:iam::123456789012:root'] }),
  ],
  ['not principal', (s) => s.Principal !== undefined && ((s.NotPrincipal = s.Principal), delete s.Principal)],
  ['service principal', (s) => s.Principal !== undefined && (s.Principal = { Service: 's3.amazonaws.com' })],
  [
    'negate operators',
    (s) => {
      const c = s.Condition as Record<string, unknown> | undefined;
      if (!c) return;
      const swap: Record<string, string> = {
        StringEquals: 'StringNotEquals',
        StringNotEquals: 'StringEquals',
        ArnEquals: 'ArnNotEquals',
        ArnNotEquals: 'ArnEquals',
        ArnLike: 'ArnNotLike',
        ArnNotLike: 'ArnLike',
        StringLike: 'StringNotLike',
        StringNotLike: 'StringLike',
        Bool: 'Null',
        Null: 'Bool',
      };
      s.Condition = Object.fromEntries(Object.entries(c).map(([op, v]) => [swap[op] ?? op, v]));
    },
  ],
  [
    'if exists',
    (s) => {
      const c = s.Condition as Record<string, unknown> | undefined;
      if (c) s.Condition = Object.fromEntries(Object.entries(c).map(([op, v]) => [`${op}IfExists`, v]));
    },
  ],
  ['secure transport', (s) => (s.Condition = { Bool: { 'aws:SecureTransport': ['true'] } })],
  ['absent s3 key', (s) => (s.Condition = { StringNotEquals: { 's3:x-amz-acl': ['private'] } })],
  ['ignore case', (s) => (s.Condition = { StringEqualsIgnoreCase: { 'AWS:principalaccount': ['111111111111'] } })],
  ['arn like', (s) => (s.Condition = { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*'] } })],
  ['numeric', (s) => (s.Condition = { NumericLessThan: { 's3:max-keys': ['10'] } })],
];

/** Every request verify asks of a config's output (after `mutate`), each compared; counts of both paths. */
async function compare(config: ReturnType<typeof parseConfig>, mutate?: (docs: Doc[]) => void) {
  const out = outputOf(config);
  const intent = intentOf(config, out.routes ?? []);
  const deployed = deployedOf(config, out.stacks);
  mutate?.(deployed.documents.map((d) => d.doc));
  const rows = consumerRows(intent, deployed);
  const counts = { fast: 0, oracle: 0, refused: 0 };
  const seen = new Set<Request>();
  await buildMatrix(intent, deployed, [...rows, ...plainHttp(rows), ...probeRows(intent, deployed, 5)], (requests) =>
    Promise.all(
      requests.map(async (r) => {
        let oracle;
        try {
          oracle = await evaluate(r);
        } catch {
          counts.refused++; // the simulator refuses it: verify never asks the fast path (tryFast's documents check)
          return { allowed: false, result: 'ImplicitlyDenied' as const, allowSids: [], denySids: [] };
        }
        const fast = fastEvaluate(r);
        if (!seen.has(r)) {
          seen.add(r);
          counts[fast ? 'fast' : 'oracle']++;
        }
        if (fast)
          expect([r.action, r.resource, r.principal, fast]).toEqual([r.action, r.resource, r.principal, oracle]);
        return oracle;
      }),
    ),
  );
  return counts;
}

test('the fast path answers most requests of the default config, as the simulator does', async () => {
  const counts = await compare(load('cross-account.json'));
  if (process.env.FAST_COUNTS) console.log(counts);
  expect(counts.fast).toBeGreaterThan(4 * counts.oracle);
});

const total = { fast: 0, oracle: 0 };
afterAll(() => {
  if (process.env.FAST_COUNTS) console.log(total);
});

test('random configs: the fast path decides as the simulator or hands over', async () => {
  await fc.assert(
    fc.asyncProperty(validConfig, async (raw) => {
      const counts = await compare(parseConfig(raw));
      total.fast += counts.fast;
      total.oracle += counts.oracle;
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('random configs with mutated policies: the same', async () => {
  await fc.assert(
    fc.asyncProperty(
      validConfig,
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...MUTATIONS)), { minLength: 1, maxLength: 4 }),
      async (raw, edits) => {
        await compare(parseConfig(raw), (docs) => {
          for (const [d, s, [, edit]] of edits) {
            const doc = docs[d % docs.length];
            if (doc.Statement.length) edit(doc.Statement[s % doc.Statement.length]);
          }
        });
      },
    ),
    { numRuns: RUNS * 3, seed: SEED },
  );
});

// Seed 200 runs found it: the simulator reads NullIfExists, which AWS refuses, as Null; the fast path hands it over.
test('an operator AWS does not accept (NullIfExists) is handed to the oracle, not decided', () => {
  const role = 'arn:aws:iam::111111111111:role/reader';
  const allow = (condition?: Record<string, unknown>): Doc => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
  const request = (doc: Doc): Request => ({
    principal: 'arn:aws:sts::111111111111:assumed-role/reader/verify',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::b/k',
    resourceAccount: '111111111111',
    context: { 'aws:PrincipalArn': role, 'aws:PrincipalAccount': '111111111111' },
    identity: [doc],
    // The bucket's policy, of the same account, grants something else: the identity policy decides.
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Put', Effect: 'Allow', Principal: { AWS: role }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    },
  });
  expect(fastEvaluate(request(allow({ Null: { 's3:x-amz-acl': 'true' } })))?.allowed).toBe(true);
  expect(fastEvaluate(request(allow({ NullIfExists: { 's3:x-amz-acl': 'true' } })))).toBeUndefined();
});
