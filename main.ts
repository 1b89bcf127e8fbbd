/**
 * The app: load the config (CROSS_ACCOUNT_CONFIG, else ./cross-account.json),
 * plan, build the stacks, synthesize. A bad config stops here, before anything is written.
 */
// First: it defers modules of cdktf and zod a synth never uses (modules/cli/lazy-modules.ts).
import './modules/cli';
import { configFileFromEnv, loadConfigs } from './modules/config';
import { Io, processIo, run } from './modules/cli';
import { terminalSafe } from './modules/io';
import { computePlan, computePlans, sharedRoleSummary } from './modules/plan';
import {
  refuseHclOutput,
  renderingFromEnv,
  runByCdktfCli,
  sizeSummary,
  synthesize,
  synthesizeBuckets,
  vanishedWarning,
} from './modules/stacks';

export type { Io } from './modules/cli';

// Entry point of scripts/run.js (by name): no import uses it.
// ts-unused-exports:disable-next-line
export function main(io: Io = processIo()): number {
  return run('synth', io, () => {
    refuseHclOutput(io.env);
    const file = configFileFromEnv(io.env);
    const configs = loadConfigs(file, io.fs);
    const cdktfCli = runByCdktfCli(io.env);
    // The cdktf CLI shows an app's stdout only (its stderr only when it fails): warnings must reach the user.
    const warn = cdktfCli ? io.out : io.err;
    // Warnings quote the config (acknowledgement reasons): no control character reaches the terminal.
    const warnings = configs.kind === 'one' ? configs.config.warnings : configs.warnings;
    for (const w of warnings) warn(`warning: ${terminalSafe(w)}\n`);
    // `cdktf synth` tells the app where to write; run directly, it is ./cdktf.out.
    const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
    const options = { fs: io.fs, cdktfCli, rendering: renderingFromEnv(io.env) };
    // Many buckets (docs/many-buckets.md): each planned alone, the per-role totals across them, one output.
    const planned =
      configs.kind === 'one'
        ? { buckets: [{ key: '', plan: computePlan(configs.config) }], sharedRoles: [] }
        : computePlans(configs.buckets);
    const plans = planned.buckets;
    const report =
      configs.kind === 'one'
        ? synthesize(plans[0].plan, outdir, file, 'cdktf', options)
        : synthesizeBuckets(planned, outdir, file, 'cdktf', options);
    for (const v of report.vanished) warn(`${vanishedWarning(v, outdir)}\n`);
    for (const s of report.switches) warn(`${s}\n`);
    const summary = plans.flatMap(({ key, plan }) =>
      sizeSummary(plan).map((l) => (key && l.startsWith('plan: ') ? `plan (buckets.${key}): ${l.slice(6)}` : l)),
    );
    // Roles that several buckets grant: what IAM counts against the role, all its buckets together.
    summary.push(...(configs.kind === 'many' ? sharedRoleSummary(planned) : []));
    io.out(`synthesized ${file} into ${outdir}\n${summary.join('\n')}\n`);
    return 0;
  });
}

if (require.main === module) process.exitCode = main();
