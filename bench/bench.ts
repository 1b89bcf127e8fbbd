/**
 * npm run bench [-- --quick]: the same generated consumers (bench/generate.ts) for N = 1 … 10,000,
 * side by side, every side sampled BENCH_ROUNDS (≥ 3) times at every N, interleaved: round r runs
 * every side once, in an order rotated by r (ours, ours' stock rendering, floor, Node's start-up, verify, diff,
 * plain cdktf, AWS CDK in its four settings), so that a burst of other work lands on different sides, not on
 * one. Each sample is a child process with a timeout, timed from outside, with the CPU the rest of the machine used
 * meanwhile (all cores' busy time minus the child's own) and the 1-minute load average.
 * Reported: median, min–max and spread per side; ratios with the range the samples allow.
 * Writes bench/results.json after every N, then BENCHMARKS.md from it (bench/report.ts).
 *
 * Environment: BENCH_MAX (default 10000; 1000 with --quick), BENCH_N (a list, e.g. "1,100"),
 * BENCH_ROUNDS (default 5: the range is judged without the fastest and slowest sample, bench/stats.ts; fewer
 * than 3 is a smoke run, which decides no target),
 * BENCH_SIDES (a list of side keys, default all),
 * BENCH_TIMEOUT (s per sample, default 300; AWS CDK 150, diff 600) and BENCH_TIMEOUT_<SIDE>,
 * BENCH_VERIFY_MAX (default 10000), BENCH_DIFF_MAX (default 1000), BENCH_MAX_SPREAD (default 0.25),
 * BENCH_MAX_OTHERS (default 0.1: the share of the machine other work may take during a sample).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateConfig } from './generate';
import { measureOurs, ourCommand } from './our-side';
import { writeReport } from './report';
import type { Fit, Measurement, Results, Row, Sample, SideKey } from './results';
import { SIDE_KEYS, SIDES } from './sides';
import { statsOf } from './stats';
import { BENCH, entry, ROOT } from './paths';

const root = ROOT;
const quick = process.argv.includes('--quick');
const env = process.env;
const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' ? Number(v) : d);
const MAX = Math.min(num(env.BENCH_MAX, 10000), quick ? 1000 : Infinity);
const SIZES = env.BENCH_N ? env.BENCH_N.split(',').map(Number) : [1, 10, 100, 1000, 10000].filter((n) => n <= MAX);
// Fewer than 3 (a smoke run) is allowed; the report then decides no target. From 5 on, each end is trimmed.
const ROUNDS = Math.max(1, num(env.BENCH_ROUNDS, 5));
const ONLY = env.BENCH_SIDES ? new Set(env.BENCH_SIDES.split(',')) : undefined;
const TIMEOUT = num(env.BENCH_TIMEOUT, 300);
const timeoutOf = (side: SideKey): number => {
  const own = env[`BENCH_TIMEOUT_${side.toUpperCase()}`];
  const base = side.startsWith('cdk') ? Math.min(TIMEOUT, 150) : side === 'diff' ? Math.max(TIMEOUT, 600) : TIMEOUT;
  return num(own, base);
};
const VERIFY_MAX = num(env.BENCH_VERIFY_MAX, 10000);
const DIFF_MAX = num(env.BENCH_DIFF_MAX, 1000);
const MAX_SPREAD = num(env.BENCH_MAX_SPREAD, 0.25);
// The share of the machine's CPU other work may take during a sample before the run stops deciding.
// (The load average cannot tell: on 2 cores the bench's own previous sample keeps it above 1.)
const MAX_OTHERS_SHARE = num(env.BENCH_MAX_OTHERS, 0.1);
const probe = path.join(BENCH, 'rss-probe.js');

/** AWS CDK's four settings: built-in validation × `@aws-cdk/aws-iam:minimizePolicies`. */
const CDK_SETTINGS: Record<string, { validation: boolean; minimize: boolean }> = {
  cdkValMin: { validation: true, minimize: true },
  cdkVal: { validation: true, minimize: false },
  cdkMin: { validation: false, minimize: true },
  cdkBare: { validation: false, minimize: false },
};

interface Child {
  status: 'ok' | 'timeout' | 'failed';
  wallMs: number;
  /** Busy CPU time of all cores during the child's run (user, nice, system, irq), ms. */
  machineBusyMs: number;
  peakMb?: number;
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
    const busyBefore = machineBusyMs();
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
      const busyMs = machineBusyMs() - busyBefore;
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
        machineBusyMs: busyMs,
        peakMb,
        cpuMs,
        exitCode: code,
        stdout,
        stderr,
      });
    });
  });
}

/** CPU time every core has spent busy since boot, ms (os.cpus(): user, nice, system, irq). */
function machineBusyMs(): number {
  return os.cpus().reduce((n, c) => n + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}

const load1 = () => Math.round(os.loadavg()[0] * 100) / 100;
const loadAvg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
// The error's own line first: a thrown error's last lines are its trace and construct path.
const ERROR_LINE = /«\w+»|^\s*\w*Error\b/;
const tail = (c: Child) => {
  const lines = `${c.stderr}\n${c.stdout}`
    .trim()
    .split('\n')
    .filter((l) => !/^npm warn/.test(l));
  const message = [...lines].reverse().find((l) => ERROR_LINE.test(l) && l.length < 2000);
  const last = lines.slice(-6);
  return [...(message && !last.includes(message) ? [message.trim().slice(0, 400)] : []), ...last].join('\n');
};
const resultLine = (c: Child) => {
  const line = c.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  return line ? JSON.parse(line.slice('BENCH_RESULT '.length)) : undefined;
};

/** Once a side did not finish at some N, larger N are skipped (they would not finish either). */
const gaveUp = new Map<SideKey, string>();
/** The median of each side at the last N it ran: a side whose linear projection passes its timeout is skipped. */
const lastMedian = new Map<SideKey, { n: number; ms: number }>();

interface Plan {
  side: SideKey;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** After each sample (e.g. remove its output); `keep` for the first successful one. */
  after?: (round: number, ok: boolean) => void;
}

function ourDiffCommand(base: string, current: string, outdir: string) {
  if (path.extname(__filename) === '.js')
    return {
      command: process.execPath,
      args: [path.join(__dirname, '..', 'modules', 'diff', 'cli.js'), base],
      env: { CROSS_ACCOUNT_CONFIG: current, CDKTF_OUTDIR: outdir },
    };
  return {
    command: process.execPath,
    args: [path.join(root, 'scripts', 'run.js'), 'diff', base],
    env: { CROSS_ACCOUNT_CONFIG: current, CDKTF_OUTDIR: outdir },
  };
}

async function benchOne(n: number): Promise<Row> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${n}-`));
  try {
    const configFile = path.join(work, 'config.json');
    const config = generateConfig(n, { overflow: 'access-points', encryption: { type: 'kms', keyGrants: 'accounts' } });
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    // The diff's other side: one consumer's level changed, the last one gone.
    const changed = JSON.parse(JSON.stringify(config)) as { consumers: { access: string }[] };
    changed.consumers[0].access = changed.consumers[0].access === 'read' ? 'read-write' : 'read';
    if (n > 1) changed.consumers.pop();
    const changedFile = path.join(work, 'changed.json');
    fs.writeFileSync(changedFile, JSON.stringify(changed, null, 2));
    process.stdout.write(`N = ${n}\n`);
    const row: Row = { n, configBytes: fs.statSync(configFile).size, sides: {}, fit: {} };

    // Ours once, untimed: the output the floor rewrites, verify proves and the fit is read from.
    const prep = path.join(work, 'ours-prep');
    const c = ourCommand('synth', configFile, prep);
    const prepRun = await runChild(c.command, c.args, c.env, timeoutOf('ours'));
    const files: string[] = [];
    if (prepRun.status === 'ok') {
      const m = measureOurs(prep, config);
      files.push(...m.files);
      const { files: _files, ...counts } = m;
      row.fit.ours = {
        fits: counts.bucketPolicyBytes <= 20480 && counts.keyPolicyBytes <= 32768,
        why: [],
        measure: counts,
      };
    } else process.stdout.write(`  ours (prep) ${prepRun.status}: ${tail(prepRun)}\n`);

    const plans: Plan[] = [];
    const want = (side: SideKey) => !ONLY || ONLY.has(side);
    if (want('ours'))
      plans.push({
        side: 'ours',
        ...ourCommand('synth', configFile, path.join(work, 'ours-sample')),
        after: () => fs.rmSync(path.join(work, 'ours-sample'), { recursive: true, force: true }),
      });
    if (want('stock')) {
      const stock = ourCommand('synth', configFile, path.join(work, 'stock-sample'));
      plans.push({
        side: 'stock',
        ...stock,
        env: { ...stock.env, CROSS_ACCOUNT_RENDER: 'stock' },
        after: () => fs.rmSync(path.join(work, 'stock-sample'), { recursive: true, force: true }),
      });
    }
    if (want('floor') && files.length)
      plans.push({
        side: 'floor',
        command: process.execPath,
        args: [path.join(BENCH, 'floor.js'), work, ...files],
        env: {},
      });
    if (want('startup'))
      plans.push({ side: 'startup', command: process.execPath, args: [path.join(BENCH, 'floor.js'), work], env: {} });
    if (want('verify') && files.length && n <= VERIFY_MAX) {
      const v = ourCommand('verify', configFile, prep);
      plans.push({ side: 'verify', ...v, env: { ...v.env, VERIFY_STATS: '1' } });
    }
    if (want('diff') && n <= DIFF_MAX)
      plans.push({
        side: 'diff',
        ...ourDiffCommand(configFile, changedFile, path.join(work, 'diff-out')),
        after: () => fs.rmSync(path.join(work, 'diff-out'), { recursive: true, force: true }),
      });
    if (want('plain'))
      plans.push({
        side: 'plain',
        command: process.execPath,
        args: [...entry('plain-cdktf'), configFile, path.join(work, 'plain')],
        env: {},
        after: () => fs.rmSync(path.join(work, 'plain'), { recursive: true, force: true }),
      });
    for (const [key, s] of Object.entries(CDK_SETTINGS) as [SideKey, (typeof CDK_SETTINGS)[string]][]) {
      if (!want(key)) continue;
      const out = path.join(work, key);
      plans.push({
        side: key,
        command: process.execPath,
        args: [...entry('cdk-app'), configFile, out],
        env: { CDK_VALIDATION: String(s.validation), BENCH_CDK_MINIMIZE: String(s.minimize) },
        // The first successful assembly is kept for the fit; the others removed.
        after: (_round, ok) => {
          if (ok && !fs.existsSync(`${out}-kept`)) fs.renameSync(out, `${out}-kept`);
          else fs.rmSync(out, { recursive: true, force: true });
        },
      });
    }

    // Skipped before the first round: gave up at a smaller N, or projected past the timeout.
    const active = plans.filter((p) => {
      const timeoutS = timeoutOf(p.side);
      const given = gaveUp.get(p.side);
      const last = lastMedian.get(p.side);
      // Projected only from N ≥ 1,000, where the time is work, not start-up.
      const projected = last && last.n >= 1000 ? (last.ms * n) / last.n / 1000 : 0;
      const note = given
        ? given
        : projected > timeoutS
          ? `skipped: ${projected.toFixed(0)} s projected (linearly from ${(last!.ms / 1000).toFixed(1)} s at N = ${last!.n}), past the ${timeoutS} s timeout`
          : undefined;
      if (note) row.sides[p.side] = { side: p.side, status: 'skipped', samples: [], note, timeoutS };
      return !note;
    });
    const samples = new Map<SideKey, Sample[]>(active.map((p) => [p.side, []]));
    const stopped = new Set<SideKey>();
    for (let round = 1; round <= ROUNDS; round++) {
      const k = (round - 1) % Math.max(1, active.length);
      const order = [...active.slice(k), ...active.slice(0, k)];
      for (const [position, p] of order.entries()) {
        if (stopped.has(p.side)) continue;
        const timeoutS = timeoutOf(p.side);
        const loadBefore = load1();
        const child = await runChild(p.command, p.args, p.env, timeoutS);
        // What the child did not use of the machine's busy time is other work: the bench's own
        // parent (idle, waiting) is part of it, so a quiet run is a few percent, never zero.
        const othersShare =
          child.cpuMs !== undefined
            ? Math.max(0, child.machineBusyMs - child.cpuMs) / (child.wallMs * os.cpus().length)
            : undefined;
        const sample: Sample = {
          status: child.status,
          ...(othersShare !== undefined ? { othersShare: Math.round(othersShare * 1000) / 1000 } : {}),
          loadBefore,
          loadAfter: load1(),
          round,
          position,
          ...(child.status === 'ok' ? { wallMs: child.wallMs, cpuMs: child.cpuMs } : {}),
          peakMb: child.peakMb,
          ...(child.status === 'timeout'
            ? { note: `not finished in ${timeoutS} s` }
            : child.status === 'failed'
              ? { note: `exit ${child.exitCode}: ${tail(child)}` }
              : {}),
        };
        samples.get(p.side)!.push(sample);
        p.after?.(round, child.status === 'ok');
        if (child.status === 'ok' && p.side === 'verify') {
          row.verifySummary = child.stdout
            .split('\n')
            .filter((l) => l.startsWith('verify:'))
            .pop()
            ?.replace(/; report: .*$/, '');
          const stats = /verify stats: (\{.*\})/.exec(child.stderr);
          if (stats) row.verifyStats = JSON.parse(stats[1]);
        }
        if (child.status === 'ok' && p.side === 'floor') row.floorDetail = resultLine(child);
        process.stdout.write(
          `  round ${round} ${p.side.padEnd(10)} ${child.status === 'ok' ? `${(child.wallMs / 1000).toFixed(2)} s` : child.status}  others ${sample.othersShare !== undefined ? `${(sample.othersShare * 100).toFixed(1)}%` : '?'}  load ${loadBefore} -> ${sample.loadAfter}\n`,
        );
        // A side that times out or fails is not sampled again at this N (nor, on a timeout, at larger N).
        if (child.status !== 'ok') {
          stopped.add(p.side);
          if (child.status === 'timeout') gaveUp.set(p.side, `skipped: not finished in ${timeoutS} s at N = ${n}`);
        }
      }
    }
    for (const p of active) {
      const s = samples.get(p.side)!;
      const ok = s.filter((x) => x.status === 'ok');
      const bad = s.find((x) => x.status !== 'ok');
      const m: Measurement = {
        side: p.side,
        status: bad ? bad.status : 'ok',
        samples: s,
        wall: statsOf(ok.map((x) => x.wallMs!)),
        cpu: statsOf(ok.filter((x) => x.cpuMs !== undefined).map((x) => x.cpuMs!)),
        peakMb: Math.max(0, ...s.map((x) => x.peakMb ?? 0)) || undefined,
        ...(bad?.note ? { note: bad.note } : {}),
        timeoutS: timeoutOf(p.side),
      };
      row.sides[p.side] = m;
      if (m.status === 'ok' && m.wall) lastMedian.set(p.side, { n, ms: m.wall.median });
    }
    // The fit of each AWS CDK setting, from its kept assembly (outside any timing).
    for (const key of Object.keys(CDK_SETTINGS) as SideKey[]) {
      const kept = path.join(work, `${key}-kept`);
      if (!fs.existsSync(kept)) continue;
      const child = await runChild(process.execPath, [...entry('cdk-measure'), kept, configFile], {}, 120);
      const measure = resultLine(child) as Record<string, number> | undefined;
      row.fit[key] = measure ? cdkFit(measure) : { why: [`not measured: ${tail(child)}`] };
    }
    row.fit.plain = {
      why: [
        'not measured: its policies are aws_iam_policy_document data sources, sized at plan time; one statement per grant (no merging)',
      ],
    };
    return row;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** AWS's limits an AWS CDK assembly must keep to deploy. */
function cdkFit(m: Record<string, number>): Fit {
  const why: string[] = [];
  if (m.bucketPolicyBytes > 20480) why.push(`bucket policy ${(m.bucketPolicyBytes / 1024).toFixed(1)} KB > 20 KB`);
  if (m.keyPolicyBytes > 32768) why.push(`key policy ${(m.keyPolicyBytes / 1024).toFixed(1)} KB > 32 KB`);
  if (m.largestStackResources > 500) why.push(`a stack of ${m.largestStackResources} resources > 500`);
  if (m.largestTemplateBytes > 1048576)
    why.push(`a template of ${(m.largestTemplateBytes / 2 ** 20).toFixed(1)} MB > 1 MB`);
  return { fits: why.length === 0, why, measure: m };
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
      '@cloud-copilot/iam-simulate': version(root, '@cloud-copilot/iam-simulate'),
      typescript: version(root, 'typescript'),
    },
    settings: {
      sizes: SIZES,
      rounds: ROUNDS,
      timeoutS: Object.fromEntries(SIDE_KEYS.map((s) => [s, timeoutOf(s)])),
      verifyMax: VERIFY_MAX,
      diffMax: DIFF_MAX,
      maxSpread: MAX_SPREAD,
      maxOthersShare: MAX_OTHERS_SHARE,
    },
    leftOut: Object.fromEntries(Object.entries(SIDES).map(([k, s]) => [k, s.leftOut])),
    totalS: 0,
    rows: [],
  };
  const out = path.join(BENCH, 'results.json');
  // The run before is kept beside it: the report says whether this one reproduces it.
  if (fs.existsSync(out)) fs.copyFileSync(out, path.join(BENCH, 'results.previous.json'));
  for (const n of SIZES) {
    results.rows.push(await benchOne(n));
    results.machine.loadAvgEnd = loadAvg();
    results.totalS = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  }
  const md = writeReport(results);
  process.stdout.write(`\nwritten: bench/results.json, ${path.relative(root, md)} (${results.totalS} s)\n`);
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
