/** Wiring: config -> stacks -> synthesized Terraform in an output folder. */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import type { Config } from '../config';
import { SINGLE_STACK } from '../naming';
import { SingleStack } from './single';

export { SingleStack } from './single';
export { consumerGroups } from './groups';
export type { AccountGroup } from './groups';

/** Adds the stacks of a config to an app. */
export function buildStacks(app: App, config: Config): void {
  if (config.stacks === 'per-account') throw new Error('stacks "per-account" is not supported yet');
  new SingleStack(app, SINGLE_STACK, config);
}

/**
 * Synthesizes into a fresh folder beside `outdir`, then swaps it into place:
 * a failure leaves the previous output untouched.
 */
export function synthesize(config: Config, outdir: string): void {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.staging-`));
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    buildStacks(app, config);
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    fs.chmodSync(outdir, 0o755); // mkdtemp made it private
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
