/**
 * Consumers sharing a role stay visible in every review artifact: verify's one line per consumer, the report's
 * heading per consumer, one diagram node per consumer (a node defined twice keeps Mermaid's last label, which hid
 * `analytics` and drew `reporting` with direct access), and the diff's diagram naming each.
 */
import { parseConfig } from '../modules/config';
import { compare, markdownReport as diffMarkdown } from '../modules/diff';
import { consoleReport, markdownReport, verifyStacks } from '../modules/verify';
import { mermaid } from '../modules/verify/diagram';
import { access, edited, Raw } from './support/diff';
import { readJson } from './support/synth';
import { outputOf } from './support/verify';

const seed: Raw = readJson('cross-account.json');
/** The seed (analytics direct, reporting assuming from the same role) and two more direct on that role. */
const shared = edited(seed, (c) => {
  c.consumers.push(
    { name: 'billing', accountId: '111111111111', role: { name: 'RoleInAccountA', existing: true }, access: 'write' },
    {
      name: 'audit',
      accountId: '111111111111',
      role: { name: 'RoleInAccountA', existing: true },
      access: 'read',
      prefixes: ['logs/'],
    },
  );
});
const NAMES = ['analytics', 'audit', 'billing', 'reporting'];

/** Mermaid node definitions: id -> label. */
const nodes = (diagram: string) =>
  [...diagram.matchAll(/^\s*(\w+)\["([^"]*)"\]$/gm)].map((m) => ({ id: m[1], label: m[2] }));

describe.each([
  ['the seed', seed, ['analytics', 'reporting']],
  ['four consumers on one role', shared, NAMES],
])('%s: every consumer appears', (_name, raw, names) => {
  const config = parseConfig(raw);
  let result: Awaited<ReturnType<typeof verifyStacks>>;
  beforeAll(async () => {
    const out = outputOf(config);
    result = await verifyStacks(config, out.stacks, out.routes);
  });

  test('verify: one line per consumer, each as intended', () => {
    expect(result.ok).toBe(true);
    const lines = consoleReport(config, result)
      .split('\n')
      .filter((l) => /^[a-z][a-z0-9-]* \(\d{12}\), /.test(l));
    expect(lines.map((l) => l.split(' ')[0])).toEqual(names);
    for (const l of lines) expect(l).toMatch(/as intended$/);
  });

  test('the report: a heading per consumer', () => {
    const md = markdownReport(config, 'config.json', result);
    expect([...md.matchAll(/^### (\S+)$/gm)].map((m) => m[1])).toEqual(names);
  });

  test('the diagram: one node per consumer, each defined once, each with its own path', () => {
    const diagram = mermaid(config, result.cells);
    const defined = nodes(diagram).filter((n) => n.id.startsWith('consumer_'));
    expect(defined.map((n) => n.label.split(':')[0]).sort()).toEqual(names);
    expect(new Set(defined.map((n) => n.id)).size).toBe(defined.length);
    expect(diagram).toMatch(/^ {2}consumer_analytics -->\|"direct: /m);
    expect(diagram).toMatch(/^ {2}consumer_reporting -->\|"assumed role: /m);
    expect(diagram).not.toMatch(/^ {2}consumer_reporting -->\|"direct: /m);
  });
});

test('verify: consumers sharing a direct role each say so, and the report lists the role once', async () => {
  const config = parseConfig(shared);
  const out = outputOf(config);
  const result = await verifyStacks(config, out.stacks, out.routes);
  const text = consoleReport(config, result);
  expect(text).toMatch(
    /^billing \(111111111111\), write on the whole bucket, directly \(its role shared with analytics, audit\): /m,
  );
  const md = markdownReport(config, 'config.json', result);
  expect(md).toContain("Its direct path is its role's, shared with analytics: listed under [analytics](#analytics).");
});

test('the access diff diagram: one node per principal, defined once, naming every consumer of the role', async () => {
  const base = await access(seed);
  const current = await access(shared);
  const md = diffMarkdown({ base, current, diff: compare(base, current) }, { base: 'a', current: 'b' });
  const diagram = md.slice(md.indexOf('```mermaid'));
  const defined = nodes(diagram);
  expect(new Set(defined.map((n) => n.id)).size).toBe(defined.length);
  const role = defined.filter((n) => n.label.includes('RoleInAccountA'));
  expect(role).toHaveLength(1);
  for (const name of NAMES) expect(role[0].label).toContain(name);
});
