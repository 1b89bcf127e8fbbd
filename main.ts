/**
 * The app: load the config (CROSS_ACCOUNT_CONFIG, else ./cross-account.json),
 * plan, build the stacks, synthesize. A bad config stops here, before anything is written.
 */
// First: it defers modules of cdktf and zod a synth never uses (modules/cli/lazy-modules.ts).
import './modules/cli';
import { configFileFromEnv, loadConfig } from './modules/config';
import { Io, processIo, run } from './modules/cli';
import { terminalSafe } from './modules/io';
import { computePlan } from './modules/plan';
import { renderingFromEnv, runByCdktfCli, sizeSummary, synthesize, vanishedWarning } from './modules/stacks';

export type { Io } from './modules/cli';

// Entry point of scripts/run.js (by name): no import uses it.
// ts-unused-exports:disable-next-line
export function main(io: Io = processIo()): number {
  return run('synth', io, () => {
    const file = configFileFromEnv(io.env);
    const config = loadConfig(file, io.fs);
    const cdktfCli = runByCdktfCli(io.env);
    // The cdktf CLI shows an app's stdout only (its stderr only when it fails): warnings must reach the user.
    const warn = cdktfCli ? io.out : io.err;
    // Warnings quote the config (acknowledgement reasons): no control character reaches the terminal.
    for (const w of config.warnings) warn(`warning: ${terminalSafe(w)}\n`);
    const plan = computePlan(config);
    // `cdktf synth` tells the app where to write; run directly, it is ./cdktf.out.
    const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
    const rendering = renderingFromEnv(io.env);
    const report = synthesize(plan, outdir, file, 'cdktf', { fs: io.fs, cdktfCli, rendering });
    for (const v of report.vanished) warn(`${vanishedWarning(v, outdir)}\n`);
    for (const s of report.switches) warn(`${s}\n`);
    io.out(`synthesized ${file} into ${outdir}\n${sizeSummary(plan).join('\n')}\n`);
    return 0;
  });
}

if (require.main === module) process.exitCode = main();
