/**
 * Issue #21, items 3 and 7: strings Terraform would change (it normalizes to Unicode NFC) and invisible or control
 * characters are refused in every field, with the form to write instead; what is echoed back is terminal-safe.
 */
import { ConfigError, parseConfig } from '../modules/config';
import { runMain } from './support/run-main';
import { readJson } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Raw => readJson('cross-account.json');

function refusal(raw: unknown): string {
  try {
    parseConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('config was accepted');
}

// [name, mutation, text the message must hold, text through main when the file's reader refuses first]
const cases: [string, (c: Raw) => void, string, string?][] = [
  [
    'the ohm sign (NFC makes it omega)',
    (c) => (c.consumers[0].prefixes = ['\u2126/']),
    'consumers[0].prefixes[0]: the value "\\u2126/" is not in Unicode NFC: Terraform normalizes every string, so AWS would get "\u03A9/" ("\\u03A9/"), not what config, verify and diff show; write "\\u03A9/" instead',
  ],
  ['a decomposed e-acute', (c) => (c.consumers[0].prefixes = ['cafe\u0301/']), 'write "caf\\u00E9/" instead'],
  [
    'a key not in NFC',
    (c) => (c.producer.bucket.acknowledgedStatements = { ['A\u0301']: 'x' }),
    'producer.bucket.acknowledgedStatements.A\u0301: the key "A\\u0301" is not in Unicode NFC: Terraform normalizes',
  ],
  [
    'a right-to-left override in a reason',
    (c) => (c.producer.bucket.acknowledgedStatements = { A: 'needed \u202Eeno for the auditors' }),
    'producer.bucket.acknowledgedStatements.A: the value contains U+202E (a bidirectional control: it reorders how the text around it is displayed); remove it',
  ],
  [
    'a bidi isolate in a prefix',
    (c) => (c.consumers[0].prefixes = ['a\u2066b/']),
    'consumers[0].prefixes[0]: the value contains U+2066 (a bidirectional control',
  ],
  [
    'a zero-width space in the bucket name',
    (c) => (c.producer.bucket.name = 'my-shared\u200b-bucket'),
    'producer.bucket.name: the value contains U+200B (an invisible character); remove it',
  ],
  [
    'a no-break space in a role name',
    (c) => (c.consumers[0].role.name = 'Role\u00a0A'),
    'consumers[0].role.name: the value contains U+00A0 (a space other than U+0020, which reads as one); remove it',
  ],
  [
    'a tab in an External ID',
    (c) => (c.consumers[1].externalId = 'seed-external-id\t7f3a9c2e41b8'),
    'consumers[1].externalId: the value contains U+0009 (a control character); remove it',
  ],
  [
    'a lone surrogate',
    (c) => (c.consumers[0].prefixes = ['a\ud800/']),
    'the value contains U+D800 (a lone surrogate',
    'a \\u escape of a lone UTF-16 surrogate is no character',
  ],
];

describe('refused with the path and what to write; through main: exit 1, nothing written', () => {
  test.each(cases)('%s', (...[name, mutate, text, fromFile]: (typeof cases)[number]) => {
    const c = base();
    mutate(c);
    expect(refusal(c)).toContain(text);
    const r = runMain(`strings-${name}`, c);
    expect(r.code).toBe(1);
    expect(r.err).toContain(fromFile ?? text);
    expect(r.left).toEqual(['config.json']);
  });
});

test('an acknowledgement reason of "\\r" + ESC[2K cannot erase a line: the message shows them escaped', () => {
  const c = base();
  c.producer.bucket.acknowledgedStatements = { A: 'because\r\u001b[2Kall is fine' };
  c.producer['\u001b[2Kunknown'] = 1;
  const r = runMain('strings-escape', c);
  expect(r.code).toBe(1);
  expect(r.err.includes('\r') || r.err.includes('\u001b')).toBe(false);
  expect(r.err).toContain('producer.bucket.acknowledgedStatements.A: the value contains U+000D (a control character)');
  expect(r.err).toContain('producer.\\u001B[2Kunknown: the key contains U+001B (a control character)');
  expect(r.left).toEqual(['config.json']);
});

describe('the mandatory warning of an acknowledged Principal "*" cannot be erased', () => {
  const publicRead = (c: Raw, reason: string) => {
    c.producer.bucket.policyStatements = [
      {
        Sid: 'PublicAssets',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/public/*',
      },
    ];
    c.producer.bucket.acknowledgedStatements = { PublicAssets: reason };
  };

  test('a reason of "\\r" + ESC[2K is refused, shown escaped; exit 1, nothing written', () => {
    const c = base();
    publicRead(c, 'approved\r\u001b[2K in SEC-1234');
    const r = runMain('strings-erase-warning', c);
    expect(r.code).toBe(1);
    expect(r.err.includes('\r') || r.err.includes('\u001b')).toBe(false);
    expect(r.err).toContain(
      'producer.bucket.acknowledgedStatements.PublicAssets: the value contains U+000D (a control character); remove it',
    );
    expect(r.err).toContain('the value contains U+001B (a control character)');
    expect(r.left).toEqual(['config.json']);
  });

  test('a plain reason: synth prints the warning whole, on one line', () => {
    const c = base();
    publicRead(c, 'the public logo files, approved in SEC-1234');
    const r = runMain('strings-warning', c);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'warning: acknowledged: producer.bucket.policyStatements[0] (Sid PublicAssets) grants Principal "*" (anyone): the public logo files, approved in SEC-1234\n',
    );
  });
});

test('plain non-ASCII in NFC passes where the field allows it (a reason in French)', () => {
  const c = base();
  c.consumers[0].prefixes = ['caf\u00e9/'];
  expect(() => parseConfig(c)).not.toThrow();
});

test('of the ASCII range, only printable characters pass (the one-pass test): every control and DEL is refused', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unicodeProblems } = require('../modules/config/unicode');
  for (let cp = 0; cp < 0x80; cp++) {
    const text = `teams/${String.fromCharCode(cp)}/`;
    const printable = cp >= 0x20 && cp <= 0x7e;
    expect([cp, unicodeProblems(text, 'the value').length === 0]).toEqual([cp, printable]);
  }
  // Past ASCII the character-by-character rules still run: NFC, invisible, bidi.
  expect(unicodeProblems('caf\u0065\u0301/', 'the value')).toHaveLength(1);
  expect(unicodeProblems('a\u200bb', 'the value')).toEqual([
    'the value contains U+200B (an invisible character); remove it',
  ]);
  expect(unicodeProblems('caf\u00e9/', 'the value')).toEqual([]);
});
