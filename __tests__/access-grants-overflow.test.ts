/**
 * overflow "access-grants": direct consumers the bucket policy has no room for go onto S3 Access Grants, in
 * config order and sticky like today's placement, with no access point and no name-pattern delegation; the
 * output verifies. (10,000 consumers are measured, not tested here: docs/access-grants.md.)
 */
import { parseConfig } from '../modules/config';
import { computePlan } from '../modules/plan';
import { verifyStacks } from '../modules/verify';
import { generateConfig } from '../bench/generate';
import { outputOf } from './support/verify';

const raw = (n: number) => generateConfig(n, { allDirect: true, overflow: 'access-grants' });

test('300 direct consumers: the first stay direct, the rest on grants; no access point, no delegation; verified', async () => {
  const config = parseConfig(raw(300));
  const plan = computePlan(config);
  const moved = plan.routes.filter((r) => r.reason === 'overflow');
  expect(moved.length).toBeGreaterThan(0);
  expect(moved.every((r) => r.method === 'access-grant' && r.written === 'direct' && !r.accessPoint)).toBe(true);
  const positions = moved.map((r) => config.consumers.find((c) => c.name === r.consumer)!.index).sort((a, b) => a - b);
  expect(positions[0]).toBe(plan.placement!.slots);
  expect(plan.share.delegation).toBe('exact');
  expect(plan.documents.accessPoints).toEqual([]);
  expect(JSON.stringify(plan.documents.bucketPolicy)).not.toContain('accesspoint');
  expect(plan.documents.accessGrants!.grants.map((g) => g.consumer).sort()).toEqual(
    moved.map((r) => r.consumer).sort(),
  );
  const o = outputOf(config);
  const r = await verifyStacks(config, o.stacks, o.routes);
  expect(r.findings.map((f) => f.message)).toEqual([]);
  expect(r.ok).toBe(true);
});

test('sticky: a consumer added at the end moves none already placed', () => {
  const before = computePlan(parseConfig(raw(300))).routes;
  const after = computePlan(parseConfig(raw(301))).routes;
  const was = new Map(before.map((r) => [r.consumer, r.method]));
  for (const r of after) if (was.has(r.consumer)) expect(r.method).toBe(was.get(r.consumer));
});

test('refused with ACLs enabled while a direct writer may move onto grants, saying what to write', () => {
  const c = raw(4) as { producer: { bucket: Record<string, unknown> } };
  c.producer.bucket.objectOwnership = 'BucketOwnerPreferred';
  expect(() => parseConfig(c)).toThrow(
    /producer\.bucket\.overflow: "access-grants" may move team-0001, a direct writer, onto S3 Access Grants.*write "BucketOwnerEnforced", or "overflow": "access-points"/,
  );
});
