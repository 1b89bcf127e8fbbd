/**
 * `npm run audit -- <collected folder>`: what is deployed, proven as verify proves the
 * synthesized output. The collected documents (scripts/collect.sh) are substituted into
 * cdktf.out's stacks and verify's engine runs on them; drift per attribute, what is
 * deployed but not synthesized and active Access Analyzer findings are added. Exit 1 on
 * any of them; a missing or partial collection is refused, naming what is missing.
 */
import * as path from 'path';
import { configFileFromEnv, loadConfig } from '../config';
import { Io, processIo, runAsync } from '../cli';
import { checkReportPath, realFs, writeReport } from '../output';
import { readPlan, readStacks, verifyStacks } from '../verify';
import { CollectionRefused } from './collected';
import { Audited, auditedStacks } from './deployed';
import { auditConsole, auditMarkdown, auditOk } from './report';

const USAGE = 'usage: npm run audit -- <folder written by scripts/collect.sh>';

// audit.test.ts reaches it through a require inside jest.isolateModules.
// ts-unused-exports:disable-next-line
export function auditMain(io: Io = processIo(), args: string[] = []): Promise<number> {
  return runAsync('audit', io, () => audit(io, args));
}

// Entry point of scripts/run.js (by name): no import uses it.
// ts-unused-exports:disable-next-line
export const auditCli = (args: string[]): Promise<number> => auditMain(processIo(), args);

async function audit(io: Io, args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('--')) throw new Error(USAGE);
  const folder = args[0];
  const fsys = io.fs ?? realFs;
  const file = configFileFromEnv(io.env);
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const report = path.join(outdir, 'audit-report.md');
  checkReportPath(report, 'audit-report', [file], fsys);
  const config = loadConfig(file, io.fs);
  const plan = readPlan(outdir, config, file, fsys);
  const synthesized = readStacks(outdir, fsys, (plan as { stacks?: string[] }).stacks);
  let audited: Audited;
  try {
    audited = auditedStacks(config, synthesized, folder);
  } catch (e) {
    if (!(e instanceof CollectionRefused)) throw e;
    io.err(`audit: ${e.message}\nNothing was written.\n`);
    return 1;
  }
  const result = await verifyStacks(config, audited.stacks, plan.routes);
  io.out(`${auditConsole(config, result, audited)}\n`);
  writeReport(report, 'audit-report', auditMarkdown(config, folder, result, audited), [file], fsys);
  const ok = auditOk(result, audited);
  io.out(
    ok
      ? `audit: as intended: no finding, no drift, no active Access Analyzer finding; report: ${report}\n`
      : `audit: FAILED: ${result.findings.length} finding(s) and ${result.mismatches.length} workflow(s) differing on the deployed documents, ${audited.drift.length} drift, ${audited.extra.length} not synthesized, ${audited.analyzer.length} Access Analyzer finding(s); report: ${report}\n`,
  );
  return ok ? 0 : 1;
}

if (require.main === module)
  void auditMain(processIo(), process.argv.slice(2)).then((code) => (process.exitCode = code));
