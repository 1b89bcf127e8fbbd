/**
 * The strict config reader: only a sound regular file of JSON (with comments) gets through; every refusal names the
 * file.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadConfig } from '../modules/config';
import { parseJson } from '../modules/config/json-parser';
import { MAX_CONFIG_BYTES, readConfigFile, ReadFs } from '../modules/config/read';
import { runMain, runMainOn, tmpDir } from './support/run-main';
import { readJson } from './support/synth';

const base = () => readJson('cross-account.json');
const baseText = () => JSON.stringify(base(), null, 2);

function refusal(file: string, fsys?: ReadFs): string {
  try {
    readConfigFile(file, fsys);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error('the file was accepted');
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

// [name, file content, the line main must print]
const bad: [string, string | Buffer, string][] = [
  ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(baseText())]), 'byte order mark (BOM)'],
  [
    'invalid UTF-8',
    Buffer.concat([Buffer.from('{\n"region": "us-east-1\xff"}'.slice(0, 22)), Buffer.from([0xff]), Buffer.from('"}')]),
    'is not valid UTF-8 (byte 22, line 2)',
  ],
  [
    'a syntax error',
    '{\n  "region": "us-east-1",\n  "producer": }',
    'not valid JSON: unexpected "}" where a value was expected at line 3, column 15',
  ],
  ['a trailing comma', '{"region": "us-east-1",}', 'not valid JSON: trailing comma before "}" at line 1, column 24'],
  ['an unterminated comment', '{"region": "us-east-1" /* open', 'unterminated /* comment at line 1, column 24'],
  ['a second value', '{} {}', 'after the end of the JSON value at line 1, column 4'],
  ['a control character in a string', '{"region": "us-\teast-1"}', 'U+0009 inside a string'],
  ['a lone surrogate escape', '{"region": "\\ud800"}', 'lone UTF-16 surrogate'],
  [
    'a duplicate key at the top',
    baseText().replace('"region": "us-east-1",', '"region": "us-east-1", "region": "eu-west-1",'),
    '- region: duplicate key (line 2, column 3 and line 2, column 26)',
  ],
  [
    'a duplicate key in a consumer',
    baseText().replace('"access": "read-write",', '"access": "read", "access": "read-write",'),
    '- consumers[0].access: duplicate key',
  ],
  [
    'a duplicate key in a nested object',
    baseText().replace('"name": "my-shared-bucket",', '"name": "my-shared-bucket", "name": "other-bucket",'),
    '- producer.bucket.name: duplicate key',
  ],
  [
    'a duplicate key in an object inside an array',
    baseText().replace('"ec2.amazonaws.com"', '"ec2.amazonaws.com"], "assumedBy": ["lambda.amazonaws.com"'),
    '- consumers[0].role.assumedBy: duplicate key',
  ],
  [
    '__proto__ as a key',
    baseText().replace('"region":', '"__proto__": {"polluted": true}, "region":'),
    '- __proto__: the key "__proto__" is refused',
  ],
  [
    'constructor inside a consumer',
    baseText().replace('"access": "read-write",', '"constructor": {"prototype": {}}, "access": "read-write",'),
    '- consumers[0].constructor: the key "constructor" is refused',
  ],
  ['nesting deeper than 64', `{"region": ${nested(70)}}`, 'nested deeper than 64 levels at line 1, column 75'],
  ['an empty file', '', 'not valid JSON: unexpected end of the file where a value was expected at line 1, column 1'],
];

describe('the reader refuses, through main: exit 1, one message naming the file, nothing written', () => {
  test.each(bad)('%s', (name, content, line) => {
    const r = runMain(`read-${name}`, content);
    expect(r.err).toContain(line);
    expect(r.err).toContain(`${path.join(r.dir, 'config.json')}: invalid config`);
    expect(r.err).toContain('Nothing was written.');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    expect(r.left).toEqual(['config.json']);
  });
});

describe('files that are not regular are refused without being read', () => {
  const dir = tmpDir('read-special');

  test('a folder', () => {
    expect(refusal(dir)).toContain('is a folder, not a regular file');
    const r = runMainOn(dir, dir);
    expect(r.code).toBe(1);
    expect(r.left).toEqual([]);
  });

  test('a FIFO with no writer (would block forever with a plain open)', () => {
    const fifo = path.join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toContain('is a named pipe (FIFO), not a regular file');
  });

  test('/dev/zero (endless)', () => {
    expect(refusal('/dev/zero')).toContain('is a character device');
  });

  test('/dev/stdin unless it is a regular file', () => {
    if (fs.fstatSync(0).isFile()) return;
    // A pipe or terminal is refused by fstat; a socket cannot even be opened (ENXIO).
    expect(refusal('/dev/stdin')).toMatch(/not a regular file|ENXIO/);
  });

  test('a missing file names the error in words', () => {
    expect(refusal(path.join(dir, 'nope.json'))).toContain('cannot read the file (ENOENT: no such file or folder)');
  });
});

describe('size cap: 16 MiB', () => {
  test('a 20 MB file is refused by its size, before reading', () => {
    const dir = tmpDir('read-size');
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, baseText() + ' '.repeat(20 * 1000 * 1000));
    let read = 0;
    const counting: ReadFs = {
      ...fs,
      readSync: ((...a: Parameters<typeof fs.readSync>) => (read += fs.readSync(...a))) as typeof fs.readSync,
    };
    expect(refusal(file, counting)).toContain('is larger than 16 MiB');
    expect(read).toBe(0);
  });

  test('a file that grows while read (a device posing as a file) is cut at the cap + 1 byte', () => {
    let read = 0;
    const endless: ReadFs = {
      openSync: (() => 42) as unknown as typeof fs.openSync,
      closeSync: () => undefined,
      fstatSync: (() => ({ isFile: () => true, size: 10 })) as unknown as typeof fs.fstatSync,
      readSync: ((_fd: number, buf: Buffer, offset: number, length: number) => {
        buf.fill(0x20, offset, offset + length);
        read += length;
        return length;
      }) as unknown as typeof fs.readSync,
    };
    expect(refusal('/fake/endless.json', endless)).toContain('is larger than 16 MiB');
    expect(read).toBe(MAX_CONFIG_BYTES + 1);
  });

  test('just under the cap is read', () => {
    const dir = tmpDir('read-size-ok');
    const file = path.join(dir, 'under.json');
    const text = baseText();
    fs.writeFileSync(file, text + ' '.repeat(MAX_CONFIG_BYTES - Buffer.byteLength(text)));
    expect(loadConfig(file).region).toBe('us-east-1');
  });
});

describe('the parser', () => {
  test('equals JSON.parse on plain JSON, escapes and numbers included', () => {
    const text = JSON.stringify({
      a: ['x\n"\\/\u0001', 'é😀', -0.5e3, 0, 12, true, false, null],
      b: { c: {}, d: [] },
      '': '\u2028',
    });
    expect(parseJson(text).value).toEqual(JSON.parse(text));
    expect(parseJson('"\\ud83d\\ude00"').value).toBe('😀');
  });

  test('comments anywhere outside strings; "//" inside a string stays', () => {
    expect(parseJson('// head\n{ /* a */ "a" /* b */ : "x//y" // tail\n}').value).toEqual({ a: 'x//y' });
  });

  test('64 levels of nesting are accepted, 65 refused', () => {
    expect(() => parseJson(nested(64))).not.toThrow();
    expect(() => parseJson(nested(65))).toThrow('nested deeper than 64 levels at line 1, column 65');
  });

  test('prototype keys never reach an object', () => {
    const { value, problems } = parseJson('{"a": {"__proto__": {"polluted": 1}}}');
    expect(Object.getPrototypeOf((value as { a: object }).a)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems).toEqual([{ path: ['a', '__proto__'], message: expect.stringContaining('refused') }]);
  });

  test('a 16 MiB config of whitespace and a deep array parse in bounded time', () => {
    const started = Date.now();
    expect(() => parseJson(' '.repeat(MAX_CONFIG_BYTES) + '{}')).not.toThrow();
    expect(() => parseJson(nested(1_000_000))).toThrow('nested deeper than 64 levels');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
