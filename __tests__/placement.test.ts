/**
 * Overflow is sticky (modules/plan/placement.ts): a consumer's route depends on its own entry and its position in
 * the consumers list, never on another consumer's grants. At 200 consumers (the bucket policy long full), any
 * change to one consumer's entry — its level, prefixes, role, method — moves no other consumer's route.
 */
import fc from 'fast-check';
import { generateConfig } from '../bench/generate';
import { ConfigError, parseConfig } from '../modules/config';
import { computePlan, DEFAULT_SLOT_BYTES, Plan } from '../modules/plan';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const N = 200;
const raw200 = (): Raw =>
  generateConfig(N, { overflow: 'access-points', encryption: { type: 'kms', keyGrants: 'accounts' } });
const routesOf = (plan: Plan) => new Map(plan.routes.map((r) => [r.consumer, `${r.method} ${r.accessPoint ?? ''}`]));
const base = computePlan(parseConfig(raw200()));

const entry = fc.record({
  access: fc.constantFrom('read', 'write', 'read-write'),
  prefixes: fc.array(fc.stringMatching(/^[a-z0-9]{1,24}(\/[a-z0-9]{1,24}){0,3}\/$/), { maxLength: 12 }),
  method: fc.constantFrom('direct', 'direct', 'assume-role', 'access-point'),
  role: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,40}$/),
});

test(`changing one consumer's entry never moves another consumer's route (${N} consumers)`, () => {
  expect(base.routes.filter((r) => r.reason === 'overflow').length).toBeGreaterThan(50);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: N - 1 }), entry, (i, e) => {
      const raw = raw200();
      const c = raw.consumers[i];
      Object.assign(c, {
        access: e.access,
        prefixes: e.prefixes,
        method: e.method,
        role: { name: e.role, existing: true },
      });
      delete c.externalId;
      if (e.method === 'assume-role') c.externalId = `ext-${c.name}-0123456789abcdef`;
      let plan: Plan;
      try {
        plan = computePlan(parseConfig(raw));
      } catch (err) {
        if (err instanceof ConfigError) return; // e.g. two consumers now on one role with another level
        throw err;
      }
      const before = routesOf(base);
      for (const [name, route] of routesOf(plan))
        if (name !== c.name) expect([name, route]).toEqual([name, before.get(name)]);
    }),
    { numRuns: RUNS, seed: 27 },
  );
});

test('the rule, as measured: direct when in a slot and its grants fit one; past the slots or too large, moved', () => {
  const p = base.placement!;
  expect(p.slotBytes).toBe(DEFAULT_SLOT_BYTES);
  expect(p.slots).toBeGreaterThan(5);
  const config = base.config;
  for (const r of p.reasons) {
    const c = config.consumers.find((x) => x.name === r.name)!;
    expect(r.why === 'position' ? c.index >= p.slots : r.bytes > p.slotBytes).toBe(true);
  }
  for (const r of base.routes.filter((x) => x.method === 'direct'))
    expect(config.consumers.find((c) => c.name === r.consumer)!.index).toBeLessThan(p.slots);
  expect(base.sizes.find((s) => s.kind === 'bucket')!.size).toBeLessThanOrEqual(20480);
});

test('a larger slot (producer.bucket.overflowSlotBytes) keeps larger grants direct, in fewer slots', () => {
  const raw = raw200();
  raw.producer.bucket.overflowSlotBytes = 2048;
  const p = computePlan(parseConfig(raw)).placement!;
  expect(p.slots).toBeLessThan(base.placement!.slots);
  expect(p.reasons.filter((r) => r.why === 'size')).toEqual([]);
});

test('overflowSlotBytes without overflow "access-points" is refused, saying what to write', () => {
  const raw = raw200();
  delete raw.producer.bucket.overflow;
  raw.producer.bucket.overflowSlotBytes = 2048;
  expect(() => parseConfig(raw)).toThrow(
    /producer\.bucket\.overflowSlotBytes: only applies with "overflow": "access-points" or "access-grants".*set one, or remove overflowSlotBytes/,
  );
});
