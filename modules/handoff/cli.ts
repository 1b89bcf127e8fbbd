/** `npm run handoff` (honours CROSS_ACCOUNT_CONFIG, HANDOFF_OUTDIR): writes handoff/<stack>/main.tf and README.md. */
// First: it defers modules of cdktf and zod a synth never uses (modules/cli/lazy-modules.ts).
import '../cli';
import * as path from 'path';
import { configFileFromEnv, loadConfigs } from '../config';
import { Io, processIo, run } from '../cli';
import { terminalSafe } from '../io';
import { computePlans } from '../plan';
import { SHARED_ROLES_HANDOFF, writeHandoff, writeSharedRolesHandoff } from '.';

export function handoffMain(io: Io = processIo()): number {
  return run('handoff', io, () => {
    const file = configFileFromEnv(io.env);
    const configs = loadConfigs(file, io.fs);
    const warnings = configs.kind === 'one' ? configs.config.warnings : configs.warnings;
    for (const w of warnings) io.err(`warning: ${terminalSafe(w)}\n`);
    const outdir = io.env.HANDOFF_OUTDIR ?? 'handoff';
    // Many buckets (docs/many-buckets.md): each bucket's handoff as a one-bucket config's, in handoff/<key>/.
    // Planned together: the roles several buckets grant past IAM's total get a folder of their own.
    const planned = configs.kind === 'many' ? computePlans(configs.buckets) : undefined;
    const parts =
      configs.kind === 'one'
        ? [{ config: configs.config, dir: outdir }]
        : configs.buckets.map((b, i) => ({
            config: b.config,
            dir: path.join(outdir, b.key),
            plan: planned!.buckets[i].plan,
          }));
    const options = { fs: io.fs, configFile: file, warn: (w: string) => io.err(`warning: ${w}\n`) };
    const folders = parts.flatMap(({ config, dir, ...rest }) =>
      writeHandoff(config, dir, { ...options, ...rest }).map((s) => `${dir}/${s}/`),
    );
    if (planned?.sharedRoles.length) {
      const dir = path.join(outdir, SHARED_ROLES_HANDOFF);
      folders.push(...writeSharedRolesHandoff(planned, dir, options).map((s) => `${dir}/${s}/`));
    }
    io.out(`handoff: ${folders.join(', ')} from ${file}\n`);
    return 0;
  });
}

if (require.main === module) process.exitCode = handoffMain();
