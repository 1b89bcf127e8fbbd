/**
 * `npm run verify`: checks cdktf.out against the config (CROSS_ACCOUNT_CONFIG,
 * else ./cross-account.json): refuses output of another or a changed config,
 * prints findings, differences and one line per consumer, writes
 * cdktf.out/access-report.md, and exits 1 on any finding or difference.
 *
 * `npm run verify -- --share <manifest> [--outdir <dir>]`: the same proof of one
 * share of a library app, from the manifest the app wrote (shareManifest), on
 * the part of its output the share's constructs made.
 */
import * as path from 'path';
import { bucketStackName, configFileFromEnv, loadConfigs } from '../config';
import { terminalSafe } from '../io';
import { PRODUCER_STACK, SINGLE_STACK } from '../naming';
import type { BucketConfig } from '../config';
import { BUCKET_PLANS } from '../contract';
import type { Config } from '../config';
import { Io, processIo, runAsync } from '../cli';
import { checkReportPath, clearReport, OutputRefused, realFs, writeReport } from '../output';
import { readStacksChecked } from './read-stacks';
import type { SharedInput } from './deployed';
import { siblingOf } from './siblings';
import { sharedRolesProblems } from './shape/shared-roles';
import { fastStats } from './engine/fast';
import { scopeStacks } from './scope';
import { readShareManifest } from './share';
import type { Route } from './synthesized';
import { consoleReport, markdownReport, readPlan, verifyStacks } from '.';
import { detailFiles, markdownDetails } from './report';
import { boundHeapGrowth } from './heap';

const USAGE = 'usage: npm run verify [-- --share <manifest.json> [--outdir <cdktf.out>]]';

interface Args {
  share?: string;
  outdir?: string;
}

function parseArgs(args: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    if ((flag === '--share' || flag === '--outdir') && value !== undefined && !value.startsWith('--')) {
      out[flag === '--share' ? 'share' : 'outdir'] = value;
      i++;
    } else throw new Error(`${flag}: unknown or without its value. ${USAGE}`);
  }
  if (out.outdir && !out.share) throw new Error(`--outdir goes with --share (else CDKTF_OUTDIR). ${USAGE}`);
  return out;
}

export function verifyMain(io: Io = processIo(), args: string[] = []): Promise<number> {
  return runAsync('verify', io, () => verify(io, parseArgs(args)));
}

/** For scripts/run.js, which passes the command's arguments. */
// Entry point of scripts/run.js (by name): no import uses it.
// ts-unused-exports:disable-next-line
export const verifyCli = (args: string[]): Promise<number> => {
  boundHeapGrowth();
  return verifyMain(processIo(), args);
};

interface Subject {
  config: Config;
  label: string;
  routes: Route[];
  stacks: ReturnType<typeof readStacksChecked>;
  prefix?: string;
  report: string;
  /** The files the run reads: a report never replaces one of them. */
  inputs: string[];
  /** Its bucket's key, in a many-buckets config. */
  bucket?: string;
  /** Many buckets: the shared-roles stacks and the other buckets, and the check of those stacks' form. */
  shared?: SharedInput;
  sharedProblems?: () => string[];
}

function subjectsOf(io: Io, a: Args): Subject[] {
  const fsys = io.fs ?? realFs;
  if (a.share) {
    const share = readShareManifest(a.share, fsys);
    const outdir = a.outdir ?? io.env.CDKTF_OUTDIR ?? 'cdktf.out';
    const name = share.prefix || path.basename(a.share, '.json');
    const report = path.join(outdir, `access-report.${name}.md`);
    checkReportPath(report, 'access-report', [a.share], fsys); // refused before the work, not after it
    return [
      {
        config: share.config,
        label: `${a.share} (share ${share.constructs[0]})`,
        routes: share.routes,
        stacks: scopeStacks(readStacksChecked(outdir, fsys), share.constructs, share.prefix),
        prefix: share.prefix,
        report,
        inputs: [a.share],
      },
    ];
  }
  const file = configFileFromEnv(io.env);
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const report = path.join(outdir, 'access-report.md');
  checkReportPath(report, 'access-report', [file], fsys); // refused before the work, not after it
  const configs = loadConfigs(file, io.fs);
  if (configs.kind === 'many') return bucketSubjects(io, file, outdir, configs.buckets);
  const config = configs.config;
  // The routes synth chose: consumers moved to access points by overflow are verified as such.
  const plan = readPlan(outdir, config, file, fsys);
  return [
    {
      config,
      label: file,
      routes: plan.routes,
      stacks: readStacksChecked(outdir, fsys, (plan as { stacks?: string[] }).stacks),
      report,
      inputs: [file],
    },
  ];
}

/**
 * A many-buckets config (docs/many-buckets.md): one subject per bucket, its own config, its plan.json
 * (buckets/<key>/) and its own stacks; the folder must hold every bucket's stacks and nothing else.
 */
function bucketSubjects(io: Io, file: string, outdir: string, buckets: BucketConfig[]): Subject[] {
  const fsys = io.fs ?? realFs;
  const reports = buckets.map((b) => path.join(outdir, `access-report.${b.key}.md`));
  for (const r of [...reports, path.join(outdir, 'access-report.md')])
    checkReportPath(r, 'access-report', [file], fsys);
  const plans = buckets.map((b) => readPlan(path.join(outdir, BUCKET_PLANS, b.key), b.config, file, fsys));
  // The shared-roles stacks: every bucket's plan names them all (refused when two plans disagree).
  const sharedNames = [...new Set(plans.flatMap((p) => p.sharedStacks ?? []))].sort();
  for (const [i, p] of plans.entries())
    if ((p.sharedStacks ?? []).join() !== sharedNames.join())
      throw new Error(
        `${path.join(outdir, BUCKET_PLANS, buckets[i].key, 'plan.json')}: names the shared-roles stacks ${(p.sharedStacks ?? []).join(', ') || 'none'}, another bucket's ${sharedNames.join(', ')}: run \`npm run synth\` again`,
      );
  const all = readStacksChecked(outdir, fsys, [...plans.flatMap((p) => p.stacks), ...sharedNames]);
  const shared = Object.fromEntries(sharedNames.map((n) => [n, all[n]]));
  const siblings = buckets.map((b) =>
    siblingOf(b.config, bucketStackName(b.key, b.config.stacks === 'single' ? SINGLE_STACK : PRODUCER_STACK)),
  );
  return buckets.map((b, i) => ({
    config: b.config,
    label: `${file} (buckets.${b.key})`,
    bucket: b.key,
    routes: plans[i].routes,
    stacks: Object.fromEntries(plans[i].stacks.map((n) => [n, all[n]])),
    ...(sharedNames.length
      ? {
          shared: { stacks: shared, siblings: siblings.filter((_, j) => j !== i) },
          sharedProblems: () => sharedRolesProblems(buckets, shared, all),
        }
      : {}),
    report: reports[i],
    inputs: [file],
  }));
}

/**
 * The report, and past DETAIL_FROM consumers its detail files beside it; detail files of an earlier, larger run
 * are removed (each only if it is a report of ours, as the report itself).
 */
function writeReports(s: Subject, result: Awaited<ReturnType<typeof verifyStacks>>, fsys: typeof realFs): void {
  const base = s.report.replace(/\.md$/, '');
  const files = detailFiles(s.config, base);
  const written = new Set<string>();
  for (const [file, content] of markdownDetails(s.config, s.label, result, files)) {
    writeReport(file, 'access-report', content, s.inputs, fsys);
    written.add(path.resolve(file));
  }
  writeReport(s.report, 'access-report', markdownReport(s.config, s.label, result, files), s.inputs, fsys);
  const dir = path.dirname(s.report);
  const pattern = new RegExp(
    `^${path.basename(base).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(consumers|probes)-\\d+\\.md$`,
  );
  for (const f of fsys.readdirSync(dir).filter((x) => pattern.test(String(x)))) {
    const file = path.join(dir, String(f));
    if (written.has(path.resolve(file))) continue;
    try {
      clearReport(file, 'access-report', s.inputs, fsys);
    } catch (e) {
      // Not a report of ours (or a link): left alone, as any file beside the report.
      if (!(e instanceof OutputRefused)) throw e;
    }
  }
}

async function verify(io: Io, a: Args): Promise<number> {
  const fsys = io.fs ?? realFs;
  const subjects = subjectsOf(io, a);
  if (subjects.length === 1 && subjects[0].bucket === undefined)
    return (await verifyOne(io, subjects[0], fsys)).ok ? 0 : 1;
  // Many buckets: one proof and one matrix per bucket, then one summary (console and access-report.md).
  const lines: string[] = [];
  for (const s of subjects) {
    io.out(`== buckets.${s.bucket}: ${s.config.producer.bucket.name} (account ${s.config.producer.accountId})\n`);
    const r = await verifyOne(io, s, fsys);
    lines.push(
      `| ${s.bucket} | ${s.config.producer.bucket.name} | ${s.config.producer.accountId} | ${r.ok ? '✅ as intended' : '❌ FAILED'} | ${r.findings.length} | ${r.mismatches.length} | ${r.cells.length} | [${path.basename(s.report)}](${path.basename(s.report)}) |`,
    );
  }
  // The shared-roles stacks' form, once: what their policies grant was in each bucket's proof.
  const problems = subjects[0].sharedProblems?.() ?? [];
  if (subjects[0].shared) {
    io.out(
      problems.length
        ? `== shared-roles stacks: FAILED\n${problems.map((p) => `  - ${terminalSafe(p)}`).join('\n')}\n`
        : `== shared-roles stacks: ${Object.keys(subjects[0].shared.stacks).join(', ')} as synth writes them\n`,
    );
    lines.push(
      `| (shared roles) | ${Object.keys(subjects[0].shared.stacks).join(', ')} | | ${problems.length ? '❌ FAILED' : '✅ as intended'} | ${problems.length} | | | |`,
    );
  }
  const failed = lines.filter((l) => l.includes('FAILED') && !l.startsWith('| (shared roles)')).length;
  const summary = path.join(path.dirname(subjects[0].report), 'access-report.md');
  writeReport(
    summary,
    'access-report',
    [
      '<!-- access-report -->',
      `# Access report: ${subjects.length} buckets of ${subjects[0].inputs[0]}`,
      '',
      failed || problems.length
        ? `**${failed} bucket(s) FAILED${problems.length ? '; the shared-roles stacks FAILED' : ''}.**`
        : 'Every bucket as intended.',
      '',
      '| bucket key | bucket | account | verdict | findings | workflows differing | workflows asked | report |',
      '|---|---|---|---|---|---|---|---|',
      ...lines,
      '',
    ].join('\n'),
    subjects[0].inputs,
    fsys,
  );
  io.out(
    failed || problems.length
      ? `verify: FAILED: ${failed} of ${subjects.length} buckets${problems.length ? `, the shared-roles stacks (${problems.length} problem(s))` : ''}; summary: ${summary}\n`
      : `verify: every bucket as intended (${subjects.length}); summary: ${summary}\n`,
  );
  return failed || problems.length ? 1 : 0;
}

async function verifyOne(io: Io, s: Subject, fsys: typeof realFs): Promise<Awaited<ReturnType<typeof verifyStacks>>> {
  const started = Date.now();
  const progress =
    io.err === processIo().err && process.stderr.isTTY
      ? (done: number, total: number) => io.err(`\rverify: ${done}/${total} requests`)
      : undefined;
  const result = await verifyStacks(s.config, s.stacks, s.routes, {
    progress,
    // A library app's stacks: their backend and sign-in are the app's own.
    ...(s.prefix !== undefined ? { prefix: s.prefix, outputOf: 'library' as const } : {}),
    ...(s.shared ? { shared: s.shared } : {}),
  });
  if (progress) io.err('\r\x1b[K');
  io.out(`${consoleReport(s.config, result)}\n`);
  writeReports(s, result, fsys);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.out(
    result.ok
      ? `verify: as intended: no finding, ${result.cells.length} workflows as the config says (${seconds} s); report: ${s.report}\n`
      : `verify: FAILED: ${result.findings.length} finding(s), ${result.mismatches.length} workflow(s) differ, ${result.lint.length} policy problem(s); report: ${s.report}\n`,
  );
  // For the bench: how many distinct requests each evaluator decided.
  if (io.env.VERIFY_STATS)
    io.err(
      `verify stats: ${JSON.stringify({ ...fastStats, rssMB: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`,
    );
  return result;
}

if (require.main === module) void verifyCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
