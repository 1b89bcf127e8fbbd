/**
 * modules/emit's text (sortedKeys, then layoutText) against cdktf's own serializer
 * (json-stable-stringify, two spaces), on any JSON tree emit could build: plain
 * objects, arrays, strings, numbers, booleans, null, undefined members.
 */
import * as fc from 'fast-check';
import * as path from 'path';
import { layoutText, sortedKeys } from '../modules/emit';
import type { Json } from '../modules/emit';

// cdktf's copy, as its synthesizer loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStringify: (v: unknown, o: { space: number }) => string | undefined = require(
  require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] }),
);
const cdktf = (v: unknown) => cdktfStringify(v, { space: 2 }) ?? '';
const ours = (v: unknown, compact = false) => layoutText(sortedKeys(v as Json), compact);

// Keys that look like array indexes are refused (below): every other string, including what sorts near them.
const key = fc
  .oneof(
    fc.string(),
    fc.constantFrom('0a', '-1', '01', '1.5', '__proto__x', 'a', 'B', 'é', '\u{1F600}', '', '{}', '[]'),
  )
  .filter((k) => !/^(?:0|[1-9]\d*)$/.test(k));
const leaf = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('{}', '[]', 'a {}', '": {}', '{}\n', '[],', '\\"x\\": []'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
})).node;

test('any JSON tree emit could build: the same text as cdktf writes (sorted keys, empty containers, undefined, unicode)', () => {
  fc.assert(
    fc.property(tree, (v) => {
      expect(ours(structuredClone(v))).toBe(cdktf(v));
    }),
    { numRuns: 2000 },
  );
});

test.each([
  ['empty object, nested', { a: {}, b: [], c: { d: {} } }],
  ['an object of undefined members only is empty', { a: { b: undefined }, c: [{}] }],
  ['undefined in an object is left out, in an array written null', { a: undefined, b: [undefined, 1] }],
  ['empty containers inside strings are left as they are', { a: '{}', b: '[]\n', c: ['{}', '[],', 'x": {}'], d: [] }],
  ['a whole document that is empty', {}],
  ['keys that sort before and after digits', { '-a': 1, '1x': 2, a: 3, A: 4, _: 5 }],
])('%s', (_name, v) => {
  expect(ours(structuredClone(v))).toBe(cdktf(v));
});

test('a key that looks like an array index is refused: JSON.stringify would write it first', () => {
  expect(() => ours({ '10': 1, '9': 2, a: 3 })).toThrow(
    /^emit: the key "(9|10)" would not be written in sorted order$/,
  );
});

test("CDK Terrain's layout of empty containers: {} and [] on one line, everything else the same", () => {
  const value = { b: {}, a: [], c: { d: [1], e: { f: undefined } } };
  expect(ours(structuredClone(value))).toBe(
    '{\n  "a": [\n  ],\n  "b": {\n  },\n  "c": {\n    "d": [\n      1\n    ],\n    "e": {\n    }\n  }\n}',
  );
  expect(ours(structuredClone(value), true)).toBe(
    '{\n  "a": [],\n  "b": {},\n  "c": {\n    "d": [\n      1\n    ],\n    "e": {}\n  }\n}',
  );
});
