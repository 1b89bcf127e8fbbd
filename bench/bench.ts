/**
 * npm run bench [-- --quick]: the same generated consumers (bench/generate.ts) for N = 1 … 10,000,
 * side by side: ours (whole process and in-process), AWS CDK as a new project (validation on, then
 * CDK_VALIDATION=false), a plain cdktf app, the floor, and `npm run verify` for N ≤ BENCH_VERIFY_MAX.
 * Every measurement is a child process with a timeout; a run that does not finish is recorded as
 * such. Writes bench/results.json after every N, then BENCHMARKS.md from it (bench/report.ts).
 *
 * Environment: BENCH_MAX (default 10000; 1000 with --quick), BENCH_N (a list, e.g. "1,100"),
 * BENCH_TIMEOUT (s per run, default 300; AWS CDK 150) and BENCH_TIMEOUT_OURS / _PLAIN / _CDK / _FLOOR,
 * BENCH_VERIFY_MAX (default 10000), BENCH_VERIFY_TIMEOUT (s, default 900), BENCH_REPEAT (runs of
 * each measurement for N ≤ 100, default 3; the median is reported).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateConfig } from './generate';
import { measureOurs, ourCommand } from './our-side';
import { writeReport } from './report';
import type { FloorResult, InProcessRun, ProcessRun, Results, Row, SideResult, VerifyResult } from './results';
import { SIDES } from './sides';
import { BENCH, entry, ROOT } from './paths';

const root = ROOT;
const quick = process.argv.includes('--quick');
const env = process.env;
const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' ? Number(v) : d);
const MAX = Math.min(num(env.BENCH_MAX, 10000), quick ? 1000 : Infinity);
const SIZES = env.BENCH_N ? env.BENCH_N.split(',').map(Number) : [1, 10, 100, 1000, 10000].filter((n) => n <= MAX);
const TIMEOUT = num(env.BENCH_TIMEOUT, 300);
const TIMEOUT_S = {
  ours: num(env.BENCH_TIMEOUT_OURS, TIMEOUT),
  plain: num(env.BENCH_TIMEOUT_PLAIN, TIMEOUT),
  // AWS CDK already takes tens of seconds at 1,000 consumers, growing faster than linearly: a shorter
  // wait for it keeps a full run near 20 minutes.
  cdk: num(env.BENCH_TIMEOUT_CDK, Math.min(TIMEOUT, 150)),
  floor: num(env.BENCH_TIMEOUT_FLOOR, TIMEOUT),
};
const VERIFY_MAX = num(env.BENCH_VERIFY_MAX, 10000);
const VERIFY_TIMEOUT = num(env.BENCH_VERIFY_TIMEOUT, 900);
const REPEAT = num(env.BENCH_REPEAT, 3);
const probe = path.join(BENCH, 'rss-probe.js');

interface Child {
  status: 'ok' | 'timeout' | 'failed';
  wallMs: number;
  peakMb?: number;
  /** User + system CPU time of the child's Node process(es). */
  cpuMs?: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The process group of the child running now: killed with us on Ctrl-C. */
let running: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (running !== undefined)
      try {
        process.kill(-running, 'SIGKILL');
      } catch {
        // already gone
      }
    process.exit(130);
  });

/** Runs a command in its own process group; kills the group at the timeout. */
function runChild(command: string, args: string[], extraEnv: NodeJS.ProcessEnv, timeoutS: number): Promise<Child> {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}`);
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: root,
      detached: true,
      env: {
        ...env,
        CHECKPOINT_DISABLE: '1',
        NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${probe}`.trim(),
        BENCH_RSS_FILE: rssFile,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = child.pid;
    let stdout = '';
    let stderr = '';
    // Keep the last 64 KB of each: enough for the result line and an error.
    child.stdout.on('data', (d) => (stdout = (stdout + d).slice(-65536)));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-65536)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      running = undefined;
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      let peakMb: number | undefined;
      let cpuMs: number | undefined;
      if (fs.existsSync(rssFile)) {
        const lines = fs
          .readFileSync(rssFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split(' ').map(Number));
        peakMb = Math.round(Math.max(...lines.map((l) => l[1])) / 1024);
        cpuMs = lines.reduce((n, l) => n + l[2], 0) / 1000;
        fs.rmSync(rssFile, { force: true });
      }
      resolve({
        status: timedOut ? 'timeout' : code === 0 ? 'ok' : 'failed',
        wallMs,
        peakMb,
        cpuMs,
        exitCode: code,
        stdout,
        stderr,
      });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const tail = (c: Child) =>
  `${c.stderr}\n${c.stdout}`
    .trim()
    .split('\n')
    .filter((l) => !/^npm warn/.test(l))
    .slice(-6)
    .join('\n');
const resultLine = (c: Child) => {
  const line = c.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  return line ? JSON.parse(line.slice('BENCH_RESULT '.length)) : undefined;
};
const notFinished = (s: number) => `not finished in ${s} s`;

/** A whole-process measurement, `repeats` times; the median wall time. */
async function processRun(
  make: (i: number) => { command: string; args: string[]; env: NodeJS.ProcessEnv },
  timeoutS: number,
  repeats: number,
): Promise<{ run: ProcessRun; children: Child[] }> {
  const samples: number[] = [];
  const cpu: number[] = [];
  let peak = 0;
  const children: Child[] = [];
  for (let i = 0; i < repeats; i++) {
    const { command, args, env: e } = make(i);
    const c = await runChild(command, args, e, timeoutS);
    children.push(c);
    if (c.status !== 'ok') {
      const note = c.status === 'timeout' ? notFinished(timeoutS) : `exit ${c.exitCode}: ${tail(c)}`;
      return { run: { status: c.status, timeoutS, exitCode: c.exitCode, note, peakMb: c.peakMb }, children };
    }
    samples.push(c.wallMs);
    if (c.cpuMs !== undefined) cpu.push(c.cpuMs);
    peak = Math.max(peak, c.peakMb ?? 0);
  }
  return {
    run: {
      status: 'ok',
      wallMs: median(samples),
      samplesMs: samples,
      cpuMs: cpu.length ? median(cpu) : undefined,
      peakMb: peak || undefined,
      timeoutS,
      exitCode: 0,
    },
    children,
  };
}

/** bench/inproc.ts for one side: load, first synth, `warm` warm synths. */
async function inProcessRun(
  side: 'ours' | 'plain' | 'cdk',
  configFile: string,
  workdir: string,
  warm: number,
  timeoutS: number,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ run: InProcessRun; measure?: Record<string, number> }> {
  fs.mkdirSync(workdir, { recursive: true });
  const c = await runChild(
    process.execPath,
    [...entry('inproc'), side, configFile, workdir, String(warm)],
    extraEnv,
    timeoutS,
  );
  const r = resultLine(c);
  if (c.status !== 'ok' || !r) {
    const note = c.status === 'timeout' ? notFinished(timeoutS) : `exit ${c.exitCode}: ${tail(c)}`;
    return { run: { status: c.status === 'ok' ? 'failed' : c.status, timeoutS, note, peakMb: c.peakMb } };
  }
  const { measure, warmMs, warmCpuMs, ...times } = r;
  return {
    run: {
      status: 'ok',
      wallMs: c.wallMs,
      peakMb: c.peakMb,
      timeoutS,
      exitCode: 0,
      ...times,
      warmMs: median(warmMs),
      warmSamplesMs: warmMs,
      warmCpuMs: median(warmCpuMs),
    },
    measure: Object.fromEntries(Object.entries(measure as object).filter(([, v]) => typeof v === 'number')),
  };
}

const skipped = (timeoutS: number, note: string): SideResult => ({
  process: { status: 'skipped', timeoutS, note },
  inProcess: { status: 'skipped', timeoutS, note },
});

/** Once a side did not finish at some N, larger N are skipped (they would not finish either). */
const gaveUp = new Map<string, string>();

/** A side whose whole process is `args` (ts-node) and in-process side `side`. */
async function otherSide(
  key: 'plain' | 'cdk' | 'cdkNoValidation',
  n: number,
  configFile: string,
  work: string,
  extraEnv: NodeJS.ProcessEnv,
  timeoutS: number,
  repeats: number,
): Promise<SideResult> {
  const given = gaveUp.get(key);
  if (given) return skipped(timeoutS, given);
  const script = key === 'plain' ? 'plain-cdktf' : 'cdk-app';
  const { run } = await processRun(
    (i) => ({
      command: process.execPath,
      args: [...entry(script), configFile, path.join(work, `${key}-process-${i}`)],
      env: extraEnv,
    }),
    timeoutS,
    repeats,
  );
  if (run.status === 'timeout') {
    gaveUp.set(key, `skipped: ${notFinished(timeoutS)} at N = ${n}`);
    return {
      process: run,
      inProcess: { status: 'skipped', timeoutS, note: 'skipped: the whole process did not finish' },
    };
  }
  const side = key === 'plain' ? 'plain' : 'cdk';
  const ip = await inProcessRun(side, configFile, path.join(work, `${key}-inproc`), repeats, timeoutS, extraEnv);
  if (ip.run.status === 'timeout') gaveUp.set(key, `skipped: ${notFinished(timeoutS)} at N = ${n}`);
  return { process: run, inProcess: ip.run, measure: ip.measure };
}

const loadAvg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

async function benchOne(n: number): Promise<Row> {
  const startLoad = loadAvg();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${n}-`));
  try {
    const configFile = path.join(work, 'config.json');
    const config = generateConfig(n, { overflow: 'access-points', encryption: { type: 'kms', keyGrants: 'accounts' } });
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const repeats = n <= 100 ? REPEAT : 1;
    const say = (what: string, r: ProcessRun) =>
      process.stdout.write(
        `  ${what.padEnd(34)} ${r.status === 'ok' ? `${((r.wallMs ?? 0) / 1000).toFixed(2)} s` : r.status}${r.note ? ` (${r.note.split('\n')[0]})` : ''}\n`,
      );
    process.stdout.write(`N = ${n}\n`);

    // Ours, whole process: the synth script on the config file.
    const ourOut = (i: number) => path.join(work, `ours-process-${i}`);
    const ours: SideResult = {
      process: { status: 'skipped', timeoutS: TIMEOUT_S.ours },
      inProcess: { status: 'skipped', timeoutS: TIMEOUT_S.ours },
    };
    ours.process = (
      await processRun(
        (i) => {
          const c = ourCommand('synth', configFile, ourOut(i));
          return { command: c.command, args: c.args, env: c.env };
        },
        TIMEOUT_S.ours,
        repeats,
      )
    ).run;
    say('ours, whole process', ours.process);
    const files: string[] = [];
    if (ours.process.status === 'ok') {
      const m = measureOurs(ourOut(0), config);
      files.push(...m.files);
      const { files: _files, ...counts } = m;
      ours.measure = counts;
    }

    // npm run verify on that output.
    let verify: VerifyResult = {
      status: 'skipped',
      timeoutS: VERIFY_TIMEOUT,
      note: `N > BENCH_VERIFY_MAX (${VERIFY_MAX})`,
    };
    if (n <= VERIFY_MAX && ours.process.status === 'ok') {
      const c = ourCommand('verify', configFile, ourOut(0));
      const { run, children } = await processRun(() => c, VERIFY_TIMEOUT, 1);
      const summary = children[0]?.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('verify:'))
        .pop()
        ?.replace(/; report: .*$/, '');
      verify = { ...run, summary };
      say('ours, npm run verify', verify);
    }

    // The floor: rewrite the bytes ours wrote.
    let floor: FloorResult = { process: { status: 'skipped', timeoutS: TIMEOUT_S.floor, note: 'no output of ours' } };
    if (files.length) {
      const { run, children } = await processRun(
        () => ({ command: process.execPath, args: [path.join(BENCH, 'floor.js'), work, ...files], env: {} }),
        TIMEOUT_S.floor,
        repeats,
      );
      floor = { process: run };
      if (run.status === 'ok') {
        // The median run by floorMs, whole.
        const lines = children.map(resultLine).sort((a, b) => a.floorMs - b.floorMs);
        floor = { process: run, ...lines[(lines.length - 1) >> 1] };
      }
      say('floor, whole process', floor.process);
    }

    // Ours in-process.
    const ip = await inProcessRun('ours', configFile, path.join(work, 'ours-inproc'), repeats, TIMEOUT_S.ours);
    ours.inProcess = ip.run;
    say('ours, in-process (child wall)', ours.inProcess);
    for (let i = 0; i < repeats; i++) fs.rmSync(ourOut(i), { recursive: true, force: true });

    const plain = await otherSide('plain', n, configFile, work, {}, TIMEOUT_S.plain, repeats);
    say('plain cdktf, whole process', plain.process);
    say('plain cdktf, in-process (child wall)', plain.inProcess);
    const cdk = await otherSide('cdk', n, configFile, work, { CDK_VALIDATION: 'true' }, TIMEOUT_S.cdk, repeats);
    say('AWS CDK new project, whole process', cdk.process);
    say('AWS CDK new project, in-process', cdk.inProcess);
    const cdkNoValidation = await otherSide(
      'cdkNoValidation',
      n,
      configFile,
      work,
      { CDK_VALIDATION: 'false' },
      TIMEOUT_S.cdk,
      repeats,
    );
    say('AWS CDK no validation, whole process', cdkNoValidation.process);
    say('AWS CDK no validation, in-process', cdkNoValidation.inProcess);
    return {
      n,
      configBytes: fs.statSync(configFile).size,
      loadAvg: startLoad,
      ours,
      verify,
      floor,
      plain,
      cdk,
      cdkNoValidation,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function version(dir: string, pkg: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

async function main() {
  const started = Date.now();
  const cpus = os.cpus();
  const results: Results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpu: cpus[0]?.model ?? 'unknown CPU',
      cores: cpus.length,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      loadAvgStart: loadAvg(),
      loadAvgEnd: [],
    },
    versions: {
      cdktf: version(root, 'cdktf'),
      '@cdktf/provider-aws': version(root, '@cdktf/provider-aws'),
      'aws-cdk-lib': version(BENCH, 'aws-cdk-lib'),
      typescript: version(root, 'typescript'),
      'ts-node': version(root, 'ts-node'),
      '@swc/core': version(root, '@swc/core'),
    },
    settings: {
      sizes: SIZES,
      timeoutS: TIMEOUT_S,
      verifyMax: VERIFY_MAX,
      verifyTimeoutS: VERIFY_TIMEOUT,
      repeatsUpTo100: REPEAT,
    },
    leftOut: Object.fromEntries(Object.entries(SIDES).map(([k, s]) => [k, s.leftOut])),
    totalS: 0,
    rows: [],
  };
  const out = path.join(BENCH, 'results.json');
  for (const n of SIZES) {
    results.rows.push(await benchOne(n));
    results.machine.loadAvgEnd = loadAvg();
    results.totalS = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  }
  const md = writeReport(results);
  process.stdout.write(`\nwritten: bench/results.json, ${path.relative(root, md)} (${results.totalS} s)\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
