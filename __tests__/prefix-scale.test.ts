/**
 * Issue #21, item 5: prefix de-duplication is near-linear (it was quadratic: 120,000 prefixes took minutes), and a
 * consumer naming more prefixes than any role policy can hold is refused early, with the number.
 */
import { generateConfig } from '../bench/generate';
import { ConfigError, parseConfig } from '../modules/config';
import { computePlan } from '../modules/plan';
import { MAX_PREFIXES, normalizePrefixes } from '../modules/config/rules';
import { runMain } from './support/run-main';
import { readJson } from './support/synth';

const many = (n: number) => Array.from({ length: n }, (_, i) => `team-${i % 997}/day-${i}/`);

test('120,000 prefixes de-duplicated in far less than the minutes the quadratic scan took', () => {
  const started = Date.now();
  const out = normalizePrefixes([...many(120000), 'team-1/', 'team-1/x/']);
  // The quadratic scan took over 2 minutes here; a loaded machine may take a few seconds for the linear one.
  expect(Date.now() - started).toBeLessThan(30000);
  expect(out).toContain('team-1/');
  expect(out.some((p) => p.startsWith('team-1/') && p !== 'team-1/')).toBe(false);
  // Those under team-1/ (every 997th from i = 1) give way to it.
  const underTeam1 = many(120000).filter((p) => p.startsWith('team-1/')).length;
  expect(out.length).toBe(120000 - underTeam1 + 1);
});

test('the same result as the obvious quadratic definition', () => {
  const input = ['a/b/', 'a/', 'ab/', 'a/b/c', 'b', 'b/', 'ba/x/', 'b/a/', 'c/d/', 'c/'];
  const withSlash = [...new Set(input.map((p) => (p.endsWith('/') ? p : `${p}/`)))].sort();
  const quadratic = withSlash.filter((p) => !withSlash.some((q) => q !== p && p.startsWith(q)));
  expect(normalizePrefixes(input)).toEqual(quadratic);
});

test(`more than ${MAX_PREFIXES} prefixes in one consumer: refused early, with the number; exit 1, nothing written`, () => {
  const c = readJson('cross-account.json');
  c.consumers[0].prefixes = many(120000);
  const started = Date.now();
  let message = '';
  try {
    parseConfig(c);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    message = e.message;
  }
  expect(Date.now() - started).toBeLessThan(30000);
  expect(message).toContain(
    `consumers[0].prefixes: 120000 prefixes: at most ${MAX_PREFIXES} fit, each taking at least 23 of the 10240 characters of a role's inline policies`,
  );
  const r = runMain('prefix-count', c);
  expect(r.code).toBe(1);
  expect(r.err).toContain('120000 prefixes: at most');
  expect(r.left).toEqual(['config.json']);
});

test('item 14: a config of 1,000 consumers without credentials: one message, each account listed once', () => {
  const raw = generateConfig(1000, { overflow: 'access-points', encryption: { type: 's3' } });
  raw.stacks = 'single';
  for (const a of Object.values((raw.accounts ?? {}) as Record<string, Record<string, unknown>>)) {
    delete a.profile;
    delete a.deployRoleArn;
  }
  let message = '';
  try {
    parseConfig(raw);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    message = e.message;
  }
  const lines = message.split('\n').filter((l) => l.includes('neither a profile nor a deployRoleArn'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ {2}- accounts: the stack holds providers of \d+ accounts, and \d+ of them have neither/);
  const listed = lines[0].match(/\d{12}/g)!;
  expect(new Set(listed).size).toBe(listed.length);
});

test('item 14: a key policy that no longer fits is refused with the config snippet to paste', () => {
  const raw = generateConfig(700, { allDirect: true, overflow: 'access-points' });
  expect(() => computePlan(parseConfig(raw))).toThrow(
    'write "encryption": {"type":"kms","bucketKey":true,"keyGrants":"accounts"} in producer.bucket',
  );
});
