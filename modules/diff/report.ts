/**
 * The diff as a reviewer reads it: terminal text, a pull-request comment
 * (Markdown, with a table per principal and a Mermaid diagram), and JSON for tools.
 */
import type { DiffResult } from '.';
import type { AccessDiff, FactChange, PostureChange } from './compare';
import { mermaid } from './diagram';
import { terminalSafe } from '../io';
import type { FindingFact } from './facts';
import { accountOf, pathText, roleName } from './text';

export interface Labels {
  base: string;
  current: string;
}

/** Marks the comment, so that a CI job updates its own comment instead of adding one per push. */
const COMMENT_MARKER = '<!-- access-diff -->';

/** Workflows gained or lost on one target, with the same context (a narrower prefix held on the other side). */
export interface TargetChange {
  target: string;
  side: 'gained' | 'lost';
  workflows: string[];
  /** The actions gained or lost there that these workflows need. */
  actions: string[];
  /** Lost: narrower prefixes still held; gained: narrower prefixes held before. */
  within: string[];
  beyondConfig: boolean;
}

export interface PrincipalChange {
  principal: string;
  consumers: string[];
  status: 'new' | 'gone' | 'changed';
  paths: { path: string; changes: TargetChange[] }[];
}

/** Gained and lost workflows by principal, then path, then target (in the order of the facts). */
function byPrincipal(d: AccessDiff): PrincipalChange[] {
  const out = new Map<string, PrincipalChange>();
  const actions = new Map(d.actions.map((a) => [`${a.principal}|${a.path}|${a.target}`, a]));
  const appeared = new Set(d.principals.appeared);
  const disappeared = new Set(d.principals.disappeared);
  const add = (f: FactChange, side: 'gained' | 'lost') => {
    let p = out.get(f.principal);
    if (!p) {
      const status = appeared.has(f.principal) ? 'new' : disappeared.has(f.principal) ? 'gone' : 'changed';
      out.set(f.principal, (p = { principal: f.principal, consumers: f.consumers, status, paths: [] }));
    }
    let path = p.paths.find((x) => x.path === f.path);
    if (!path) p.paths.push((path = { path: f.path, changes: [] }));
    const within = f.within ?? [];
    const beyondConfig = side === 'gained' && f.beyondConfig;
    let t = path.changes.find(
      (x) =>
        x.target === f.target &&
        x.side === side &&
        x.within.join() === within.join() &&
        x.beyondConfig === beyondConfig,
    );
    if (!t) path.changes.push((t = { target: f.target, side, workflows: [], actions: [], within, beyondConfig }));
    t.workflows.push(f.workflow);
    const a = actions.get(`${f.principal}|${f.path}|${f.target}`);
    for (const action of a?.[side] ?? [])
      if (f.actions.includes(action) && !t.actions.includes(action)) t.actions.push(action);
  };
  d.gained.forEach((f) => add(f, 'gained'));
  d.lost.forEach((f) => add(f, 'lost'));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...out.values()]
    .sort((a, b) => cmp(a.principal, b.principal))
    .map((p) => ({
      ...p,
      paths: p.paths
        .sort((a, b) => cmp(a.path, b.path))
        .map((x) => ({ ...x, changes: x.changes.map((t) => ({ ...t, actions: t.actions.sort() })) })),
    }));
}

/** "(still on curated/)", "(before: on curated/ only)", "BEYOND THE CONFIG". */
function notes(t: TargetChange): string {
  const out: string[] = [];
  if (t.beyondConfig) out.push('BEYOND THE CONFIG');
  if (t.within.length)
    out.push(t.side === 'gained' ? `before: on ${t.within.join(', ')} only` : `still on ${t.within.join(', ')}`);
  return out.length ? ` (${out.join('; ')})` : '';
}

const findingText = (f: FindingFact) => `${f.kind}: ${f.document} ${f.sid === '-' ? '' : `${f.sid}: `}${f.message}`;

export function summaryLine(d: AccessDiff): string {
  const parts = [
    `access: ${d.gained.length} gained, ${d.lost.length} lost (workflow x prefix)`,
    ...(d.principals.appeared.length ? [`${d.principals.appeared.length} new principal(s)`] : []),
    ...(d.principals.disappeared.length ? [`${d.principals.disappeared.length} principal(s) gone`] : []),
    ...(d.routes.length
      ? [
          `${d.routes.length} route(s) changed${d.switches.length ? ` (CLIENTS MUST SWITCH: ${d.switches.map((x) => x.consumer).join(', ')})` : ''}`,
        ]
      : []),
    ...(d.posture.length ? [`${d.posture.length} posture change(s)`] : []),
    ...(d.findings.gained.length + d.findings.lost.length
      ? [`${d.findings.gained.length} new finding(s), ${d.findings.lost.length} resolved`]
      : []),
    ...(d.accepted.gained.length + d.accepted.lost.length
      ? [`${d.accepted.gained.length} new accepted grant(s), ${d.accepted.lost.length} removed`]
      : []),
    ...(d.policyProblems
      ? [`${d.policyProblems.current - d.policyProblems.base} more policy problem(s), not proven`]
      : []),
  ];
  return `${parts.join(', ')}: ${d.newAccess ? 'NEW ACCESS' : 'no new access'}`;
}

const isEmpty = (d: AccessDiff) =>
  !d.bucket &&
  !d.gained.length &&
  !d.lost.length &&
  !d.consumers.length &&
  !d.routes.length &&
  !d.posture.length &&
  !d.findings.gained.length &&
  !d.findings.lost.length &&
  !d.accepted.gained.length &&
  !d.accepted.lost.length &&
  !d.policyProblems;

const postureText = (p: PostureChange) => `${p.setting}: ${p.base} -> ${p.current}${p.widens ? ' (WIDENS)' : ''}`;

export function consoleReport(r: DiffResult, labels: Labels): string {
  const d = r.diff;
  const out: string[] = [`access diff: ${labels.base} -> ${labels.current}`];
  out.push(
    r.base.bucket === r.current.bucket
      ? `bucket ${r.current.bucket}`
      : `bucket CHANGED: ${r.base.bucket} -> ${r.current.bucket}`,
  );
  for (const [name, side] of [
    ['base', r.base],
    ['current', r.current],
  ] as const) {
    if (!side.verify.ok)
      out.push(
        `note: verify of the ${name} side is not clean (${side.verify.findings} finding(s), ${side.verify.mismatches} workflow(s) differ, ${side.verify.lint} policy problem(s)): run npm run verify on it`,
      );
  }
  if (isEmpty(d)) {
    out.push(`no change in access: the same ${r.current.facts.length} allowed workflows, findings, routes and posture`);
    return out.join('\n');
  }
  // First, before any detail: clients that stop working at apply unless they change.
  if (d.switches.length) out.push('', ...d.switches.map((x) => x.message));
  if (d.consumers.length) {
    out.push('', 'consumers (as written)');
    for (const c of d.consumers)
      out.push(
        c.base && c.current
          ? `  ~ ${c.name}: ${c.base}\n      -> ${c.current}`
          : `  ${c.current ? '+' : '-'} ${c.name}: ${c.current ?? c.base}`,
      );
  }
  if (d.routes.length) {
    out.push('', 'routes (the path requests take)');
    for (const c of d.routes) out.push(`  ~ ${c.name}: ${c.base} -> ${c.current}`);
  }
  const principals = byPrincipal(d);
  if (principals.length) {
    out.push('', 'access (evaluated workflows: + gained, - lost)');
    for (const p of principals) {
      const tag = p.status === 'new' ? 'NEW principal ' : p.status === 'gone' ? 'GONE principal ' : '';
      out.push(
        `  ${tag}${p.principal}${p.consumers.length ? ` (${p.consumers.join(', ')})` : ' (no consumer of the config)'}`,
      );
      for (const path of p.paths) {
        out.push(`    ${pathText(path.path)}`);
        for (const t of path.changes)
          out.push(
            `      ${t.side === 'gained' ? '+' : '-'} ${t.target}: ${t.workflows.join(', ')}${notes(t)}${t.actions.length ? ` [${t.actions.join(', ')}]` : ''}`,
          );
      }
    }
  }
  if (d.posture.length) {
    out.push('', 'bucket posture');
    for (const p of d.posture) out.push(`  ~ ${postureText(p)}`);
  }
  if (d.findings.gained.length || d.findings.lost.length) {
    out.push('', 'findings of the complete analysis (beyond the config)');
    for (const f of d.findings.gained) out.push(`  + ${findingText(f)}`);
    for (const f of d.findings.lost) out.push(`  - ${findingText(f)}`);
  }
  if (d.accepted.gained.length || d.accepted.lost.length) {
    out.push('', 'accepted grants (producer.bucket.policyStatements)');
    for (const f of d.accepted.gained) out.push(`  + ${findingText(f)}`);
    for (const f of d.accepted.lost) out.push(`  - ${findingText(f)}`);
  }
  out.push('', summaryLine(d));
  return out.join('\n');
}

/** What --fail-on-new-access lists: every gain, in one line each. */
export function newAccessLines(d: AccessDiff): string[] {
  return [
    ...(d.bucket ? [`another bucket: ${d.bucket.base} -> ${d.bucket.current}: everything on it is new`] : []),
    ...d.gained.map(
      (f) =>
        `${f.principal} ${pathText(f.path)} ${f.workflow} on ${f.target}${f.consumers.length ? ` (${f.consumers.join(', ')})` : ''}`,
    ),
    ...d.findings.gained.map((f) => `finding ${findingText(f)}`),
    ...d.accepted.gained.map((f) => `accepted grant ${findingText(f)}`),
    ...d.posture.filter((p) => p.widens).map((p) => `posture ${postureText(p)}`),
    ...(d.policyProblems
      ? [
          `policy problems: ${d.policyProblems.current} on this side, ${d.policyProblems.base} on the base: what they touch is not proven (npm run verify names them)`,
        ]
      : []),
  ];
}

// Cells quote the configs: control characters escaped, and nothing that opens HTML or breaks the table.
const esc = (s: string) => terminalSafe(s.replace(/\n/g, ' ')).replace(/[|<>]/g, (c) => `\\${c}`);
const code = (xs: string[]) => xs.map((x) => `\`${x}\``).join(', ');

/** Characters of the Access tables in a comment; GitHub's limit is 65,536 for the whole. */
const ACCESS_BUDGET = 40_000;
/** Beyond this, a Mermaid diagram is left out (GitHub renders up to 500 edges, slowly). */
const DIAGRAM_BUDGET = 15_000;

function principalSection(p: PrincipalChange): string[] {
  const tag = p.status === 'new' ? ' — **new principal**' : p.status === 'gone' ? ' — **principal gone**' : '';
  const out = [
    `#### ${p.consumers.length ? p.consumers.join(', ') : 'not a consumer of the config'}: \`${roleName(p.principal)}\` (${accountOf(p.principal)})${tag}`,
    '',
    `\`${p.principal}\``,
    '',
    '| path | prefix | gained | lost |',
    '|---|---|---|---|',
  ];
  for (const path of p.paths)
    for (const t of path.changes) {
      const cell = `${t.side === 'gained' ? '➕' : '➖'} ${t.workflows.join(', ')}${esc(notes(t))}${t.actions.length ? `<br>${code(t.actions)}` : ''}`;
      out.push(
        `| ${esc(pathText(path.path))} | ${esc(t.target)} | ${t.side === 'gained' ? cell : ''} | ${t.side === 'lost' ? cell : ''} |`,
      );
    }
  out.push('');
  return out;
}

export function markdownReport(r: DiffResult, labels: Labels): string {
  const d = r.diff;
  const out: string[] = [COMMENT_MARKER, `## Access diff: \`${esc(labels.base)}\` → \`${esc(labels.current)}\``, ''];
  out.push(
    d.newAccess
      ? `**⚠️ New access.** ${esc(summaryLine(d).replace(/: NEW ACCESS$/, '.'))}`
      : isEmpty(d)
        ? `**✅ No change in access**: the same ${r.current.facts.length} allowed workflows, findings, routes and posture.`
        : `**✅ No new access.** ${esc(summaryLine(d).replace(/: no new access$/, '.'))}`,
    '',
    `Bucket ${r.base.bucket === r.current.bucket ? `\`${r.current.bucket}\`` : `changed: \`${r.base.bucket}\` → \`${r.current.bucket}\``}. ` +
      'Evaluated offline with @cloud-copilot/iam-simulate on both synthesized outputs: each client workflow a principal can run, by path and prefix.',
    '',
  );
  for (const x of d.switches)
    out.push(`> **⚠️ ${esc(x.message.replace(/^CLIENTS MUST SWITCH: /, 'Clients must switch:** '))}`, '');
  for (const [name, side] of [
    ['base', r.base],
    ['current', r.current],
  ] as const) {
    if (!side.verify.ok)
      out.push(
        `> The ${name} side does not verify clean (${side.verify.findings} finding(s), ${side.verify.mismatches} workflow(s) differ, ${side.verify.lint} policy problem(s)): see \`npm run verify\`.`,
        '',
      );
  }
  if (isEmpty(d)) return out.join('\n');
  if (d.consumers.length) {
    out.push('### Consumers (as written)', '', '| consumer | before | after |', '|---|---|---|');
    for (const c of d.consumers) out.push(`| ${c.name} | ${esc(c.base ?? '—')} | ${esc(c.current ?? '—')} |`);
    out.push('');
  }
  if (d.routes.length) {
    out.push('### Routes', '', '| consumer | before | after |', '|---|---|---|');
    for (const c of d.routes) out.push(`| ${c.name} | ${esc(c.base ?? '')} | ${esc(c.current ?? '')} |`);
    out.push('');
  }
  const principals = byPrincipal(d);
  if (principals.length) {
    out.push('### Access', '');
    // A comment holds 65,536 characters: principals gaining come first, and what does not fit is counted.
    const gaining = (p: PrincipalChange) => p.paths.some((x) => x.changes.some((t) => t.side === 'gained'));
    const ordered = [...principals.filter(gaining), ...principals.filter((p) => !gaining(p))];
    let size = 0;
    for (const [i, p] of ordered.entries()) {
      const section = principalSection(p);
      size += section.join('\n').length;
      if (size > ACCESS_BUDGET) {
        out.push(
          `_… and ${ordered.length - i} more principal(s), ${ordered.slice(i).filter(gaining).length} of them gaining: see the terminal output or \`--json\`._`,
          '',
        );
        break;
      }
      out.push(...section);
    }
  }
  if (d.posture.length) {
    out.push('### Bucket posture', '', '| setting | before | after |', '|---|---|---|');
    for (const p of d.posture)
      out.push(`| ${esc(p.setting)} | ${esc(p.base)} | ${esc(p.current)}${p.widens ? ' ⚠️ widens' : ''} |`);
    out.push('');
  }
  const findings = (title: string, f: AccessDiff['findings']) => {
    if (!f.gained.length && !f.lost.length) return;
    out.push(`### ${title}`, '', '| | kind | document | Sid | what |', '|---|---|---|---|---|');
    for (const [mark, list] of [
      ['➕', f.gained],
      ['➖', f.lost],
    ] as const)
      for (const x of list)
        out.push(`| ${mark} | ${x.kind} | ${esc(x.document)} | ${esc(x.sid)} | ${esc(x.message)} |`);
    out.push('');
  };
  findings('Findings of the complete analysis (beyond the config)', d.findings);
  findings('Accepted grants (producer.bucket.policyStatements)', d.accepted);
  const diagram = mermaid(r);
  out.push(
    '### Diagram',
    '',
    ...(diagram.length <= DIAGRAM_BUDGET
      ? ['```mermaid', diagram, '```']
      : [`_Too many changed edges to draw (${diagram.split('\n').length} lines of Mermaid)._`]),
    '',
  );
  return out.join('\n');
}

export function jsonReport(r: DiffResult, labels: Labels): string {
  const side = (label: string, s: DiffResult['base']) => ({
    label,
    bucket: s.bucket,
    verify: s.verify,
    allowed: s.facts.length,
  });
  return `${JSON.stringify(
    {
      tool: 'cross-account-s3 access diff',
      base: side(labels.base, r.base),
      current: side(labels.current, r.current),
      summary: summaryLine(r.diff),
      ...r.diff,
    },
    null,
    2,
  )}\n`;
}
