/** The access matrix as console text and as cdktf.out/access-report.md (with a Mermaid diagram). */
import type { Config } from '../config';
import type { LintProblem } from './lint';
import type { Cell } from './matrix';

export const COLUMNS: [string, string][] = [
  ['s3:GetObject', 'Get'],
  ['s3:GetObjectVersion', 'GetV'],
  ['s3:ListBucket', 'List'],
  ['s3:PutObject', 'Put'],
  ['s3:AbortMultipartUpload', 'Abort'],
  ['s3:ListMultipartUploadParts', 'Parts'],
  ['s3:PutObjectAcl', 'Acl'],
  ['s3:DeleteObject', 'Del'],
  ['s3:GetBucketLocation', 'Loc'],
  ['s3:PutBucketPolicy', 'Policy'],
  ['kms:Decrypt', 'Decrypt'],
  ['kms:GenerateDataKey', 'GenKey'],
  ['kms:Encrypt', 'Encrypt'],
  ['sts:AssumeRole', 'Assume'],
];

interface Line {
  row: string;
  target: string;
  cells: Map<string, Cell>;
}

/** Rows of the table: one per (principal, target), in the order cells were asked. */
function lines(cells: Cell[]): Line[] {
  const out = new Map<string, Line>();
  for (const c of cells) {
    const k = `${c.row}\u0000${c.target}`;
    let l = out.get(k);
    if (!l) out.set(k, (l = { row: c.row, target: c.target, cells: new Map() }));
    l.cells.set(c.action, c);
  }
  return [...out.values()];
}

const mark = (c: Cell | undefined, yes: string, no: string, bad: string) =>
  !c ? '' : c.expected !== c.actual ? `${bad}${c.actual ? yes : no}` : c.actual ? yes : no;

export function consoleMatrix(cells: Cell[]): string {
  const ls = lines(cells);
  const rowW = Math.min(90, Math.max(...ls.map((l) => `${l.row} | ${l.target}`.length), 10));
  const head = `${'principal | target'.padEnd(rowW)}  ${COLUMNS.map(([, s]) => s.padStart(8)).join('')}`;
  const body = ls.map((l) => {
    const label = `${l.row} | ${l.target}`;
    return `${(label.length > rowW ? `${label.slice(0, rowW - 1)}~` : label).padEnd(rowW)}  ${COLUMNS.map(([a]) => mark(l.cells.get(a), 'A', '.', '!').padStart(8)).join('')}`;
  });
  return [head, ...body, '', 'A allowed, . denied, blank not asked, ! differs from the config (see below)'].join('\n');
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function markdownReport(
  config: Config,
  configFile: string,
  cells: Cell[],
  lint: LintProblem[],
  keyNote?: string,
): string {
  const bad = cells.filter((c) => c.expected !== c.actual);
  const ls = lines(cells);
  const out: string[] = [];
  out.push('# Access report', '');
  out.push(
    `Config: \`${configFile}\`; bucket \`${config.producer.bucket.name}\` in account ${config.producer.accountId}, region ${config.region}.`,
    '',
  );
  out.push(
    bad.length === 0 && lint.length === 0
      ? `**Result: as intended.** ${cells.length} requests evaluated with @cloud-copilot/iam-simulate against the synthesized policies; every consumer gets exactly its access level on its prefixes, and nothing else.`
      : `**Result: ${bad.length} cell(s) differ from the config, ${lint.length} policy problem(s).**`,
    '',
  );
  if (keyNote) out.push(`> ${keyNote}`, '');
  if (bad.length) {
    out.push('## Differences', '', '| principal | target | action | intended | evaluated |', '|---|---|---|---|---|');
    for (const c of bad)
      out.push(
        `| ${esc(c.row)} | ${esc(c.target)} | ${c.action} | ${c.expected ? 'allow' : 'deny'} | ${c.actual ? 'allowed' : 'denied'} |`,
      );
    out.push('');
  }
  if (lint.length) {
    out.push('## Policy problems', '', '| document | Sid | problem |', '|---|---|---|');
    for (const p of lint) out.push(`| ${esc(p.where)} | ${esc(p.sid)} | ${esc(p.message)} |`);
    out.push('');
  }
  out.push('## Matrix', '', '✅ allowed · — denied · ❌ differs from the config', '');
  const used = COLUMNS.filter(([a]) => cells.some((c) => c.action === a));
  out.push(
    `| principal | target | ${used.map(([, s]) => s).join(' | ')} |`,
    `|---|---|${used.map(() => '---').join('|')}|`,
  );
  for (const l of ls)
    out.push(
      `| ${esc(l.row)} | ${esc(l.target)} | ${used.map(([a]) => mark(l.cells.get(a), '✅', '—', '❌')).join(' | ')} |`,
    );
  out.push('', 'Columns: ' + used.map(([a, s]) => `${s} = \`${a}\``).join(', ') + '.', '');
  out.push(
    '## Deciding statements',
    '',
    'For every allowed request, the statements that allowed it (identity policy, resource policy, and the trust policy for an assumed role).',
    '',
  );
  out.push('| principal | target | action | statements |', '|---|---|---|---|');
  for (const c of cells.filter((x) => x.actual))
    out.push(`| ${esc(c.row)} | ${esc(c.target)} | ${c.action} | ${c.decidedBy.map((s) => `\`${s}\``).join(', ')} |`);
  out.push('', '## Diagram', '', '```mermaid', mermaid(config, cells), '```', '');
  return out.join('\n');
}

const nodeId = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
const roleNode = (arn: string) => nodeId(`role_${arn.split(':')[4]}_${arn.split('/').pop()}`);

/** Accounts, roles, access points, the bucket and the key; arrows carry the actions the evaluation allowed. */
export function mermaid(config: Config, cells: Cell[]): string {
  const granted = cells.filter((c) => c.actual && c.path);
  const out = ['flowchart LR'];
  const accounts = new Map<string, string[]>(); // account -> node lines
  const node = (account: string, line: string) => {
    if (!accounts.has(account)) accounts.set(account, []);
    if (!accounts.get(account)!.includes(line)) accounts.get(account)!.push(line);
  };
  const producer = config.producer.accountId;
  node(producer, `bucket[("s3://${config.producer.bucket.name}")]`);
  if (cells.some((c) => c.action.startsWith('kms:'))) node(producer, 'key{{"KMS key"}}');
  for (const c of config.consumers)
    node(c.accountId, `${roleNode(`arn:x:iam::${c.accountId}:role/${c.role.name}`)}["role ${c.role.name}"]`);
  for (const c of config.consumers.filter((x) => x.producerRoleName))
    node(producer, `${roleNode(`arn:x:iam::${producer}:role/${c.producerRoleName}`)}["role ${c.producerRoleName}"]`);
  for (const c of config.consumers.filter((x) => x.accessPoint))
    node(c.accessPoint!.accountId, `${nodeId(`ap_${c.accessPoint!.name}`)}[/"access point ${c.accessPoint!.name}"/]`);
  for (const [account, lines] of [...accounts.entries()].sort(([a], [b]) =>
    a === producer ? -1 : b === producer ? 1 : a < b ? -1 : 1,
  )) {
    out.push(
      `  subgraph A${account}["${account === producer ? 'producer' : 'consumer'} account ${account}"]`,
      ...lines.map((l) => `    ${l}`),
      '  end',
    );
  }
  // edge -> target label -> actions
  const edges = new Map<string, Map<string, Set<string>>>();
  const edge = (from: string, to: string, target: string, action: string) => {
    const k = `${from} ${to}`;
    if (!edges.has(k)) edges.set(k, new Map());
    const byTarget = edges.get(k)!;
    if (!byTarget.has(target)) byTarget.set(target, new Set());
    byTarget.get(target)!.add(action);
  };
  for (const c of granted) {
    const from = roleNode(c.principalArn);
    const short = c.action.split(':')[1];
    if (c.action === 'sts:AssumeRole')
      edge(from, roleNode(`arn:x:iam::${producer}:role/${c.target}`), '', 'AssumeRole + External ID');
    else if (c.action.startsWith('kms:')) edge(from, 'key', '', short);
    else if (c.path === 'access-point') {
      edge(from, nodeId(`ap_${c.accessPoint}`), c.target === 'bucket' ? '' : c.target, short);
      edge(nodeId(`ap_${c.accessPoint}`), 'bucket', '', 'delegated');
    } else edge(from, 'bucket', c.target === 'bucket' || c.target === '(whole bucket)' ? '' : c.target, short);
  }
  for (const [k, byTarget] of [...edges.entries()].sort()) {
    const [from, to] = k.split(' ');
    const label = [...byTarget.entries()]
      .sort()
      .map(([target, actions]) => `${target ? `${target}: ` : ''}${[...actions].sort().join(', ')}`)
      .join('<br/>');
    out.push(`  ${from} -->|"${label}"| ${to}`);
  }
  return out.join('\n');
}
