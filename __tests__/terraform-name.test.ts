/** tfName in one pass against its definition as regular expressions, on any text. */
import fc from 'fast-check';
import { tfName } from '../modules/contract';

const byDefinition = (...parts: string[]) =>
  parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '_', '-', '.', ' ', 'é', '\u{1F600}', '@', '[', '`', '{') }),
);

test('the same name as the definition, for any parts', () => {
  fc.assert(
    fc.property(fc.array(text, { maxLength: 4 }), (parts) => {
      expect(tfName(...parts)).toBe(byDefinition(...parts));
    }),
    { numRuns: 3000 },
  );
});

test.each([
  [['reporting-eu'], 'reporting_eu'],
  [['consumer', 'Team-0001'], 'consumer_team_0001'],
  [['_a__b_', '', '-c-'], 'a_b_c'],
  [['', ''], ''],
  [['x', 'café'], 'x_caf'],
])('%j -> %s', (parts, name) => {
  expect(tfName(...parts)).toBe(name);
});
