/** `npm run handoff` (honours CROSS_ACCOUNT_CONFIG, HANDOFF_OUTDIR): writes handoff/<stack>/main.tf and README.md. */
// First: it defers modules of cdktf and zod a synth never uses (modules/cli/lazy-modules.ts).
import '../cli';
import * as path from 'path';
import { configFileFromEnv, loadConfigs } from '../config';
import { Io, processIo, run } from '../cli';
import { terminalSafe } from '../io';
import { writeHandoff } from '.';

export function handoffMain(io: Io = processIo()): number {
  return run('handoff', io, () => {
    const file = configFileFromEnv(io.env);
    const configs = loadConfigs(file, io.fs);
    const warnings = configs.kind === 'one' ? configs.config.warnings : configs.warnings;
    for (const w of warnings) io.err(`warning: ${terminalSafe(w)}\n`);
    const outdir = io.env.HANDOFF_OUTDIR ?? 'handoff';
    // Many buckets (docs/many-buckets.md): each bucket's handoff as a one-bucket config's, in handoff/<key>/.
    const parts =
      configs.kind === 'one'
        ? [{ config: configs.config, dir: outdir }]
        : configs.buckets.map((b) => ({ config: b.config, dir: path.join(outdir, b.key) }));
    const folders = parts.flatMap(({ config, dir }) =>
      writeHandoff(config, dir, { fs: io.fs, configFile: file, warn: (w) => io.err(`warning: ${w}\n`) }).map(
        (s) => `${dir}/${s}/`,
      ),
    );
    io.out(`handoff: ${folders.join(', ')} from ${file}\n`);
    return 0;
  });
}

if (require.main === module) process.exitCode = handoffMain();
