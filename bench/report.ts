/**
 * BENCHMARKS.md from bench/results.json, nothing else: `npm run bench:report` regenerates it
 * without measuring again (npm run bench calls it at the end). Every number and every reading
 * is derived from the samples: a ratio is given with the range its samples allow, and a target
 * is declared met only when that whole range is within it, the spreads are narrow and the machine
 * was quiet; otherwise the report says which of these failed.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Measurement, Results, Row, SideKey } from './results';
import { SIDE_KEYS, SIDES } from './sides';
import { BENCH, ROOT } from './paths';

const root = ROOT;

const secs = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const pct = (x: number) => `${Math.round(100 * x)}%`;
const fmt = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(2));

/** The range a ratio a/b can take over the samples: [min a / max b, max a / min b], and the ratio of medians. */
export interface Ratio {
  median: number;
  low: number;
  high: number;
}
export function ratioOf(a?: Measurement, b?: Measurement): Ratio | undefined {
  if (a?.status !== 'ok' || b?.status !== 'ok' || !a.wall || !b.wall || b.wall.min <= 0) return undefined;
  return { median: a.wall.median / b.wall.median, low: a.wall.min / b.wall.max, high: a.wall.max / b.wall.min };
}
const ratioText = (r?: Ratio) => (r ? `${fmt(r.median)}× (${fmt(r.low)}–${fmt(r.high)})` : '–');

/** The highest 1-minute load average seen before any sample, per core. */
function busiest(res: Results): number {
  let max = 0;
  for (const r of res.rows)
    for (const m of Object.values(r.sides)) for (const s of m?.samples ?? []) max = Math.max(max, s.loadBefore);
  return max / res.machine.cores;
}

/** The largest share of the machine other work took during a sample of these (undefined: not measured). */
function othersPeak(ms: (Measurement | undefined)[]): number | undefined {
  let max: number | undefined;
  for (const m of ms)
    for (const s of m?.samples ?? []) if (s.othersShare !== undefined) max = Math.max(max ?? 0, s.othersShare);
  return max;
}
const everyMeasurement = (res: Results) => res.rows.flatMap((r) => Object.values(r.sides));

/** The quiet-machine rule this run was judged by (runs before "others" was measured: the load). */
const criterion = (res: Results) =>
  res.settings.maxOthersShare !== undefined
    ? `during no sample did other work take more than ${pct(res.settings.maxOthersShare)} of the machine ("others": all cores' busy time minus the child's own CPU, over the sample's wall time × cores; the 1-minute load is shown too, but on 2 cores it counts the bench's own previous sample)`
    : `no sample started at a 1-minute load above ${res.settings.maxLoadPerCore ?? 0.5} per core`;

/** Why the machine was too busy to decide on these measurements, or undefined. */
function tooBusy(res: Results, ms: Measurement[]): string | undefined {
  const others = othersPeak(ms);
  const bound = res.settings.maxOthersShare;
  if (others !== undefined && bound !== undefined)
    return others > bound
      ? `other work took up to ${pct(others)} of the machine during a sample (> ${pct(bound)})`
      : undefined;
  const load = busiest(res);
  return load > (res.settings.maxLoadPerCore ?? 0.5)
    ? `the machine was busy (1-minute load up to ${(load * res.machine.cores).toFixed(1)} on ${res.machine.cores} cores)`
    : undefined;
}

export type Verdict = { met: boolean | undefined; text: string };

/** A ratio (or a value) against an upper bound, honest about noise. */
export function verdict(res: Results, range: Ratio | undefined, bound: number, ms: Measurement[], unit = '×'): Verdict {
  if (!range) return { met: undefined, text: 'not measured' };
  const shown = unit === '×' ? ratioText(range) : `${secs(range.median)} (${secs(range.low)}–${secs(range.high)})`;
  const limit = unit === '×' ? `${bound}×` : secs(bound);
  if (range.low > bound) return { met: false, text: `**NOT met**: ${shown}, every sample above ${limit}` };
  if (res.settings.rounds < 3)
    return { met: undefined, text: `not decided: ${shown}; ${res.settings.rounds} sample(s) per side (a smoke run)` };
  const busy = tooBusy(res, ms);
  if (busy) return { met: undefined, text: `not decided: ${shown}; ${busy}` };
  const wide = ms.filter((m) => (m.wall?.spread ?? 0) > res.settings.maxSpread);
  if (wide.length)
    return {
      met: undefined,
      text: `not decided: ${shown}; spread too wide (${wide.map((m) => `${m.side} ${pct(m.wall!.spread)}`).join(', ')} > ${pct(res.settings.maxSpread)})`,
    };
  if (range.high > bound) return { met: undefined, text: `not decided: ${shown} straddles ${limit}` };
  return { met: true, text: `met: ${shown}, every sample within ${limit}` };
}

const measured = (r: Row, side: SideKey) => r.sides[side];

function targets(res: Results): string[] {
  const out: string[] = [];
  for (const n of [1000, 10000]) {
    const r = res.rows.find((x) => x.n === n);
    if (!r) {
      out.push(
        `- synth at ${n.toLocaleString('en-US')} ≤ 5× the floor: not run (N = ${n.toLocaleString('en-US')} not in this run)`,
      );
      continue;
    }
    const ours = measured(r, 'ours');
    const floor = measured(r, 'floor');
    out.push(
      `- synth at ${n.toLocaleString('en-US')} ≤ 5× the floor: ${verdict(res, ratioOf(ours, floor), 5, [ours!, floor!].filter(Boolean)).text}`,
    );
  }
  const v = res.rows.find((x) => x.n === 10000)?.sides.verify;
  if (v?.status === 'ok' && v.wall) {
    out.push(
      `- verify of 10,000 ≤ 60 s: ${verdict(res, { median: v.wall.median, low: v.wall.min, high: v.wall.max }, 60000, [v], 's').text}`,
    );
    out.push(
      `- verify of 10,000 < 1 GB: ${v.peakMb === undefined ? 'not measured' : v.peakMb < 1024 ? `met: peak ${v.peakMb} MB (largest sample)` : `**NOT met**: peak ${v.peakMb} MB`}`,
    );
  } else
    out.push(
      `- verify of 10,000 ≤ 60 s and < 1 GB: ${v ? `${v.status}${v.note ? ` (${v.note.split('\n')[0]})` : ''}` : 'not run'}`,
    );
  if (!res.rows.some((r) => r.n >= 100 && r.sides.diff && r.sides.verify))
    out.push('- diff ≤ 2.5× one verify: not run (N ≥ 100 with both measured not in this run)');
  for (const r of res.rows.filter((x) => x.n >= 100)) {
    const d = measured(r, 'diff');
    const ver = measured(r, 'verify');
    if (d && ver)
      out.push(
        `- diff at ${r.n.toLocaleString('en-US')} ≤ 2.5× one verify: ${verdict(res, ratioOf(d, ver), 2.5, [d, ver]).text}`,
      );
  }
  return out;
}

function cell(m?: Measurement): string[] {
  if (!m) return ['–', '–', '–', '–', '–', '–'];
  if (m.status !== 'ok' || !m.wall)
    return [
      m.status === 'skipped' ? (m.note ?? 'skipped') : `${m.status}${m.note ? `: ${m.note.split('\n')[0]}` : ''}`,
      '',
      '',
      '',
      '',
      '',
    ];
  const loads = m.samples.map((s) => s.loadBefore);
  const others = m.samples.flatMap((s) => (s.othersShare !== undefined ? [s.othersShare] : []));
  const all = m.wall.all ? ` (all ${m.samples.length}: ${secs(m.wall.all.min)}–${secs(m.wall.all.max)})` : '';
  return [
    secs(m.wall.median),
    `${secs(m.wall.min)}–${secs(m.wall.max)}${all}`,
    `${pct(m.wall.spread)}${m.wall.spread > 0.25 ? ' (wide)' : ''}`,
    m.cpu ? secs(m.cpu.median) : '–',
    m.peakMb !== undefined ? `${m.peakMb} MB` : '–',
    others.length ? `${pct(Math.min(...others))}–${pct(Math.max(...others))}` : '–',
    `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  ];
}

/** "ours takes 0.69× its time" or "ours takes 7.9× its time": either way, as the numbers say. */
function reading(r?: Ratio): string {
  if (!r) return '–';
  const t = ratioText(r);
  if (r.high < 1) return `${t}: ours faster`;
  if (r.low > 1) return `${t}: ours slower`;
  return `${t}: within noise`;
}

function renderReport(res: Results, previous?: Results): string {
  const out: string[] = [
    '<!-- Generated by `npm run bench` / `npm run bench:report` from bench/results.json: do not edit by hand. -->',
    '# Benchmarks',
    '',
    `Run ${res.date}${res.quick ? ' (--quick)' : ''} on ${res.machine.cpu}, ${res.machine.cores} cores, ${res.machine.memGiB} GiB, ${res.machine.os}, Node ${res.machine.node}; ${res.totalS} s in all.`,
    `Load average (1, 5, 15 min) at the start ${res.machine.loadAvgStart.join(', ')}, at the end ${res.machine.loadAvgEnd.join(', ')}; the highest 1-minute load before a sample: ${(busiest(res) * res.machine.cores).toFixed(1)}; the most other work took of the machine during a sample: ${othersPeak(everyMeasurement(res)) !== undefined ? pct(othersPeak(everyMeasurement(res))!) : 'not measured'}.`,
    `Versions: ${Object.entries(res.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
    `Every side at every N was sampled ${res.settings.rounds} times, interleaved: each round runs every side once, the order rotated by one each round. Times are wall clock of the whole process, from outside; median, min–max and spread ((max − min) / median) over the samples${res.settings.rounds >= 5 ? ', the fastest and the slowest sample of each side left out of min–max, spread and ranges (one sample hit by something outside the run must not decide; every sample\'s range is shown beside them, and all samples count for "others" and peak memory)' : ''}; CPU is user + system of the child's Node processes. A ratio is the ratio of medians, with in brackets the range the samples allow (fastest over slowest to slowest over fastest). A target is declared met only when that whole range is within it, no spread is above ${pct(res.settings.maxSpread)} and ${criterion(res)}.`,
    ...(res.settings.rounds < 3
      ? [
          '',
          `**A smoke run (${res.settings.rounds} sample per side): it checks the machinery and decides nothing. To be re-measured: \`npm run bench\` on a quiet machine (docs/benchmarks.md).**`,
        ]
      : []),
    '',
    '## Targets',
    '',
    ...targets(res),
    '',
    ...rerunSection(res, previous),
    '## Times',
    '',
  ];
  for (const r of res.rows) {
    out.push(`### N = ${r.n.toLocaleString('en-US')} (config ${(r.configBytes / 1024).toFixed(0)} KB)`, '');
    out.push(
      table(
        ['side', 'median', 'min–max', 'spread', 'CPU (median)', 'peak RSS', 'others', 'load before'],
        SIDE_KEYS.filter((k) => r.sides[k]).map((k) => [SIDES[k].label, ...cell(r.sides[k])]),
      ),
      '',
    );
    if (r.verifySummary) out.push(`verify said: \`${r.verifySummary}\``, '');
    if (r.verifyStats)
      out.push(
        `verify's distinct requests: ${r.verifyStats.fast} decided by its own evaluator, ${r.verifyStats.oracle} by @cloud-copilot/iam-simulate (which also checks the first of each kind the fast path answered).`,
        '',
      );
    if (r.floorDetail?.sameBytes === false) out.push('**The floor did not write the same bytes as ours.**', '');
  }
  out.push('## Ours against each side', '', 'Ours (whole `npm run synth` process) ÷ the side, wall time:', '');
  const others: SideKey[] = ['floor', 'stock', 'plain', 'cdkValMin', 'cdkVal', 'cdkMin', 'cdkBare'];
  out.push(
    table(
      ['N', ...others.map((k) => SIDES[k].label)],
      res.rows.map((r) => [
        r.n.toLocaleString('en-US'),
        ...others.map((k) => reading(ratioOf(r.sides.ours, r.sides[k]))),
      ]),
    ),
    '',
  );
  out.push('## Within AWS limits', '');
  out.push(
    'Bucket policy ≤ 20 KB, key policy ≤ 32 KB; for AWS CDK also ≤ 500 resources per stack and ≤ 1 MB per template (as deployed). Ours refuses to synthesize what does not fit (it moves consumers to access points instead).',
    '',
  );
  const fitSides: SideKey[] = ['ours', 'cdkValMin', 'cdkVal', 'cdkMin', 'cdkBare', 'plain'];
  out.push(
    table(
      ['N', ...fitSides.map((k) => SIDES[k].label)],
      res.rows.map((r) => [
        r.n.toLocaleString('en-US'),
        ...fitSides.map((k) => {
          const f = r.fit[k];
          if (!f) return '–';
          if (f.fits === undefined) return f.why.join('; ');
          return f.fits ? 'fits' : `**does not fit**: ${f.why.join('; ')}`;
        }),
      ]),
    ),
    '',
  );
  out.push('## What each side is, and what it leaves out', '');
  for (const k of SIDE_KEYS.filter((key) => res.rows.some((r) => r.sides[key]))) {
    const s = SIDES[k];
    const left = res.leftOut[k] ?? s.leftOut;
    out.push(`**${s.label}**: ${s.what}`, '', ...left.map((x) => `- ${x}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The ratios the targets are about, per N, as the rows give them. */
function targetRatios(res: Results): { what: string; n: number; ratio: Ratio }[] {
  const out: { what: string; n: number; ratio: Ratio }[] = [];
  for (const r of res.rows) {
    const synth = ratioOf(r.sides.ours, r.sides.floor);
    if (synth) out.push({ what: 'synth ÷ floor', n: r.n, ratio: synth });
    const diff = ratioOf(r.sides.diff, r.sides.verify);
    if (diff && r.n >= 100) out.push({ what: 'diff ÷ verify', n: r.n, ratio: diff });
  }
  return out;
}

/**
 * Whether this run reproduces the one before (bench/results.previous.json): each target ratio's median within
 * the range the run before's samples allow, and the same both ways.
 */
export function rerunSection(res: Results, previous: Results | undefined): string[] {
  if (!previous) return [];
  const before = new Map(targetRatios(previous).map((t) => [`${t.what}@${t.n}`, t.ratio]));
  const rows = targetRatios(res).flatMap((t) => {
    const p = before.get(`${t.what}@${t.n}`);
    if (!p) return [];
    const within = (x: number, r: Ratio) => x >= r.low && x <= r.high;
    const inside = within(t.ratio.median, p);
    const agrees = inside && within(p.median, t.ratio);
    return [
      [
        t.what,
        t.n.toLocaleString('en-US'),
        ratioText(p),
        ratioText(t.ratio),
        inside ? 'yes' : '**no**',
        agrees ? 'agrees' : '**differs**',
      ],
    ];
  });
  if (!rows.length) return [];
  return [
    '## Against the run before',
    '',
    `The run of ${previous.date}${previous.quick ? ' (--quick)' : ''} (bench/results.previous.json) against this one. "Within the range before": this run's median lies within the range the run before's samples allow (a re-run reproducing the run before within its spread). "Both ways" asks that of each run against the other (stricter: a run with a narrow range holds the other to it).`,
    '',
    table(['ratio', 'N', 'run before', 'this run', 'within the range before', 'both ways'], rows),
    '',
    ...movedSection(res, previous),
  ];
}

/**
 * What moved between the runs, in milliseconds: ours, the floor and Node's start-up (medians), and ours − floor.
 * Start-up is most of the floor's time at small N: a drift of the machine moves the ratio with no change of ours.
 */
function movedSection(res: Results, previous: Results): string[] {
  const keys: SideKey[] = ['ours', 'floor', 'startup'];
  const median = (r: Results, n: number, k: SideKey) => r.rows.find((x) => x.n === n)?.sides[k]?.wall?.median;
  const rows = res.rows.flatMap((r) => {
    if (!keys.some((k) => median(previous, r.n, k) !== undefined)) return [];
    const cells = keys.map((k) => {
      const [a, b] = [median(previous, r.n, k), median(res, r.n, k)];
      return a === undefined || b === undefined
        ? b === undefined
          ? '–'
          : `– → ${secs(b)}`
        : `${secs(a)} → ${secs(b)}`;
    });
    const [a, b] = [previous, res].map((x) => {
      const [o, f] = [median(x, r.n, 'ours'), median(x, r.n, 'floor')];
      return o !== undefined && f !== undefined ? o - f : undefined;
    });
    const beyond = a !== undefined && b !== undefined ? `${secs(a)} → ${secs(b)}` : '–';
    return [[r.n.toLocaleString('en-US'), ...cells, beyond]];
  });
  if (!rows.length) return [];
  return [
    'What moved (medians, run before → this run). Start-up (Node’s, then each side’s modules) is most of the floor’s time and much of ours up to 1,000 consumers, and it moves with the machine: a drift moves the ratio to the floor with no change of ours, and shows here as the start-up moving, with ours − floor (what our code adds to the floor’s work) moving less.',
    '',
    table(['N', 'ours', 'floor', 'Node start-up', 'ours − floor'], rows),
    '',
  ];
}

/** Writes BENCHMARKS.md at the root; returns its path. */
export function writeReport(res: Results): string {
  const file = path.join(root, 'BENCHMARKS.md');
  const previousFile = path.join(BENCH, 'results.previous.json');
  const previous = fs.existsSync(previousFile)
    ? (JSON.parse(fs.readFileSync(previousFile, 'utf8')) as Results)
    : undefined;
  fs.writeFileSync(file, renderReport(res, previous));
  return file;
}

if (require.main === module) {
  const res = JSON.parse(fs.readFileSync(path.join(BENCH, 'results.json'), 'utf8')) as Results;
  process.stdout.write(`written: ${path.relative(root, writeReport(res))}\n`);
}
