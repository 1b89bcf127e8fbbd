/**
 * `npm run verify`: evaluates cdktf.out against the config (CROSS_ACCOUNT_CONFIG,
 * else ./cross-account.json), prints the matrix, writes cdktf.out/access-report.md,
 * and exits 1 naming every cell that differs from the config.
 */
import * as path from 'path';
import { configFileFromEnv, loadConfig } from '../config';
import { Io, processIo, runAsync } from '../cli/run';
import { realFs, writeFileAtomic } from '../output';
import { planForLimits } from '../policy';
import { readStacksChecked } from './read-stacks';
import { consoleMatrix, markdownReport, verifyStacks } from '.';

export function verifyMain(io: Io = processIo()): Promise<number> {
  return runAsync('verify', io, () => verify(io));
}

async function verify(io: Io): Promise<number> {
  const fsys = io.fs ?? realFs;
  const file = configFileFromEnv(io.env);
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  // The same plan synth made: consumers moved to access points are verified as such.
  const config = planForLimits(loadConfig(file, io.fs)).config;
  const result = await verifyStacks(config, readStacksChecked(outdir, fsys));
  io.out(`${consoleMatrix(result.cells)}\n\n`);
  const report = path.join(outdir, 'access-report.md');
  writeFileAtomic(report, markdownReport(config, file, result.cells, result.lint, result.keyNote), fsys);
  for (const p of result.lint) io.err(`policy problem: ${p.where} ${p.sid}: ${p.message}\n`);
  for (const c of result.mismatches) {
    io.err(
      `differs: ${c.row} | ${c.target} | ${c.action}: intended ${c.expected ? 'allow' : 'deny'}, evaluated ${c.actual ? 'allowed' : 'denied'}\n`,
    );
  }
  io.out(
    result.ok
      ? `verify: ${result.cells.length} requests as intended; report: ${report}\n`
      : `verify: FAILED, ${result.mismatches.length} cell(s) differ, ${result.lint.length} policy problem(s); report: ${report}\n`,
  );
  return result.ok ? 0 : 1;
}

if (require.main === module) void verifyMain().then((code) => (process.exitCode = code));
