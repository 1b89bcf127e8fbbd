/**
 * The access report at scale: past DETAIL_FROM consumers each consumer's workflow table goes to a detail file
 * (DETAIL_CHUNK consumers each) and the page keeps one line per consumer with a link; below, nothing changes.
 */
import { parseConfig } from '../modules/config';
import type { Cell, VerifyResult } from '../modules/verify';
import { DETAIL_CHUNK, DETAIL_FROM, detailFiles, markdownDetails, markdownReport } from '../modules/verify/report';
import { generateConfig } from '../bench/generate';

function resultOf(n: number) {
  const config = parseConfig(generateConfig(n, { allDirect: true }));
  const cells: Cell[] = config.consumers.map((c) => ({
    row: `${c.name}: role`,
    consumer: c.name,
    path: 'direct',
    probe: false,
    workflow: 'download',
    target: { kind: 'prefix', prefix: c.prefixes[0] ?? '' },
    scope: c.prefixes[0] ?? '(whole bucket)',
    expected: true,
    actual: true,
    decidedBy: ['bucket:Read'],
    role: `arn:aws:iam::${c.accountId}:role/${c.role.name}`,
    https: true,
  }));
  const probe = (expected: boolean): Cell => ({
    row: 'outsider: admin of unrelated account 999999999999',
    path: 'direct',
    probe: true,
    workflow: 'download',
    target: { kind: 'prefix', prefix: '' },
    scope: '(whole bucket)',
    expected,
    actual: false,
    decidedBy: [],
    role: 'arn:aws:iam::999999999999:role/Outsider',
    https: true,
  });
  cells.push(probe(false), probe(true));
  // The report reads neither the intent nor the deployed documents: stand-ins.
  const r: VerifyResult = {
    findings: [],
    accepted: [],
    cells,
    mismatches: [],
    lint: [],
    notes: [],
    ok: true,
    intent: {} as VerifyResult['intent'],
    deployed: {} as VerifyResult['deployed'],
  };
  return { config, r };
}

test(`up to ${DETAIL_FROM} consumers: one page, every table on it`, () => {
  const { config, r } = resultOf(DETAIL_FROM);
  const files = detailFiles(config, 'out/access-report');
  expect(files.size).toBe(0);
  const page = markdownReport(config, 'c.json', r, files);
  expect(page.match(/\| workflow \| prefix \| result \| decided by \|/g)).toHaveLength(DETAIL_FROM);
  expect(page.match(/\| outsider/g)).toHaveLength(2);
  expect(page).toEqual(markdownReport(config, 'c.json', r));
});

test(`past ${DETAIL_FROM}: a line per consumer on the page, the tables in detail files of ${DETAIL_CHUNK}`, () => {
  const n = DETAIL_CHUNK + 200;
  const { config, r } = resultOf(n);
  const files = detailFiles(config, 'out/access-report');
  const page = markdownReport(config, 'c.json', r, files);
  expect(page).not.toContain('| workflow | prefix | result | decided by |');
  expect(page).toContain(
    '1 workflows pass, 0 refused, as intended: [its workflows](access-report.consumers-1.md#team-0000).',
  );
  expect(page).toContain('(access-report.consumers-2.md#team-1199)');
  const details = new Map(markdownDetails(config, 'c.json', r, files));
  expect([...details.keys()]).toEqual([
    'out/access-report.consumers-1.md',
    'out/access-report.consumers-2.md',
    'out/access-report.probes-1.md',
  ]);
  // Every probe in the probe file; on the page only the one that differs.
  expect(details.get('out/access-report.probes-1.md')!.match(/\| outsider/g)).toHaveLength(2);
  expect(page).toContain(
    '2 workflows asked, 1 DIFFER (below); every one in [access-report.probes-1.md](access-report.probes-1.md).',
  );
  expect(page.match(/\| outsider/g)).toHaveLength(1);
  for (const d of details.values()) expect(d.startsWith('<!-- access-report -->\n')).toBe(true);
  expect(
    details.get('out/access-report.consumers-1.md')!.match(/\| workflow \| prefix \| result \| decided by \|/g),
  ).toHaveLength(DETAIL_CHUNK);
  expect(details.get('out/access-report.consumers-2.md')!.match(/^### /gm)).toHaveLength(200);
  // Nobody is lost: every consumer's table is in exactly one detail file.
  const all = [...details.values()].join('\n');
  for (const c of config.consumers) expect(all.split(`### ${c.name}\n`)).toHaveLength(2);
});

test('no detail files: none are rendered', () => {
  const { config, r } = resultOf(3);
  expect([...markdownDetails(config, 'c.json', r, detailFiles(config, 'out/access-report'))]).toHaveLength(0);
});
