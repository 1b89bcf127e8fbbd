/** Wiring: config -> stacks -> synthesized Terraform in an output folder. */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import type { Config } from '../config';
import { Layout, SINGLE_STACK } from '../naming';
import { Plan, planForLimits } from '../policy';
import { perAccountStacks } from './per-account';
import { SingleStack } from './single';

export { SingleStack } from './single';
export { perAccountStacks } from './per-account';
export { sizeSummary } from './summary';
export { consumerGroups } from './groups';
export type { AccountGroup } from './groups';

/**
 * Adds the stacks of a config to an app. `layout` decides where local state lives
 * (cdktf.out or handoff folders). The config is the planned one (planForLimits).
 */
export function buildStacks(app: App, config: Config, layout: Layout = 'cdktf'): void {
  if (config.stacks === 'per-account') perAccountStacks(app, config, layout);
  else new SingleStack(app, SINGLE_STACK, config, layout);
}

/**
 * Fits the config into AWS's policy limits (or throws PolicySizeError before
 * anything is written), synthesizes into a fresh folder beside `outdir`, then
 * swaps it into place: a failure leaves the previous output untouched.
 */
export function synthesize(input: Config, outdir: string, layout: Layout = 'cdktf'): Plan {
  const plan = planForLimits(input);
  const config = plan.config;
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.staging-`));
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    buildStacks(app, config, layout);
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    fs.chmodSync(outdir, 0o755); // mkdtemp made it private
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return plan;
}
