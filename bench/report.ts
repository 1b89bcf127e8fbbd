/**
 * BENCHMARKS.md from bench/results.json, nothing else: `npm run bench:report` regenerates it
 * without measuring again (npm run bench calls it at the end). Every number and every reading
 * ("ours is slower", "faster") is derived from the data here.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { InProcessRun, ProcessRun, Results, Row, SideResult } from './results';
import { SIDES, SideName } from './sides';
import { BENCH, ROOT } from './paths';

const root = ROOT;
const BUCKET_LIMIT = 20 * 1024;
const KEY_LIMIT = 32 * 1024;

const secs = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);
function time(run: ProcessRun | undefined, ms?: number): string {
  if (!run) return '–';
  if (run.status === 'ok') return ms === undefined ? '–' : secs(ms);
  if (run.status === 'timeout') return `not finished in ${run.timeoutS} s`;
  if (run.status === 'skipped') return run.note?.startsWith('skipped') ? run.note : 'skipped';
  return 'failed';
}
const wall = (r: ProcessRun | undefined) => time(r, r?.wallMs);
/** Wall time, and CPU time when known. */
const wallCpu = (r: ProcessRun | undefined) =>
  r?.status === 'ok' && r.cpuMs !== undefined ? `${wall(r)} (${secs(r.cpuMs)} CPU)` : wall(r);
const first = (r: InProcessRun | undefined) => time(r, r?.firstMs);
const warm = (r: InProcessRun | undefined) => time(r, r?.warmMs);
const mb = (r: ProcessRun | undefined) => (r?.peakMb !== undefined ? `${r.peakMb} MB` : '–');
const kb = (b?: number) => (b === undefined ? '–' : `${(b / 1024).toFixed(1)} KB`);
const pct = (b: number | undefined, limit: number) =>
  b === undefined ? '–' : `${kb(b)} (${Math.round((100 * b) / limit)}%)${b > limit ? ' **over the limit**' : ''}`;
const int = (n?: number) => (n === undefined ? '–' : n.toLocaleString('en-US'));
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** ours ÷ other, when both finished. */
function ratio(ours?: number, other?: number): number | undefined {
  return ours !== undefined && other !== undefined && other > 0 ? ours / other : undefined;
}
const okMs = (r: ProcessRun | undefined, ms?: number) => (r?.status === 'ok' ? ms : undefined);
const fmtRatio = (x?: number) => (x === undefined ? '–' : x >= 10 ? x.toFixed(0) : x.toFixed(2));

type Other = 'cdk' | 'cdkNoValidation' | 'plain' | 'floor';
type Metric = 'wall' | 'cpu' | 'first' | 'firstCpu';
const OTHERS: Other[] = ['cdk', 'cdkNoValidation', 'plain', 'floor'];
const METRICS: Record<Metric, string> = {
  wall: 'whole process, wall time',
  cpu: 'whole process, CPU time',
  first: 'first synth in-process, wall time',
  firstCpu: 'first synth in-process, CPU time',
};

/**
 * A side's time for a metric, when it finished. The floor's in-process time is parse + stringify + write
 * (one thread: CPU ≈ wall).
 */
function value(r: Row, side: 'ours' | Other, metric: Metric): number | undefined {
  if (side === 'floor') {
    const f = r.floor;
    if (f.process.status !== 'ok') return undefined;
    return metric === 'wall' ? f.process.wallMs : metric === 'cpu' ? f.process.cpuMs : f.floorMs;
  }
  const s: SideResult = r[side];
  if (metric === 'wall') return okMs(s.process, s.process.wallMs);
  if (metric === 'cpu') return okMs(s.process, s.process.cpuMs);
  return okMs(s.inProcess, metric === 'first' ? s.inProcess.firstMs : s.inProcess.firstCpuMs);
}
const ratioOf = (r: Row, other: Other, metric: Metric) => ratio(value(r, 'ours', metric), value(r, other, metric));

/** Where ours is faster, where slower, by how much, for one metric. */
function reading(rows: Row[], other: Other, metric: Metric): string {
  const pts = rows
    .map((r) => ({ n: r.n, x: ratioOf(r, other, metric) }))
    .filter((p): p is { n: number; x: number } => p.x !== undefined);
  const missing = rows.filter((r) => ratioOf(r, other, metric) === undefined).map((r) => r.n);
  const fmt = (ps: { n: number; x: number }[]) =>
    ps.map((p) => `${p.x >= 10 ? p.x.toFixed(0) : p.x.toFixed(2)} at N = ${int(p.n)}`).join(', ');
  const slower = pts.filter((p) => p.x > 1.05);
  const faster = pts.filter((p) => p.x < 1 / 1.05);
  const even = pts.filter((p) => p.x <= 1.05 && p.x >= 1 / 1.05);
  const parts: string[] = [];
  if (slower.length) parts.push(`**ours is slower**: ours ÷ theirs = ${fmt(slower)}`);
  if (faster.length) parts.push(`ours is faster: ours ÷ theirs = ${fmt(faster)}`);
  if (even.length) parts.push(`within 5 % at N = ${even.map((p) => int(p.n)).join(', ')}`);
  if (missing.length)
    parts.push(`no ratio at N = ${missing.map(int).join(', ')} (a side did not finish or was skipped)`);
  return `  - ${METRICS[metric]}: ${parts.join('; ')}.`;
}

const sideFirst = (s: SideResult) => okMs(s.inProcess, s.inProcess.firstMs);
const sideWall = (s: SideResult) => okMs(s.process, s.process.wallMs);
const OTHER_LABEL: Record<Other, string> = {
  cdk: 'AWS CDK as a new project (validation on)',
  cdkNoValidation: 'AWS CDK with CDK_VALIDATION=false',
  plain: 'plain cdktf (one policy document per policy, no merging, no size check)',
  floor: 'the floor (rewriting our own output in plain Node)',
};

/** The targets the project holds itself to (its issues), each with what this run measured: met or not, plainly. */
function targets(rows: Row[]): string[] {
  const at = (n: number) => rows.find((r) => r.n === n);
  const s = (ms?: number) => (ms === undefined ? 'not measured' : `${(ms / 1000).toFixed(2)} s`);
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
  const lines: string[] = [];
  const floorRatio = (n: number, limit: number) => {
    const r = at(n);
    const x = r && ratio(value(r, 'ours', 'wall'), value(r, 'floor', 'wall'));
    const c = r && ratio(value(r, 'ours', 'cpu'), value(r, 'floor', 'cpu'));
    lines.push(
      `- Synth within ${limit}× its floor at ${int(n)} consumers (whole process): ` +
        `${x === undefined ? 'not measured' : `${fmtRatio(x)}× wall, ${fmtRatio(c)}× CPU`} — ${verdict(x === undefined ? undefined : x <= limit)}.`,
    );
  };
  floorRatio(1000, 10);
  floorRatio(10000, 15);
  const big = at(10000)?.ours.process;
  lines.push(
    `- Peak memory under 600 MB at 10,000: ${big?.peakMb === undefined ? 'not measured' : `${big.peakMb} MB`} — ` +
      `${verdict(big?.peakMb === undefined ? undefined : big.peakMb < 600)}.`,
  );
  const one = at(1)?.ours.process;
  lines.push(
    `- The default-sized config (N = 1) under 0.5 s, whole process: ${s(okMs(one, one?.wallMs))} — ` +
      `${verdict(one?.wallMs === undefined ? undefined : one.wallMs < 500)}.`,
  );
  const plainRatios = rows
    .map((r) => ({ n: r.n, x: ratio(value(r, 'ours', 'wall'), value(r, 'plain', 'wall')) }))
    .filter((p): p is { n: number; x: number } => p.x !== undefined);
  const above = plainRatios.filter((p) => p.x > 1);
  lines.push(
    `- At or below the plain-cdktf baseline at every N (whole process, wall): ` +
      (plainRatios.length === 0
        ? 'not measured.'
        : above.length === 0
          ? 'met (ours ÷ plain ≤ 1 everywhere).'
          : `**not met** at N = ${above.map((p) => `${int(p.n)} (${fmtRatio(p.x)}×)`).join(', ')}.`),
  );
  for (const [n, limitS] of [
    [1000, 60],
    [10000, 600],
  ] as const) {
    const v = at(n)?.verify;
    const ms = okMs(v, v?.wallMs);
    lines.push(
      `- Verify of ${int(n)} consumers under ${limitS >= 120 ? `${limitS / 60} min` : `${limitS} s`}: ${s(ms)}` +
        `${v?.peakMb !== undefined ? `, ${v.peakMb} MB` : ''} — ${verdict(ms === undefined ? undefined : ms < limitS * 1000)}` +
        `${n === 1000 && v?.peakMb !== undefined ? ` (and under 1 GB: ${verdict(v.peakMb < 1024)})` : ''}.`,
    );
  }
  return lines;
}

/** Least-squares slope of ln(t) over ln(N). */
function slope(points: { n: number; ms?: number }[]): number | undefined {
  const p = points.filter((x) => x.ms !== undefined && x.ms > 0 && x.n > 0) as { n: number; ms: number }[];
  if (p.length < 2) return undefined;
  const xs = p.map((x) => Math.log(x.n));
  const ys = p.map((x) => Math.log(x.ms));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return num / den;
}

export function renderReport(res: Results): string {
  const rows = res.rows;
  const m = res.machine;
  const v = res.versions;
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    'Generated by `npm run bench` from `bench/results.json` (regenerate the text alone with `npm run bench:report`); do not edit by hand.',
    '',
  );
  out.push(
    `Run of ${res.date.slice(0, 16).replace('T', ' ')} UTC${res.quick ? ' (`--quick`)' : ''}, ${res.totalS} s in all: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, ${m.os}, Node ${m.node}; ` +
      `cdktf ${v.cdktf}, @cdktf/provider-aws ${v['@cdktf/provider-aws']}, aws-cdk-lib ${v['aws-cdk-lib']}, TypeScript ${v.typescript} (every side compiled by tsc and run by node). ` +
      `Load average (1, 5, 15 min) ${m.loadAvgStart.join(', ')} at the start and ${m.loadAvgEnd.join(', ')} at the end: on a shared machine, other work adds noise to every time below.`,
    '',
  );

  out.push('## Targets', '');
  out.push(...targets(rows), '');

  out.push('## Method', '');
  out.push(
    `The same consumers for every side: \`bench/generate.ts\` writes a config of N consumers over five accounts, levels read / read-write / write / read in turn, one in ten \`assume-role\` and one in ten \`access-point\` (the rest \`direct\`), half with a prefix of their own and half sharing one of three; SSE-KMS with a bucket key; \`overflow: "access-points"\` and \`keyGrants: "accounts"\`. N = ${res.settings.sizes.map(int).join(', ')}.`,
    '',
  );
  for (const k of Object.keys(SIDES) as SideName[]) out.push(`- **${SIDES[k].label}**: ${SIDES[k].what}.`);
  out.push(
    '',
    `Times: *whole process* is the wall clock of the child process, from spawn to exit (Node start-up, loading and transpiling the TypeScript, synth, writing). *In-process* runs each side in a fresh child (\`bench/inproc.ts\`) and times, inside it, loading the side’s modules, the *first synth* (the first synth of a process: lazy loading and JIT warm-up included) and the *warm synth* (the same synth again in the same process). For N ≤ 100 every measurement runs ${res.settings.repeatsUpTo100} time(s) (\`BENCH_REPEAT\`) and the median is shown; above, once. Peak memory is the maxRSS of the child’s Node process (\`bench/rss-probe.js\`). Every run has a timeout (${Object.entries(
      res.settings.timeoutS,
    )
      .map(([k, s]) => `${k} ${s} s`)
      .join(
        ', ',
      )}; \`npm run verify\` ${res.settings.verifyTimeoutS} s, run for N ≤ ${int(res.settings.verifyMax)}: \`BENCH_VERIFY_MAX\`); a run that does not finish is shown as such, and larger N of that side are skipped. Policy sizes are minified JSON as deployed, references replaced by an ARN of the length they become.`,
    '',
  );

  out.push('## Time, whole process', '');
  out.push(
    table(
      [
        'N',
        'ours (`npm run synth`)',
        'AWS CDK, new project',
        'AWS CDK, CDK_VALIDATION=false',
        'plain cdktf',
        'floor (Node start-up + read + rewrite)',
        'load average when N started',
      ],
      rows.map((r) => [
        int(r.n),
        wallCpu(r.ours.process),
        wallCpu(r.cdk.process),
        wallCpu(r.cdkNoValidation.process),
        wallCpu(r.plain.process),
        wallCpu(r.floor.process),
        (r.loadAvg ?? []).join(', '),
      ]),
    ),
    '',
  );

  out.push('## Time, in-process', '');
  out.push(
    table(
      [
        'N',
        'ours: load',
        'ours: first synth',
        'ours: warm synth',
        'AWS CDK new project: first / warm',
        'AWS CDK no validation: first / warm',
        'plain cdktf: first / warm',
        'floor: parse + stringify + write',
      ],
      rows.map((r) => [
        int(r.n),
        time(r.ours.inProcess, r.ours.inProcess.loadMs),
        first(r.ours.inProcess),
        warm(r.ours.inProcess),
        `${first(r.cdk.inProcess)} / ${warm(r.cdk.inProcess)}`,
        `${first(r.cdkNoValidation.inProcess)} / ${warm(r.cdkNoValidation.inProcess)}`,
        `${first(r.plain.inProcess)} / ${warm(r.plain.inProcess)}`,
        time(r.floor.process, r.floor.floorMs),
      ]),
    ),
    '',
  );

  out.push('## Ratios: ours ÷ theirs (above 1: ours is slower)', '');
  const ratioTable = (metrics: [Metric, Metric]) =>
    table(
      ['N', ...OTHERS.map((o) => `÷ ${SIDES[o].label}`)],
      rows.map((r) => [int(r.n), ...OTHERS.map((o) => metrics.map((m) => fmtRatio(ratioOf(r, o, m))).join(' / '))]),
    );
  out.push(
    'Whole process, wall time / CPU time:',
    '',
    ratioTable(['wall', 'cpu']),
    '',
    'First synth in-process, wall time / CPU time (for the floor: parse + stringify + write of our output):',
    '',
    ratioTable(['first', 'firstCpu']),
    '',
    'CPU time (user + system, all threads) moves less than wall time with other work on the machine; wall time is what a user waits.',
    '',
    '### Reading it',
    '',
  );
  for (const o of OTHERS) {
    out.push(`- Against ${OTHER_LABEL[o]}:`);
    for (const m of Object.keys(METRICS) as Metric[]) out.push(reading(rows, o, m));
  }
  out.push('');

  const fits = (xs: { n: number; ms?: number }[]) => {
    const all = slope(xs);
    const big = slope(xs.filter((x) => x.n >= 100));
    return `${all === undefined ? '–' : all.toFixed(2)} over all N, ${big === undefined ? '–' : big.toFixed(2)} over N ≥ 100`;
  };
  out.push('## Growth', '');
  out.push(
    'Fitted exponent k of time ∝ N^k (least-squares slope of ln t over ln N; 1 is linear; fixed costs such as start-up pull it down at small N):',
    '',
    `- ours, first synth in-process: ${fits(rows.map((r) => ({ n: r.n, ms: sideFirst(r.ours) })))}; its CPU time: ${fits(rows.map((r) => ({ n: r.n, ms: value(r, 'ours', 'firstCpu') })))}; warm synth: ${fits(rows.map((r) => ({ n: r.n, ms: okMs(r.ours.inProcess, r.ours.inProcess.warmMs) })))}; whole process: ${fits(rows.map((r) => ({ n: r.n, ms: sideWall(r.ours) })))}`,
    `- plain cdktf, first synth: ${fits(rows.map((r) => ({ n: r.n, ms: sideFirst(r.plain) })))}`,
    `- AWS CDK new project, first synth: ${fits(rows.map((r) => ({ n: r.n, ms: sideFirst(r.cdk) })))}; no validation: ${fits(rows.map((r) => ({ n: r.n, ms: sideFirst(r.cdkNoValidation) })))}`,
    `- floor, parse + stringify + write: ${fits(rows.map((r) => ({ n: r.n, ms: okMs(r.floor.process, r.floor.floorMs) })))}`,
    '',
  );

  out.push('## Peak memory (maxRSS)', '');
  out.push(
    table(
      [
        'N',
        'ours, whole process',
        'ours, in-process after first synth',
        'AWS CDK, new project',
        'AWS CDK, no validation',
        'plain cdktf',
        'floor',
      ],
      rows.map((r) => [
        int(r.n),
        mb(r.ours.process),
        r.ours.inProcess.peakAfterFirstMb !== undefined ? `${r.ours.inProcess.peakAfterFirstMb} MB` : '–',
        mb(r.cdk.process),
        mb(r.cdkNoValidation.process),
        mb(r.plain.process),
        mb(r.floor.process),
      ]),
    ),
    '',
  );

  out.push('## What each side writes', '');
  const cdkMeasure = (r: Row) => r.cdk.measure ?? r.cdkNoValidation.measure;
  out.push(
    table(
      [
        'N',
        'ours: resources (outputs)',
        'ours: bucket policy (% of 20 KB)',
        'ours: key policy',
        'ours: moved to access points',
        'plain cdktf: resources + data sources',
        'plain cdktf: bucket policy',
        'plain cdktf: key policy',
        'AWS CDK: resources in stacks (of them cross-stack plumbing)',
        'AWS CDK: bucket policy',
        'AWS CDK: key policy',
        'AWS CDK: largest stack, resources (of 500) / template (of 1 MB)',
      ],
      rows.map((r) => {
        const o = r.ours.measure;
        const p = r.plain.measure;
        const c = cdkMeasure(r);
        return [
          int(r.n),
          o ? `${int(o.resources)} (${int(o.outputs)})` : '–',
          pct(o?.bucketPolicyBytes, BUCKET_LIMIT),
          pct(o?.keyPolicyBytes, KEY_LIMIT),
          int(o?.moved),
          p ? `${int(p.resources)} + ${int(p.dataSources)}` : '–',
          pct(p?.bucketPolicyBytes, BUCKET_LIMIT),
          pct(p?.keyPolicyBytes, KEY_LIMIT),
          c ? `${int(c.resources)} in ${c.stacks} (${int(c.crossStackResources)})` : '–',
          pct(c?.bucketPolicyBytes, BUCKET_LIMIT),
          pct(c?.keyPolicyBytes, KEY_LIMIT),
          c
            ? `${int(c.largestStackResources)}${c.largestStackResources > 500 ? ' **over**' : ''} / ${kb(c.largestTemplateBytes)}${c.largestTemplateBytes > 1024 * 1024 ? ' **over**' : ''}`
            : '–',
        ];
      }),
    ),
    '',
    'Resources of ours and of plain cdktf are Terraform resources in cdk.tf.json (plain cdktf’s policies are `aws_iam_policy_document` data sources besides); AWS CDK’s are CloudFormation resources over all its stacks, without `AWS::CDK::Metadata`. Ours and plain cdktf write the same kinds of resources for the consumers as configured; ours has more because consumers moved to access points get one each. AWS CDK’s count is lower because a bucket’s settings are properties of `AWS::S3::Bucket` (five Terraform resources) and its imported roles get one `AWS::IAM::Policy` each.',
    '',
  );

  out.push('## `npm run verify`', '');
  out.push(
    table(
      ['N', 'time', 'result'],
      rows.map((r) => [
        int(r.n),
        r.verify.status === 'skipped' ? `not run (${r.verify.note ?? ''})` : wall(r.verify),
        r.verify.status === 'ok'
          ? (r.verify.summary ?? 'exit 0')
          : r.verify.status === 'failed'
            ? (r.verify.note ?? 'failed')
            : '–',
      ]),
    ),
    '',
  );

  out.push('## What each side leaves out', '');
  for (const k of Object.keys(SIDES) as SideName[]) {
    out.push(`**${SIDES[k].label}**`, '', ...(res.leftOut[k] ?? SIDES[k].leftOut).map((x) => `- ${x}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Writes BENCHMARKS.md at the root; returns its path. */
export function writeReport(res: Results): string {
  const file = path.join(root, 'BENCHMARKS.md');
  fs.writeFileSync(file, renderReport(res));
  return file;
}

if (require.main === module) {
  const res = JSON.parse(fs.readFileSync(path.join(BENCH, 'results.json'), 'utf8')) as Results;
  process.stdout.write(`written: ${path.relative(root, writeReport(res))}\n`);
}
