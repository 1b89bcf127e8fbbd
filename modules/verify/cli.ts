/**
 * `npm run verify`: evaluates cdktf.out against the config (CROSS_ACCOUNT_CONFIG,
 * else ./cross-account.json), prints the matrix, writes cdktf.out/access-report.md,
 * and exits 1 naming every cell that differs from the config.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, configFileFromEnv, loadConfig } from '../config';
import { readPlan, routedConsumers } from './synthesized';
import { consoleMatrix, markdownReport, readStacks, verifyStacks } from '.';

async function main(): Promise<number> {
  const file = configFileFromEnv();
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let config;
  try {
    config = loadConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  // The routes synth chose: consumers moved to access points by overflow are verified as such.
  config = { ...config, consumers: routedConsumers(config, readPlan(outdir, config, file)) };
  const result = await verifyStacks(config, readStacks(outdir));
  process.stdout.write(`${consoleMatrix(result.cells)}\n\n`);
  const report = path.join(outdir, 'access-report.md');
  fs.writeFileSync(report, markdownReport(config, file, result.cells, result.lint, result.keyNote));
  for (const p of result.lint) process.stderr.write(`policy problem: ${p.where} ${p.sid}: ${p.message}\n`);
  for (const c of result.mismatches) {
    process.stderr.write(
      `differs: ${c.row} | ${c.target} | ${c.action}: intended ${c.expected ? 'allow' : 'deny'}, evaluated ${c.actual ? 'allowed' : 'denied'}\n`,
    );
  }
  process.stdout.write(
    result.ok
      ? `verify: ${result.cells.length} requests as intended; report: ${report}\n`
      : `verify: FAILED, ${result.mismatches.length} cell(s) differ, ${result.lint.length} policy problem(s); report: ${report}\n`,
  );
  return result.ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    process.stderr.write(`verify: ${e.message}\n`);
    process.exitCode = 1;
  },
);
