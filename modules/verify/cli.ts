/**
 * `npm run verify`: checks cdktf.out against the config (CROSS_ACCOUNT_CONFIG,
 * else ./cross-account.json): refuses output of another or a changed config,
 * prints findings, differences and one line per consumer, writes
 * cdktf.out/access-report.md, and exits 1 on any finding or difference.
 */
import * as path from 'path';
import { configFileFromEnv, loadConfig } from '../config';
import { Io, processIo, runAsync } from '../cli/run';
import { checkReportPath, realFs, writeReport } from '../output';
import { readStacksChecked } from './read-stacks';
import { consoleReport, markdownReport, readPlan, verifyStacks } from '.';

export function verifyMain(io: Io = processIo()): Promise<number> {
  return runAsync('verify', io, () => verify(io));
}

async function verify(io: Io): Promise<number> {
  const fsys = io.fs ?? realFs;
  const file = configFileFromEnv(io.env);
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const config = loadConfig(file, io.fs);
  // The routes synth chose: consumers moved to access points by overflow are verified as such.
  const plan = readPlan(outdir, config, file, fsys);
  const report = path.join(outdir, 'access-report.md');
  checkReportPath(report, 'access-report', [file], fsys); // refused before the work, not after it
  const started = Date.now();
  const progress =
    io.err === processIo().err && process.stderr.isTTY
      ? (done: number, total: number) => io.err(`\rverify: ${done}/${total} requests`)
      : undefined;
  const result = await verifyStacks(config, readStacksChecked(outdir, fsys), plan.routes, { progress });
  if (progress) io.err('\r\x1b[K');
  io.out(`${consoleReport(config, result)}\n`);
  writeReport(report, 'access-report', markdownReport(config, file, result), [file], fsys);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.out(
    result.ok
      ? `verify: as intended: no finding, ${result.cells.length} workflows as the config says (${seconds} s); report: ${report}\n`
      : `verify: FAILED: ${result.findings.length} finding(s), ${result.mismatches.length} workflow(s) differ, ${result.lint.length} policy problem(s); report: ${report}\n`,
  );
  return result.ok ? 0 : 1;
}

if (require.main === module) void verifyMain().then((code) => (process.exitCode = code));
