/** What verify found, as terminal text (readable at any size) and as cdktf.out/access-report.md. */
import type { Config } from '../config';
import { terminalSafe } from '../io';
import type { Finding } from './analysis';
import type { VerifyResult } from '.';
import { Cell, cellConsumers } from './matrix';
import { mermaid } from './diagram';

const witnessText = (f: Finding) =>
  f.witness
    ? `${f.witness.principal} ${f.witness.action} ${f.witness.resource}${f.witness.accessPoint ? ` through ${f.witness.accessPoint}` : ''}${
        f.confirmed === true
          ? ' (the engine allows it)'
          : f.confirmed === false
            ? ' (the engine denies it: flagged conservatively)'
            : ''
      }`
    : '';

const findingLine = (f: Finding) => `${f.kind}: ${f.where} ${f.sid === '-' ? '' : `${f.sid}: `}${f.message}`;

interface ConsumerSummary {
  consumer: string;
  /** Its cells, in matrix order; a path shared with consumers before it is listed under the first of them. */
  cells: Cell[];
  rows: Set<string>;
  /** Paths it shares with others (direct consumers of one role): the first consumer, whose section lists them. */
  listedUnder: Set<string>;
  asked: number;
  passed: number;
  differ: number;
}

const pathText = (c: Cell, consumer: string) => {
  const text =
    c.path === 'access-point'
      ? `through ${c.accessPoint}`
      : c.path === 'assumed'
        ? 'by assuming its producer role'
        : 'directly';
  const others = (c.sharedBy ?? []).filter((n) => n !== consumer);
  return others.length ? `${text} (its role shared with ${others.join(', ')})` : text;
};

/** One summary per consumer, those sharing a role each with the role's cells: none is left out. */
function byConsumer(cells: Cell[]): ConsumerSummary[] {
  const out = new Map<string, ConsumerSummary>();
  for (const c of cells) {
    if (c.probe) continue;
    for (const consumer of cellConsumers(c)) {
      let s = out.get(consumer);
      if (!s)
        out.set(
          consumer,
          (s = { consumer, cells: [], rows: new Set(), listedUnder: new Set(), asked: 0, passed: 0, differ: 0 }),
        );
      if (consumer === c.consumer) s.cells.push(c);
      else s.listedUnder.add(c.consumer!);
      s.rows.add(pathText(c, consumer));
      s.asked++;
      if (c.actual && c.expected) s.passed++;
      if (c.actual !== c.expected) s.differ++;
    }
  }
  return [...out.values()].sort((a, b) => (a.consumer < b.consumer ? -1 : 1));
}

const levelOf = (c: Config['consumers'][number]) =>
  `${c.access}${c.packs?.length ? ` with ${c.packs.join(', ')}` : ''} on ${c.prefixes.length ? c.prefixes.join(', ') : 'the whole bucket'}`;

/**
 * Who can delete, as the engine decided: the consumers whose `aws s3 rm` passed, with the prefixes; deletion is off
 * unless a pack asks for it (docs/packs.md), so usually nobody.
 */
function deleters(cells: Cell[]): string[] {
  const out = new Map<string, Set<string>>();
  for (const c of cells) {
    if (c.workflow !== 'delete' || !c.actual) continue;
    const who = c.probe ? c.row : cellConsumers(c).join(', ');
    out.set(who, (out.get(who) ?? new Set()).add(c.scope));
  }
  return [...out].map(([who, scopes]) => `${who} (${[...scopes].join(', ')})`).sort();
}

const deletersLine = (cells: Cell[]) => {
  const d = deleters(cells);
  return d.length ? `who can delete (s3:DeleteObject): ${d.join('; ')}` : 'who can delete (s3:DeleteObject): nobody';
};

/** Consumers by name: reports read one per consumer, at 10,000 consumers too. */
const consumersOf = (config: Config) => new Map(config.consumers.map((c) => [c.name, c]));

const verdictOf = (s: ConsumerSummary) =>
  s.differ ? `❌ ${s.differ} differ` : `✅ ${s.passed} pass, ${s.asked - s.passed} refused, as intended`;

/** "account 111111111111 (analytics)", and said when this project does not deploy there. */
function accountText(config: Config, id: string): string {
  const a = config.accounts.find((x) => x.id === id);
  const named = a && a.name !== id ? ` (${a.name})` : '';
  return `account ${id}${named}${a && !a.managed ? ', not managed here' : ''}`;
}

/** One row per consumer, first in the report: who gets what, how, and whether it holds. */
function summaryTable(config: Config, cells: Cell[]): string[] {
  const consumers = consumersOf(config);
  const out = [
    '## Summary',
    '',
    '| consumer | account | level | prefixes | path | verdict |',
    '|---|---|---|---|---|---|',
  ];
  for (const s of byConsumer(cells)) {
    const c = consumers.get(s.consumer)!;
    const prefixes = c.prefixes.length ? c.prefixes.map((p) => `\`${p}\``).join(', ') : 'whole bucket';
    out.push(
      `| [${s.consumer}](#${s.consumer}) | ${esc(accountText(config, c.accountId))} | ${c.access}${c.packs?.length ? ` + ${c.packs.join(', ')}` : ''} | ${prefixes} | ${esc([...s.rows].join(' and '))} | ${verdictOf(s)} |`,
    );
  }
  out.push('');
  return out;
}

/** Differences first, then one line per consumer, then the probes in one line: readable at 10 or 10,000 consumers. */
export function consoleReport(config: Config, r: VerifyResult): string {
  const out: string[] = [];
  for (const f of r.findings)
    out.push(`FINDING ${findingLine(f)}`, ...(f.witness ? [`    e.g. ${witnessText(f)}`] : []));
  for (const p of r.lint) out.push(`POLICY PROBLEM ${p.where} ${p.sid}: ${p.message}`);
  for (const c of r.mismatches) {
    out.push(
      `DIFFERS ${c.row} | ${c.workflow} | ${c.scope}: intended ${c.expected ? 'to pass' : 'to fail'}, ${c.actual ? 'passes' : `fails at ${c.failedAt}`}${c.decidedBy.length ? ` (${c.decidedBy.join(', ')})` : ''}`,
    );
  }
  if (out.length) out.push('');
  const consumers = consumersOf(config);
  for (const s of byConsumer(r.cells)) {
    const c = consumers.get(s.consumer)!;
    out.push(
      `${s.consumer} (${c.accountId}), ${levelOf(c)}, ${[...s.rows].join(' and ')}: ${s.passed} workflows pass, ${s.asked - s.passed} refused${s.differ ? `, ${s.differ} DIFFER` : ', as intended'}`,
    );
  }
  const probes = r.cells.filter((c) => c.probe);
  const probeRows = new Set(probes.map((c) => c.row)).size;
  const leaks = probes.filter((c) => c.actual !== c.expected).length;
  out.push(
    `probes: ${probeRows} principals and doors not granted, ${probes.length} workflows asked: ${leaks ? `${leaks} DIFFER` : 'each as intended'}`,
    deletersLine(r.cells),
  );
  for (const f of r.accepted) out.push(`accepted: ${findingLine(f)} (${terminalSafe(f.accepted ?? '')})`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

// Cells quote the config (reasons, Sids): control characters escaped, and nothing that opens HTML or breaks the table.
const esc = (s: string) => terminalSafe(s.replace(/\n/g, ' ')).replace(/[|<>]/g, (c) => `\\${c}`);
const mark = (c: Cell) => (c.expected !== c.actual ? `❌ ${c.actual ? 'passes' : 'fails'}` : c.actual ? '✅' : '—');

/**
 * Past this many consumers the workflow tables of each consumer go to detail files
 * (access-report.consumers-<k>.md, DETAIL_CHUNK consumers each) and the page keeps one line per
 * consumer: 10,000 consumers' tables are 70 MB, no page to open.
 */
export const DETAIL_FROM = 500;
export const DETAIL_CHUNK = 1000;

/** Where each consumer's tables go when split: its detail file, by consumer (none: all on the page). */
export function detailFiles(config: Config, base: string): Map<string, string> {
  const out = new Map<string, string>();
  if (config.consumers.length <= DETAIL_FROM) return out;
  const names = config.consumers.map((c) => c.name).sort();
  names.forEach((n, i) => out.set(n, `${base}.consumers-${Math.floor(i / DETAIL_CHUNK) + 1}.md`));
  return out;
}

/** One consumer's section: its line, and its workflow table (unless `link` names the file that holds it). */
function consumerSection(
  out: string[],
  config: Config,
  c: Config['consumers'][number],
  s: ConsumerSummary,
  link?: string,
): void {
  out.push(
    `### ${s.consumer}`,
    '',
    `A${accountText(config, c.accountId).slice(1)}, role \`${c.role.name}\`: ${levelOf(c)}, ${[...s.rows].join(' and ')}.`,
    '',
  );
  if (link) {
    out.push(
      `${s.passed} workflows pass, ${s.asked - s.passed} refused${s.differ ? `, ${s.differ} DIFFER` : ', as intended'}: [its workflows](${link}#${s.consumer}).`,
      '',
    );
    return;
  }
  for (const first of s.listedUnder)
    out.push(`Its direct path is its role's, shared with ${first}: listed under [${first}](#${first}).`, '');
  if (s.cells.length === 0) return;
  // Folded: at 200 consumers the tables are most of the file; the summary table above says each verdict.
  out.push(`<details><summary>${s.cells.length} workflow(s) asked: ${verdictOf(s)}</summary>`, '');
  // One table per path (the path said once above it, not on every row: a third of the file at 200 consumers).
  const byRow = new Map<string, Cell[]>();
  for (const cell of s.cells) byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), cell]);
  for (const [row, cells] of byRow) {
    out.push(`${esc(row)}:`, '', '| workflow | prefix | result | decided by |', '|---|---|---|---|');
    for (const cell of cells) {
      out.push(
        `| ${cell.workflow} | ${esc(cell.scope)} | ${mark(cell)} | ${cell.actual ? cell.decidedBy.map((d) => `\`${d}\``).join(', ') : esc(cell.failedAt ?? '')} |`,
      );
    }
    out.push('');
  }
  out.push('</details>', '');
}

/** Probe rows per probe file of a split report. */
const PROBE_CHUNK = 20000;
const probeFileOf = (files: Map<string, string>, k: number) =>
  [...files.values()][0].replace(/consumers-\d+\.md$/, `probes-${k}.md`);

function probeTable(cells: Cell[]): string[] {
  return [
    '| principal and door | workflow | prefix | result |',
    '|---|---|---|---|',
    ...cells.map((c) => `| ${esc(c.row)} | ${c.workflow} | ${esc(c.scope)} | ${mark(c)} |`),
  ];
}

/**
 * The detail files of a split report: each consumer's workflow table, and the probes, as [file, content], one page at
 * a time (the caller writes each before the next is rendered).
 */
export function* markdownDetails(
  config: Config,
  configFile: string,
  r: VerifyResult,
  files: Map<string, string>,
): Generator<[string, string]> {
  const head = (title: string) => [
    '<!-- access-report -->',
    `# Access report: ${title}`,
    '',
    `Config: \`${configFile}\`; the summary is in access-report.md.`,
    '',
  ];
  const byFile = new Map<string, ConsumerSummary[]>();
  for (const s of byConsumer(r.cells)) {
    const file = files.get(s.consumer);
    if (file !== undefined) byFile.set(file, [...(byFile.get(file) ?? []), s]);
  }
  const consumers = consumersOf(config);
  for (const [file, summaries] of byFile) {
    const out = head("consumers' workflows");
    for (const s of summaries) consumerSection(out, config, consumers.get(s.consumer)!, s);
    yield [file, out.join('\n')];
  }
  const probes = r.cells.filter((x) => x.probe);
  for (let k = 0; files.size > 0 && k * PROBE_CHUNK < probes.length; k++) {
    const rows = probeTable(probes.slice(k * PROBE_CHUNK, (k + 1) * PROBE_CHUNK));
    yield [probeFileOf(files, k + 1), [...head('probes'), ...rows, ''].join('\n')];
  }
}

export function markdownReport(
  config: Config,
  configFile: string,
  r: VerifyResult,
  files: Map<string, string> = new Map(),
): string {
  // The first line marks the file as ours: only such a file is ever replaced (modules/output/report.ts).
  const out: string[] = ['<!-- access-report -->', '# Access report', ''];
  out.push(
    `Config: \`${configFile}\`; bucket \`${config.producer.bucket.name}\` in account ${config.producer.accountId}, region ${config.region}.`,
    '',
  );
  const requests = r.cells.length;
  out.push(
    r.ok
      ? `**Result: as intended.** Every statement of every policy was checked for any principal, action, object key and condition value (no finding), and ${requests} workflows were evaluated with @cloud-copilot/iam-simulate: every consumer runs exactly the workflows of its level on its prefixes, and nobody else anything.`
      : `**Result: ${r.findings.length} finding(s), ${r.mismatches.length} workflow(s) differ from the config, ${r.lint.length} policy problem(s).**`,
    '',
  );
  out.push(...summaryTable(config, r.cells));
  out.push(`${deletersLine(r.cells).replace(/^who/, 'Who')}, as evaluated (docs/packs.md).`, '');
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  if (r.findings.length) {
    out.push('## Findings', '', '| kind | document | Sid | what | a request that shows it |', '|---|---|---|---|---|');
    for (const f of r.findings)
      out.push(`| ${f.kind} | ${esc(f.where)} | ${esc(f.sid)} | ${esc(f.message)} | ${esc(witnessText(f))} |`);
    out.push('');
  }
  if (r.accepted.length) {
    out.push(
      '## Accepted exceptions',
      '',
      'Statements the config holds as written, granting beyond the consumers:',
      '',
      '| document | Sid | what | why accepted |',
      '|---|---|---|---|',
    );
    for (const f of r.accepted)
      out.push(`| ${esc(f.where)} | ${esc(f.sid)} | ${esc(f.message)} | ${esc(f.accepted ?? '')} |`);
    out.push('');
  }
  if (r.mismatches.length) {
    out.push(
      '## Differences',
      '',
      '| principal and path | workflow | prefix | intended | evaluated |',
      '|---|---|---|---|---|',
    );
    for (const c of r.mismatches) {
      out.push(
        `| ${esc(c.row)} | ${c.workflow} | ${esc(c.scope)} | ${c.expected ? 'passes' : 'fails'} | ${c.actual ? 'passes' : `fails at ${esc(c.failedAt ?? '')}`} |`,
      );
    }
    out.push('');
  }
  if (r.lint.length) {
    out.push('## Policy problems', '', '| document | Sid | problem |', '|---|---|---|');
    for (const p of r.lint) out.push(`| ${esc(p.where)} | ${esc(p.sid)} | ${esc(p.message)} |`);
    out.push('');
  }
  out.push('## Consumers', '');
  const consumers = consumersOf(config);
  for (const s of byConsumer(r.cells))
    consumerSection(out, config, consumers.get(s.consumer)!, s, files.get(s.consumer)?.split(/[\\/]/).pop());
  out.push(
    '## Probes',
    '',
    'Principals and doors the config grants nothing (or only their direct grants), each workflow asked:',
    '',
  );
  const probes = r.cells.filter((x) => x.probe);
  const leaks = probes.filter((c) => c.actual !== c.expected).length;
  if (files.size === 0)
    out.push(
      `<details><summary>${probes.length} workflow(s) asked: ${leaks ? `❌ ${leaks} differ` : '✅ each as intended'}</summary>`,
      '',
      ...probeTable(probes),
      '',
      '</details>',
    );
  else {
    // Split: the probes that differ here, every probe in the probe files.
    const differ = probes.filter((c) => c.expected !== c.actual);
    const pages = Math.ceil(probes.length / PROBE_CHUNK);
    const links = Array.from({ length: pages }, (_, k) => {
      const f = probeFileOf(files, k + 1)
        .split(/[\\/]/)
        .pop();
      return `[${f}](${f})`;
    });
    out.push(
      `${probes.length} workflows asked, ${differ.length ? `${differ.length} DIFFER (below)` : 'each as intended'}; every one in ${links.join(', ')}.`,
    );
    if (differ.length) out.push('', ...probeTable(differ));
  }
  out.push('', '## Diagram', '', '```mermaid', mermaid(config, r.cells), '```', '');
  return out.join('\n');
}
