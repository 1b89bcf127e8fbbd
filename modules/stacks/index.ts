/** Wiring: a plan -> stacks -> synthesized Terraform (and plan.json) in an output folder. */
import * as path from 'path';
import { App } from 'cdktf';
import { fsStep } from '../io/errno';
import type { Layout } from '../naming';
import { realFs, replaceOutput, ReplaceOptions } from '../output';
import { Plan, PLAN_FILE, planJson } from '../plan';
import { withoutTokenTraces } from './traces';
import { leaveForCdktfCli, VanishedStack, vanishedStacks } from './vanished';
import { buildStacks } from './wiring';

export { buildStacks } from './wiring';
export { sizeSummary } from './summary';
export { runByCdktfCli, vanishedWarning } from './vanished';
export type { VanishedStack } from './vanished';

export interface SynthOptions extends ReplaceOptions {
  /** Run by the cdktf CLI: leave it the folders of vanished stacks to delete (vanished.ts). */
  cdktfCli?: boolean;
}

/**
 * Synthesizes a plan into a staging folder beside `outdir`, with plan.json
 * recording the config it came from, then swaps it into place (modules/output):
 * `outdir` must be absent, empty or ours, and at every instant the previous or
 * the new output is complete. Returns the stacks of the previous output this
 * one no longer has (their resources stay in AWS: the caller warns).
 */
export function synthesize(
  plan: Plan,
  outdir: string,
  configFile: string,
  layout: Layout = 'cdktf',
  options?: SynthOptions,
): VanishedStack[] {
  const fsys = options?.fs ?? realFs;
  let vanished: VanishedStack[] = [];
  replaceOutput(
    outdir,
    'synth',
    (staging) => {
      // The previous output is still in place (and recovered, if a run was killed).
      vanished = vanishedStacks(
        outdir,
        plan.stacks.map((s) => s.name),
        fsys,
      );
      const app = new App({ outdir: staging, skipValidation: false });
      withoutTokenTraces(() => {
        buildStacks(app, plan, layout);
        app.synth();
      });
      const file = path.join(staging, PLAN_FILE);
      fsStep('write', file, () => fsys.writeFileSync(file, `${JSON.stringify(planJson(plan, configFile), null, 2)}\n`));
      if (options?.cdktfCli) leaveForCdktfCli(staging, vanished, fsys);
    },
    options,
  );
  return vanished;
}
