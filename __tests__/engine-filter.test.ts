/**
 * The engine hands the simulator only the statements of a resource policy that
 * can name the caller (engine/evaluate.ts): held equal to the decisions on the
 * whole policy, on random statements (principals of the caller's account, of
 * others, services, "*"; role pins by ArnEquals / StringEquals / ArnLike / IfExists
 * and in another case; Allow and Deny) and random callers.
 */
import * as fc from 'fast-check';
import type { Doc } from '../modules/verify/deployed';
import { evaluate, Request } from '../modules/verify/engine/evaluate';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 12) * 4;
const BUCKET = 'arn:aws:s3:::filter-bucket';
const ROLES = [
  'arn:aws:iam::111111111111:role/Reader',
  'arn:aws:iam::111111111111:role/Other',
  'arn:aws:iam::333333333333:role/Reader',
];

const principal = fc.oneof(
  fc.constant<unknown>('*'),
  fc.constant<unknown>({ AWS: '*' }),
  fc.constantFrom(...ROLES, '111111111111', '333333333333', 'arn:aws:iam::111111111111:root').map((a) => ({ AWS: a })),
  fc.subarray([...ROLES, '111111111111', '444444444444'], { minLength: 1 }).map((a) => ({ AWS: a })),
  fc.constant<unknown>({ Service: 'logging.s3.amazonaws.com' }),
  fc.constant<unknown>({ AWS: 'arn:aws:iam::111111111111:role/*' }),
);
const condition = fc.oneof(
  fc.constant<unknown>(undefined),
  fc
    .tuple(
      fc.constantFrom(
        'ArnEquals',
        'StringEquals',
        'ArnLike',
        'StringLike',
        'ArnEqualsIfExists',
        'arnEquals',
        'StringNotEquals',
      ),
      fc.oneof(
        fc.constantFrom(...ROLES),
        fc.subarray(ROLES, { minLength: 1 }),
        fc.constant('arn:aws:iam::111111111111:role/R*'),
      ),
      fc.constantFrom('aws:PrincipalArn', 'aws:principalarn'),
    )
    .map(([op, v, key]) => ({ [op]: { [key]: v } })),
);
const statement = fc.record({
  Sid: fc.constantFrom('A', 'B', 'C', 'D'),
  Effect: fc.constantFrom('Allow', 'Deny'),
  Principal: principal,
  Action: fc.constantFrom('s3:GetObject', 's3:*', '*'),
  Resource: fc.constantFrom(`${BUCKET}/*`, `${BUCKET}/data/*`, '*'),
  Condition: condition,
});

test('filtered and whole resource policies give the same decisions', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(statement, { minLength: 1, maxLength: 6 }),
      fc.constantFrom(...ROLES),
      async (raw, role) => {
        const doc = {
          Version: '2012-10-17',
          Statement: raw.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))),
        } as unknown as Doc;
        const account = role.split(':')[4];
        const req: Request = {
          principal: `arn:aws:sts::${account}:assumed-role/${role.split('/').pop()}/verify`,
          action: 's3:GetObject',
          resource: `${BUCKET}/data/file.txt`,
          resourceAccount: '222222222222',
          context: { 'aws:PrincipalArn': role, 'aws:PrincipalAccount': account, 'aws:SecureTransport': 'true' },
          identity: [
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
            } as unknown as Doc,
          ],
          resourcePolicy: doc,
        };
        const [filtered, whole] = [await evaluate(req), await evaluate(req, { unfiltered: true })];
        expect({ allowed: filtered.allowed, result: filtered.result }).toEqual({
          allowed: whole.allowed,
          result: whole.result,
        });
      },
    ),
    { numRuns: RUNS },
  );
}, 120_000);
