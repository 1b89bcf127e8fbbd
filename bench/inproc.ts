/**
 * One side in-process, in a fresh process:
 * `ts-node --swc bench/inproc.ts ours|plain|cdk <config.json> <workdir> [warm runs]`.
 * Times loading the side's modules, the first synth (a cold process: lazy loading, JIT
 * warm-up), then warm synths (the same synth again in the same process). Prints one line,
 * `BENCH_RESULT {json}`, with the times, peak memory and what the side measured of its output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type * as OurSide from './our-side';
import type * as PlainSide from './plain-cdktf';

interface Side {
  synth(raw: unknown, outdir: string): unknown;
  measure(result: unknown, raw: unknown, outdir: string): unknown;
}

/* eslint-disable @typescript-eslint/no-require-imports */
function load(side: string): Side {
  if (side === 'ours') {
    const o = require('./our-side') as typeof OurSide;
    const synth = o.loadOurs();
    return { synth, measure: (_r, raw, dir) => o.measureOurs(dir, raw) };
  }
  if (side === 'plain') {
    const p = require('./plain-cdktf') as typeof PlainSide;
    return {
      synth: p.synthPlain,
      measure: (r, raw, dir) => p.measurePlain(r as ReturnType<typeof p.synthPlain>, raw, dir),
    };
  }
  if (side === 'cdk') {
    // Not a type import: cdk-side imports aws-cdk-lib, which only bench/node_modules has.
    const c = require('./cdk-side') as {
      preloadCdk(): void;
      synthCdkApp(raw: unknown, outdir: string): string;
      measureCdkAssembly(dir: string, raw: unknown): unknown;
    };
    c.preloadCdk();
    return { synth: c.synthCdkApp, measure: (dir, raw) => c.measureCdkAssembly(dir as string, raw) };
  }
  throw new Error(`unknown side ${side}`);
}
/* eslint-enable @typescript-eslint/no-require-imports */

const [side, file, workdir, warmArg] = process.argv.slice(2);
const warmRuns = Number(warmArg ?? '1');
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const t0 = performance.now();
const s = load(side);
const loadMs = performance.now() - t0;
const raw = JSON.parse(fs.readFileSync(file, 'utf8'));

const cpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const first = path.join(workdir, 'first');
const c1 = process.cpuUsage();
const t1 = performance.now();
const result = s.synth(raw, first);
const t2 = performance.now();
const firstCpuMs = cpu(c1);
const firstMs = t2 - t1;
// Since the process started (performance.timeOrigin): start-up + load + first synth.
const sinceStartMs = t2;
const peakAfterFirstMb = mb();
// AWS CDK's validation sets process.exitCode on errors: record it, and keep measuring.
const exitCodeAfterFirst = process.exitCode ?? 0;
process.exitCode = 0;

const warmMs: number[] = [];
const warmCpuMs: number[] = [];
for (let i = 1; i <= warmRuns; i++) {
  const c = process.cpuUsage();
  const t = performance.now();
  s.synth(raw, path.join(workdir, `warm-${i}`));
  warmMs.push(performance.now() - t);
  warmCpuMs.push(cpu(c));
}
process.exitCode = 0;

const measure = s.measure(result, raw, first);
process.stdout.write(
  `BENCH_RESULT ${JSON.stringify({
    loadMs,
    firstMs,
    firstCpuMs,
    warmMs,
    warmCpuMs,
    sinceStartMs,
    peakAfterFirstMb,
    peakMb: mb(),
    exitCodeAfterFirst,
    measure,
  })}\n`,
);
