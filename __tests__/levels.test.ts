/**
 * The one table of access levels (modules/config/levels.ts): the config's enum,
 * the config type and the library's type are derived from it (type tests, held
 * by `tsc --noEmit`), and the generator and verify both follow what it says each
 * level reads and writes — each with its own action list, held here to agree.
 */
import type { z } from 'zod';
import {
  ACCESS_LEVEL_NAMES,
  ACCESS_LEVELS,
  AccessLevel,
  ConfigError,
  EVERY_LEVEL,
  holds,
  parseConfig,
  reads,
  writes,
} from '../modules/config';
import type { configSchema } from '../modules/config/schema';
import type { AccessLevel as LibraryLevel, BucketShareProps } from '../modules/library';
import { actionsOf } from '../modules/policy';
import { s3ActionsOf } from '../modules/verify/intent';
import { readJson } from './support/synth';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Input = z.input<typeof configSchema>;
// The library's and the config's levels are the table's names, and the schema's enum is the table.
const sameLevels: [
  Equal<LibraryLevel, AccessLevel>,
  Equal<AccessLevel, keyof typeof ACCESS_LEVELS>,
  Equal<Input['consumers'][number]['access'], AccessLevel>,
] = [true, true, true];
// What a library app writes is what a config file may hold (the props never drift from the schema).
const propsFitSchema: [
  Equal<BucketShareProps['producer']['accountId'], Input['producer']['accountId']>,
  BucketShareProps['producer']['bucket'] extends Input['producer']['bucket'] ? true : false,
  NonNullable<BucketShareProps['accounts']>[string] extends NonNullable<Input['accounts']>[string] ? true : false,
] = [true, true, true];

const config = (access: string) => {
  const c = readJson('cross-account.json');
  c.consumers[0].access = access;
  return c;
};

test('the type tests above compiled (tsc --noEmit holds them)', () => {
  expect([...sameLevels, ...propsFitSchema]).toEqual([true, true, true, true, true, true]);
});

describe.each(ACCESS_LEVEL_NAMES)('level %s', (level) => {
  const o = { versioning: true, legacyAcl: false };
  test('the config accepts it', () => {
    expect(parseConfig(config(level)).consumers.find((c) => c.name === 'analytics')?.access).toBe(level);
  });

  test('the generator grants reads and writes exactly as the table says', () => {
    const object = actionsOf(level, 'object', o);
    expect(object.includes('s3:GetObject')).toBe(ACCESS_LEVELS[level].reads);
    expect(object.includes('s3:PutObject')).toBe(ACCESS_LEVELS[level].writes);
    expect(actionsOf(level, 'bucket', o).includes('s3:ListBucket')).toBe(reads(level));
  });

  test("verify's own action list agrees with the generator's", () => {
    const v = s3ActionsOf(level, o);
    expect([...v.object].sort()).toEqual(actionsOf(level, 'object', o));
    expect([...v.listing, ...v.bucket].sort()).toEqual(actionsOf(level, 'bucket', o));
  });

  test(`${EVERY_LEVEL} holds it: every action it grants`, () => {
    expect(holds(EVERY_LEVEL, level)).toBe(true);
    for (const on of ['object', 'bucket'] as const)
      expect(actionsOf(EVERY_LEVEL, on, o)).toEqual(expect.arrayContaining(actionsOf(level, on, o)));
  });
});

test('every level reads or writes; no two levels are the same', () => {
  for (const l of ACCESS_LEVEL_NAMES) expect(reads(l) || writes(l)).toBe(true);
  const pairs = ACCESS_LEVEL_NAMES.map((l) => `${reads(l)}/${writes(l)}`);
  expect(new Set(pairs).size).toBe(pairs.length);
});

test('a level outside the table is refused, naming the ones there are', () => {
  expect(() => parseConfig(config('readwrite'))).toThrow(ConfigError);
  try {
    parseConfig(config('readwrite'));
  } catch (e) {
    const text = (e as ConfigError).message;
    expect(text).toContain('consumers[0].access');
    expect(text).toContain('"read-write"');
  }
});
