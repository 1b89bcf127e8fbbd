/**
 * The app: load the config (CROSS_ACCOUNT_CONFIG, else ./cross-account.json),
 * build the stacks, synthesize. A bad config stops here, before anything is written.
 */
import { ConfigError, configFileFromEnv, loadConfig } from './modules/config';
import { synthesize } from './modules/stacks';

function main(): number {
  const file = configFileFromEnv();
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
  // `cdktf synth` tells the app where to write; run directly, it is ./cdktf.out.
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  synthesize(config, outdir);
  process.stdout.write(`synthesized ${file} into ${outdir}\n`);
  return 0;
}

process.exitCode = main();
