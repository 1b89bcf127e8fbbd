/** Wiring: config -> stacks -> synthesized Terraform in an output folder. */
import { App } from 'cdktf';
import type { Config } from '../config';
import { Layout, SINGLE_STACK } from '../naming';
import { replaceOutput, ReplaceOptions } from '../output';
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
 * anything is written), synthesizes into a staging folder beside `outdir`, then
 * swaps it into place (modules/output): `outdir` must be absent, empty or ours,
 * and at every instant the previous or the new output is complete.
 */
export function synthesize(input: Config, outdir: string, layout: Layout = 'cdktf', options?: ReplaceOptions): Plan {
  const plan = planForLimits(input);
  replaceOutput(
    outdir,
    'synth',
    (staging) => {
      const app = new App({ outdir: staging, skipValidation: false });
      buildStacks(app, plan.config, layout);
      app.synth();
    },
    options,
  );
  return plan;
}
