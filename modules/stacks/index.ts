/** Wiring: a plan -> stacks -> synthesized Terraform (and plan.json) in an output folder. */
import * as path from 'path';
import { App } from 'cdktf';
import { fsStep } from '../io/errno';
import type { Layout } from '../naming';
import { realFs, replaceOutput, ReplaceOptions } from '../output';
import { Plan, PLAN_FILE, planJson } from '../plan';
import { withoutTokenTraces } from './traces';
import { buildStacks } from './wiring';

export { buildStacks } from './wiring';
export { sizeSummary } from './summary';

/**
 * Synthesizes a plan into a staging folder beside `outdir`, with plan.json
 * recording the config it came from, then swaps it into place (modules/output):
 * `outdir` must be absent, empty or ours, and at every instant the previous or
 * the new output is complete.
 */
export function synthesize(
  plan: Plan,
  outdir: string,
  configFile: string,
  layout: Layout = 'cdktf',
  options?: ReplaceOptions,
): void {
  const fsys = options?.fs ?? realFs;
  replaceOutput(
    outdir,
    'synth',
    (staging) => {
      const app = new App({ outdir: staging, skipValidation: false });
      withoutTokenTraces(() => {
        buildStacks(app, plan, layout);
        app.synth();
      });
      const file = path.join(staging, PLAN_FILE);
      fsStep('write', file, () => fsys.writeFileSync(file, `${JSON.stringify(planJson(plan, configFile), null, 2)}\n`));
    },
    options,
  );
}
