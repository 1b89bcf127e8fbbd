/**
 * access-report.md at 200 consumers: a summary table first (one row per consumer: level, prefixes, path,
 * verdict), notes grouped (one for every consumer overflow moved, not one each), each consumer's detail folded in
 * <details>, and a diagram that names accounts, marks those not managed here, draws the access-point and
 * assumed-role hops, and stays small.
 */
import { generateConfig } from '../bench/generate';
import { parseConfig } from '../modules/config';
import { markdownReport, verifyStacks } from '../modules/verify';
import { mermaid } from '../modules/verify/diagram';
import { load } from './support/synth';
import { outputOf } from './support/verify';

const verified = async (config: ReturnType<typeof parseConfig>) => {
  const out = outputOf(config);
  return verifyStacks(config, out.stacks, out.routes);
};
const ids = (diagram: string) => [...diagram.matchAll(/^\s+(\w+)[[({]/gm)].map((m) => m[1]);

describe('200 consumers of the benchmark mix', () => {
  const config = parseConfig(
    generateConfig(200, { overflow: 'access-points', encryption: { type: 'kms', keyGrants: 'accounts' } }),
  );
  let md: string;
  let diagram: string;
  beforeAll(async () => {
    const r = await verified(config);
    expect(r.ok).toBe(true);
    md = markdownReport(config, 'bench.json', r);
    diagram = mermaid(config, r.cells);
  }, 180_000);

  test('a summary table first: one row per consumer with level, prefixes, path and verdict', () => {
    const summary = md.indexOf('## Summary');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(md.indexOf('## Consumers'));
    expect(md).toContain('| consumer | account | level | prefixes | path | verdict |');
    const rows = md
      .slice(summary, md.indexOf('\n\n', md.indexOf('|---|', summary)))
      .split('\n')
      .filter((l) => l.startsWith('| ['));
    expect(rows).toHaveLength(200);
    expect(rows[0]).toMatch(/^\| \[team-0000\]\(#team-0000\) \| account 111111111111 \| read \| `.*` \| .* \| ✅ /);
    expect(rows.filter((l) => l.includes('through bench-shared-bucket-')).length).toBeGreaterThan(100);
  });

  test('notes grouped: one for every consumer overflow moved', () => {
    const moved = md.split('\n').filter((l) => /overflow: the bucket policy is full/.test(l));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatch(/^- \d+ consumer\(s\) written "direct" reach the bucket through an access point/);
  });

  test("each consumer's detail folded, and the probes", () => {
    expect(md.match(/^<details><summary>/gm)).toHaveLength(201);
    expect(md.match(/^<\/details>$/gm)).toHaveLength(201);
    // No table row of a consumer's cells outside a fold.
    const unfolded = md.replace(/<details>[\s\S]*?<\/details>/g, '');
    expect(md).toMatch(/^\| download \| /m);
    expect(unfolded).not.toMatch(/^\| download \| /m);
    // The path said once per table, not on every row.
    expect(md).toMatch(
      /^team-0000: Workload0000 \(111111111111\):\n\n\| workflow \| prefix \| result \| decided by \|$/m,
    );
  });

  test('the diagram: small, each node defined once, access-point and assumed-role hops drawn', () => {
    expect(diagram.split('\n').length).toBeLessThan(120);
    expect(new Set(ids(diagram)).size).toBe(ids(diagram).length);
    expect(diagram).toMatch(/-->\|"access point: [^"]+"\| aps_222222222222_\w+$/m);
    expect(diagram).toMatch(/^ {2}aps_222222222222_\w+ --> bucket$/m);
    expect(diagram).toMatch(/-->\|"assumed role: [^"]+"\| proles_\w+$/m);
  });
});

test('the diagram names accounts and marks those not managed here (examples/multi-account.json)', async () => {
  const config = load('examples/multi-account.json');
  const r = await verified(config);
  const diagram = mermaid(config, r.cells);
  for (const a of config.accounts.filter((x) => x.id !== config.producer.accountId && x.name !== x.id)) {
    if (!config.consumers.some((c) => c.accountId === a.id)) continue;
    expect(diagram).toContain(`consumer account ${a.id} (${a.name})${a.managed ? '"' : ' — not managed here"'}`);
  }
  expect(config.accounts.some((a) => !a.managed)).toBe(true);
  const md = markdownReport(config, 'examples/multi-account.json', r);
  expect(md).toMatch(/\| account \d{12} \([^)]+\), not managed here \|/);
});

test('past 20 consumer accounts the diagram stops, saying so', async () => {
  const raw = generateConfig(30, { overflow: 'access-points', encryption: { type: 's3' } }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw.consumers.forEach((c: { accountId: string }, i: number) => (c.accountId = String(100000000000 + i)));
  raw.accounts = Object.fromEntries(
    ['222222222222', ...raw.consumers.map((c: { accountId: string }) => c.accountId)].map((id) => [
      id,
      { profile: 'p' },
    ]),
  );
  const config = parseConfig(raw);
  const diagram = mermaid(config, (await verified(config)).cells);
  expect(diagram).toContain('more["10 more consumer accounts: see the summary table"]');
  expect(diagram.match(/subgraph A\d+\["consumer account/g)).toHaveLength(20);
}, 120_000);
