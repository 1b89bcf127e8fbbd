/** `npm run handoff` (honours CROSS_ACCOUNT_CONFIG, HANDOFF_OUTDIR): writes handoff/<stack>/main.tf and README.md. */
// First: it defers modules of cdktf and zod a synth never uses (modules/cli/lazy-modules.ts).
import '../cli';
import { configFileFromEnv, loadConfig } from '../config';
import { Io, processIo, run } from '../cli';
import { terminalSafe } from '../io';
import { writeHandoff } from '.';

export function handoffMain(io: Io = processIo()): number {
  return run('handoff', io, () => {
    const file = configFileFromEnv(io.env);
    const config = loadConfig(file, io.fs);
    for (const w of config.warnings) io.err(`warning: ${terminalSafe(w)}\n`);
    const outdir = io.env.HANDOFF_OUTDIR ?? 'handoff';
    const stacks = writeHandoff(config, outdir, {
      fs: io.fs,
      configFile: file,
      warn: (w) => io.err(`warning: ${w}\n`),
    });
    io.out(`handoff: ${stacks.map((s) => `${outdir}/${s}/`).join(', ')} from ${file}\n`);
    return 0;
  });
}

if (require.main === module) process.exitCode = handoffMain();
