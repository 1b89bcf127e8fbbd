/**
 * A consumer's identity policy and its access point's policy are computed together from statements merged once
 * (modules/policy/documents/consumer.ts); each must equal what accessPointPolicy and consumerPolicies give when
 * made apart, for every consumer of random configs of every feature (organization guard, packs, VPC access points,
 * KMS or not, access points of consumer accounts, overflow moving direct consumers onto access points).
 */
import fc from 'fast-check';
import { parseConfig } from '../modules/config';
import { computePlan } from '../modules/plan';
import { accessPointPolicy, consumerDocuments, consumerPolicies } from '../modules/policy';
import { anyFeatureConfig, validConfig } from './support/arbitraries';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 12) * 4;

test.each([
  ['valid configs', validConfig],
  ['configs of every feature', anyFeatureConfig],
])('%s: the documents made together are the documents made apart', (_name, arbitrary) => {
  let accessPoints = 0;
  fc.assert(
    fc.property(arbitrary, (raw) => {
      const { share } = computePlan(parseConfig(raw));
      for (const c of share.consumers) {
        const together = consumerDocuments(share, c);
        const apart = {
          policies: consumerPolicies(share, c),
          ...(c.accessPoint ? { accessPoint: accessPointPolicy(share, c) } : {}),
        };
        expect(JSON.stringify(together)).toBe(JSON.stringify(apart));
        if (c.accessPoint) accessPoints++;
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261207) },
  );
  // The property is about access points: the configs must have had some.
  expect(accessPoints).toBeGreaterThan(RUNS / 2);
});
