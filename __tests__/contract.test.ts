/**
 * modules/contract, the seam between the generator and its readers: what synth
 * writes parses with the schema verify, diff and synth read it with, for every
 * example; every output synth writes is named by the one builder, with the
 * JSON app's prefix ("") and a library app's; the contract's types are the
 * config's and the plan's (type tests, held by `tsc --noEmit`).
 */
import { ConsumerSide } from '../modules/consumer';
import { METHODS, outputNames, PlanFile, planFileSchema, Route } from '../modules/contract';
import type { Method } from '../modules/config';
import { planJson, Route as PlanRoute } from '../modules/plan';
import { BucketShare, ProducerSide } from '../modules/library';
import { EXAMPLES, load, synth } from './support/synth';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameTypes: [Equal<Method, (typeof METHODS)[number]>, Equal<PlanRoute, Route>] = [true, true];

/** Every output name the builder gives for a config's consumers. */
function namesFor(prefix: string, consumers: string[]): Set<string> {
  const o = outputNames(prefix);
  return new Set([
    o.bucketName,
    o.bucketArn,
    o.kmsKeyArn,
    o.keyPolicyStatements,
    o.alertTopicArn,
    o.accessGrantsInstanceArn,
    o.accessGrantsPolicyStatements,
    ...consumers.flatMap((c) => [
      o.getDataAccess(c),
      o.identityPolicy(c),
      o.cliProfile(c),
      o.producerRoleArn(c),
      o.consumerRoleArn(c),
      o.accessPointArn(c),
      o.accessPointAlias(c),
    ]),
  ]);
}

test('the contract types are the config and plan types', () => {
  expect(sameTypes).toEqual([true, true]);
});

describe.each(EXAMPLES)('%s', (file) => {
  const config = load(file);
  const s = synth(config);

  test("plan.json as synth writes it parses with the readers' schema, unchanged", () => {
    const written: PlanFile = JSON.parse(JSON.stringify(planJson(s.plan, file)));
    const parsed = planFileSchema.safeParse(written);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data).toEqual(written);
  });

  test('every output synth writes is named by the contract', () => {
    const names = namesFor(
      '',
      config.consumers.map((c) => c.name),
    );
    const written = Object.values(s.stacks).flatMap(({ json }) => Object.keys(json.output ?? {}));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((n) => !names.has(n))).toEqual([]);
  });
});

test("a library app's outputs are the contract's names under its constructs' prefixes", () => {
  const app = Testing.app() as App;
  const stack = new TerraformStack(app, 'one');
  const provider = (id: string, account: string) =>
    new AwsProvider(stack, id, { region: 'us-east-1', alias: id, allowedAccountIds: [account] });
  const share = new BucketShare({
    region: 'us-east-1',
    producer: { accountId: '222222222222', bucket: { name: 'contract-bucket', encryption: { type: 'kms' } } },
  });
  share.grantRead({ accountId: '111111111111', role: { name: 'Reader' } }, { name: 'reader' });
  share.grantWrite(
    { accountId: '111111111111', role: { name: 'Writer' } },
    { method: 'assume-role', externalId: 'contract-external-id-0001', name: 'writer' },
  );
  new ProducerSide(stack, 'lake', { share, provider: provider('producer', '222222222222') });
  new ConsumerSide(stack, 'team', {
    share,
    accountId: '111111111111',
    provider: provider('analytics', '111111111111'),
  });
  const json = JSON.parse(Testing.synth(stack)) as { output: Record<string, unknown> };
  const names = new Set([...namesFor('lake', ['reader', 'writer']), ...namesFor('team', ['reader', 'writer'])]);
  const written = Object.keys(json.output);
  expect(written).toEqual(
    expect.arrayContaining([outputNames('lake').bucketArn, outputNames('team').cliProfile('writer')]),
  );
  expect(written.filter((n) => !names.has(n))).toEqual([]);
});

test('a plan.json another tool wrote, or one with a field removed or added, is refused by the schema', () => {
  const s = synth(load('cross-account.json'));
  const good = JSON.parse(JSON.stringify(planJson(s.plan, 'cross-account.json')));
  expect(planFileSchema.safeParse({ ...good, tool: 'other' }).success).toBe(false);
  const { routes: _routes, ...noRoutes } = good;
  expect(planFileSchema.safeParse(noRoutes).success).toBe(false);
  expect(planFileSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
  expect(planFileSchema.safeParse({ ...good, routes: [{ ...good.routes[0], method: 'public' }] }).success).toBe(false);
});
