/** The stack JSON writer against cdktf's own serializer (json-stable-stringify, two spaces). */
import * as fc from 'fast-check';
import * as path from 'path';
import { sortedJson } from '../modules/stacks/render/sorted-json';

// cdktf's copy, as its synthesizer loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStringify: (v: unknown, o: { space: number }) => string | undefined = require(
  require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] }),
);
const cdktfBytes = (v: unknown) => Buffer.from(cdktfStringify(v, { space: 2 }) ?? '');

const key = fc.oneof(fc.string(), fc.constantFrom('0', '10', '9', '__proto__x', 'a', 'B', 'é', '\u{1F600}', ''));
const leaf = fc.oneof(
  fc.string({ unit: 'binary' }),
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

test('any JSON-like tree: the same bytes as cdktf writes (sorted keys, empty containers, undefined, unicode)', () => {
  fc.assert(
    fc.property(tree, (v) => {
      expect(sortedJson(v).equals(cdktfBytes(v))).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test.each([
  ['empty object, nested', { a: {}, b: [], c: { d: {} } }],
  ['undefined in an object is left out, in an array written null', { a: undefined, b: [undefined, 1] }],
  ['integer-like keys sort as strings', { '10': 1, '9': 2, a: 3 }],
  ['toJSON is honoured', { d: new Date(0), n: { toJSON: () => 'x' } }],
  ['a buffer that must grow', { big: 'x'.repeat(200_000), many: Array.from({ length: 5000 }, (_, i) => ({ i })) }],
])('%s', (_name, v) => {
  expect(sortedJson(v).toString('utf8')).toBe(cdktfStringify(v, { space: 2 }));
});

test('a cycle is refused, as JSON.stringify refuses it', () => {
  const a: Record<string, unknown> = { x: 1 };
  a.self = { back: a };
  expect(() => sortedJson(a)).toThrow('circular');
});

test('written to a file a chunk at a time: the same bytes, also across chunks and multi-byte characters', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeSortedJson } = require('../modules/stacks/render/sorted-json');
  const fs = jest.requireActual('fs') as typeof import('fs');
  const os = jest.requireActual('os') as typeof import('os');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sorted-json-')), 'cdk.tf.json');
  const v = {
    a: 'é'.repeat(700_000),
    b: Array.from({ length: 30_000 }, (_, i) => ({ ['k\u{1F600}' + i]: 'ü'.repeat(i % 50) })),
  };
  writeSortedJson(file, v);
  expect(fs.readFileSync(file).equals(cdktfBytes(v))).toBe(true);
});

test("CDK Terrain's layout of empty containers: {} and [] on one line, everything else the same", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeSortedJson } = require('../modules/stacks/render/sorted-json');
  const fs = jest.requireActual('fs') as typeof import('fs');
  const os = jest.requireActual('os') as typeof import('os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sorted-compact-'));
  const value = { b: {}, a: [], c: { d: [1], e: { f: undefined } } };
  writeSortedJson(path.join(dir, 'cdktf.json'), value);
  writeSortedJson(path.join(dir, 'cdktn.json'), value, true);
  expect(fs.readFileSync(path.join(dir, 'cdktf.json'), 'utf8')).toBe(
    '{\n  "a": [\n  ],\n  "b": {\n  },\n  "c": {\n    "d": [\n      1\n    ],\n    "e": {\n    }\n  }\n}',
  );
  expect(fs.readFileSync(path.join(dir, 'cdktn.json'), 'utf8')).toBe(
    '{\n  "a": [],\n  "b": {},\n  "c": {\n    "d": [\n      1\n    ],\n    "e": {}\n  }\n}',
  );
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'cdktn.json'), 'utf8'))).toEqual({
    a: [],
    b: {},
    c: { d: [1], e: {} },
  });
  fs.rmSync(dir, { recursive: true, force: true });
});
