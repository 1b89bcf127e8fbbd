/**
 * Statement merging groups statements two ways: by a text key without one dimension (many statements: linear), or
 * by comparing pairs part by part (the few most documents hold: no text made). Both must find the same groups in
 * the same order, for any statements: random ones from a small alphabet, so that most share parts. Merging then
 * unites each group the same way, whichever found it. (Seen failing when the pairs compared principals by kind
 * only in every dimension.)
 */
import fc from 'fast-check';
import { Dimension, groupsByKey, groupsByPairs } from '../modules/policy/merge';
import { Principal, Statement, statement } from '../modules/policy/statement';

const some = <T>(xs: T[]) => fc.uniqueArray(fc.constantFrom(...xs), { minLength: 1, maxLength: 3 });
const principal: fc.Arbitrary<Principal | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: 'any' as const }),
  some(['arn:aws:iam::1:root', 'arn:aws:iam::2:root']).map((accounts) => ({ kind: 'accounts' as const, accounts })),
  fc
    .record({ accounts: some(['arn:aws:iam::1:root', 'arn:aws:iam::2:root']), arns: some(['r1', 'r2', 'r3']) })
    .map((p) => ({ kind: 'pinned' as const, ...p })),
  some(['ec2.amazonaws.com', 'glue.amazonaws.com']).map((services) => ({ kind: 'services' as const, services })),
);
const conditions = fc.constantFrom<Statement['conditions']>(
  {},
  { StringLike: { 's3:prefix': ['a/*'] } },
  { StringLike: { 's3:prefix': ['a/*', 'b/*'] } },
  { StringEquals: { 'aws:PrincipalOrgID': ['o-1'] }, StringLike: { 's3:prefix': ['a/*'] } },
);
const oneStatement: fc.Arbitrary<Statement> = fc
  .record({
    fixed: fc.boolean(),
    effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
    principal,
    actions: some(['s3:GetObject', 's3:PutObject', 's3:ListBucket']),
    resources: some(['arn:aws:s3:::b', 'arn:aws:s3:::b/a/*', 'arn:aws:s3:::b/b/*']),
    conditions,
    owner: fc.constantFrom('A', 'B'),
  })
  .map((r) =>
    statement({
      sid: r.fixed ? { fixed: `Fixed${r.owner}` } : { owners: [r.owner], parts: ['Read'] },
      effect: r.effect,
      ...(r.principal ? { principal: r.principal } : {}),
      actions: r.actions,
      resources: r.resources,
      conditions: r.conditions,
    }),
  );

test.each<Dimension>(['actions', 'resources', 'principals'])(
  'without %s: pairs compared give the groups keys give, in the same order',
  (dim) => {
    fc.assert(
      fc.property(fc.array(oneStatement, { maxLength: 14 }), (statements) => {
        const index = (groups: Statement[][]) => groups.map((g) => g.map((s) => statements.indexOf(s)));
        expect(index(groupsByPairs(statements, dim))).toEqual(index(groupsByKey(statements, dim)));
      }),
      { numRuns: 500 },
    );
  },
);
