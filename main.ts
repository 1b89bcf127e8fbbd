/**
 * The app: load the config (CROSS_ACCOUNT_CONFIG, else ./cross-account.json),
 * build the stacks, synthesize. A bad config stops here, before anything is written.
 */
import { ConfigError, configFileFromEnv, loadConfig } from './modules/config';
import { PolicySizeError } from './modules/policy';
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
  let config;
  try {
    config = loadConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\nNothing was written.\n`);
      return 1;
    }
    throw e;
  }
  for (const w of config.warnings) io.err(`warning: ${w}\n`);
  // `cdktf synth` tells the app where to write; run directly, it is ./cdktf.out.
  const outdir = io.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let plan;
  try {
    plan = synthesize(config, outdir);
  } catch (e) {
    if (e instanceof PolicySizeError) {
      io.err(`${file}: ${e.message}\nNothing was written.\n`);
      return 1;
    }
    throw e;
  }
  io.out(`synthesized ${file} into ${outdir}\n${sizeSummary(config, plan).join('\n')}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();
