/** `npm run handoff` (honours CROSS_ACCOUNT_CONFIG): writes handoff/<stack>/main.tf and README.md. */
import { ConfigError, configFileFromEnv, loadConfig } from '../config';
import { writeHandoff } from '.';

function main(): number {
  const file = configFileFromEnv();
  let config;
  try {
    config = loadConfig(file);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nNothing was written.\n`);
      return 1;
    }
    throw e;
  }
  for (const w of config.warnings) process.stderr.write(`warning: ${w}\n`);
  const outdir = process.env.HANDOFF_OUTDIR ?? 'handoff';
  const stacks = writeHandoff(config, outdir);
  process.stdout.write(`handoff: ${stacks.map((s) => `${outdir}/${s}/`).join(', ')} from ${file}\n`);
  return 0;
}

process.exitCode = main();
