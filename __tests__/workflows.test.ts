/**
 * The generator's levels and verify's intent are written apart on purpose; this
 * holds them together: the same workflows, needing the same levels, and the
 * same actions per level, under every bucket setting.
 */
import { actionsOf, WORKFLOWS as GENERATED } from '../modules/policy';
import { kmsActionsOf, s3ActionsOf } from '../modules/verify/intent';
import { WORKFLOWS as VERIFIED } from '../modules/verify/workflows';

const LEVELS = ['read', 'write', 'read-write'] as const;

describe('the workflow table and the intent table agree', () => {
  test('every workflow a level supports is one verify asks, needing the same levels', () => {
    for (const w of GENERATED) {
      const v = VERIFIED.find((x) => x.id === w.id);
      expect([w.id, v?.needs]).toEqual([w.id, w.needs]);
      expect([w.id, v?.only]).toEqual([w.id, w.only]);
    }
  });

  test.each(
    LEVELS.flatMap((level) =>
      [true, false].flatMap((versioning) => [true, false].map((legacyAcl) => ({ level, versioning, legacyAcl }))),
    ),
  )('the actions of %o', ({ level, versioning, legacyAcl }) => {
    const o = { versioning, legacyAcl };
    const intent = s3ActionsOf(level, o);
    expect(actionsOf(level, 'object', o)).toEqual([...intent.object].sort());
    expect(actionsOf(level, 'bucket', o)).toEqual([...intent.listing, ...intent.bucket].sort());
    expect(actionsOf(level, 'key', o)).toEqual([...kmsActionsOf(level)].sort());
  });

  test('verify asks each API call with the action the generator grants for it', () => {
    for (const w of GENERATED) {
      const v = VERIFIED.find((x) => x.id === w.id)!;
      const granted = w.calls.flatMap((c) => c.actions).sort();
      const asked = v.steps.flatMap((s) => ('s3' in s ? [s.s3.action] : [s.kms.action])).sort();
      expect([w.id, [...new Set(asked)]]).toEqual([w.id, [...new Set(granted)]]);
    }
  });
});
