/**
 * `npm run verify`: checks cdktf.out against the config (CROSS_ACCOUNT_CONFIG,
 * else ./cross-account.json): refuses output of another or a changed config,
 * prints findings, differences and one line per consumer, writes
 * cdktf.out/access-report.md, and exits 1 on any finding or difference.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, configFileFromEnv, loadConfig } from '../config';
import { consoleReport, markdownReport, readPlan, readStacks, StaleOutputError, verifyStacks } from '.';

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
  let plan;
  try {
    plan = readPlan(outdir, config, file);
  } catch (e) {
    if (e instanceof StaleOutputError) {
      process.stderr.write(`verify: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const started = Date.now();
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => process.stderr.write(`\rverify: ${done}/${total} requests`)
    : undefined;
  const result = await verifyStacks(config, readStacks(outdir), plan.routes, { progress });
  if (progress) process.stderr.write('\r\x1b[K');
  process.stdout.write(`${consoleReport(config, result)}\n`);
  const report = path.join(outdir, 'access-report.md');
  fs.writeFileSync(report, markdownReport(config, file, result));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    result.ok
      ? `verify: as intended: no finding, ${result.cells.length} workflows as the config says (${seconds} s); report: ${report}\n`
      : `verify: FAILED: ${result.findings.length} finding(s), ${result.mismatches.length} workflow(s) differ, ${result.lint.length} policy problem(s); report: ${report}\n`,
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
