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
    scope: c.prefixes[0] ?? '(whole bucket)',
    expected: true,
    actual: true,
    decidedBy: ['bucket:Read'],
    role: `arn:aws:iam::${c.accountId}:role/${c.role.name}`,
    https: true,
  }));
  const r: VerifyResult = { findings: [], accepted: [], cells, mismatches: [], lint: [], notes: [], ok: true };
  return { config, r };
}

test(`up to ${DETAIL_FROM} consumers: one page, every table on it`, () => {
  const { config, r } = resultOf(DETAIL_FROM);
  const files = detailFiles(config, 'out/access-report');
  expect(files.size).toBe(0);
  const page = markdownReport(config, 'c.json', r, files);
  expect(page.match(/\| path \| workflow/g)).toHaveLength(DETAIL_FROM);
  expect(page).toEqual(markdownReport(config, 'c.json', r));
});

test(`past ${DETAIL_FROM}: a line per consumer on the page, the tables in detail files of ${DETAIL_CHUNK}`, () => {
  const n = DETAIL_CHUNK + 200;
  const { config, r } = resultOf(n);
  const files = detailFiles(config, 'out/access-report');
  const page = markdownReport(config, 'c.json', r, files);
  expect(page).not.toContain('| path | workflow');
  expect(page).toContain(
    '1 workflows pass, 0 refused, as intended: [its workflows](access-report.consumers-1.md#team-0000).',
  );
  expect(page).toContain('(access-report.consumers-2.md#team-1199)');
  const details = markdownDetails(config, 'c.json', r, files);
  expect([...details.keys()]).toEqual(['out/access-report.consumers-1.md', 'out/access-report.consumers-2.md']);
  for (const d of details.values()) expect(d.startsWith('<!-- access-report -->\n')).toBe(true);
  expect(details.get('out/access-report.consumers-1.md')!.match(/\| path \| workflow/g)).toHaveLength(DETAIL_CHUNK);
  expect(details.get('out/access-report.consumers-2.md')!.match(/^### /gm)).toHaveLength(200);
  // Nobody is lost: every consumer's table is in exactly one detail file.
  const all = [...details.values()].join('\n');
  for (const c of config.consumers) expect(all.split(`### ${c.name}\n`)).toHaveLength(2);
});

test('no detail files: none are rendered', () => {
  const { config, r } = resultOf(3);
  expect(markdownDetails(config, 'c.json', r, detailFiles(config, 'out/access-report')).size).toBe(0);
});
