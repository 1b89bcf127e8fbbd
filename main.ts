/**
 * The app: load the config (CROSS_ACCOUNT_CONFIG, else ./cross-account.json),
 * plan, build the stacks, synthesize. A bad config stops here, before anything is written.
 */
import { ConfigError, configFileFromEnv, loadConfig } from './modules/config';
import { computePlan, PolicySizeError } from './modules/plan';
import { sizeSummary, synthesize } from './modules/stacks';

export interface Io {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

export function main(
  io: Io = { env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): number {
  const file = configFileFromEnv(io.env);
  let plan;
  try {
    const config = loadConfig(file);
    for (const w of config.warnings) io.err(`warning: ${w}\n`);
    plan = computePlan(config);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PolicySizeError) {
      io.err(`${e instanceof PolicySizeError ? `${file}: ` : ''}${e.message}\nNothing was written.\n`);
      return 1;
    }
    throw e;
  }
  // `cdktf synth` tells the app where to write; run directly, it is ./cdktf.out.
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  synthesize(plan, outdir, file);
  io.out(`synthesized ${file} into ${outdir}\n${sizeSummary(plan).join('\n')}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();
