/** Wiring: a plan -> stacks -> synthesized Terraform (and plan.json) in an output folder. */
import * as path from 'path';
import { App } from 'cdktf';
import { fsStep } from '../io';
import type { Layout } from '../naming';
import { realFs, replaceOutput, ReplaceOptions } from '../output';
import { BUCKET_PLANS, PLAN_FILE } from '../contract';
import { BucketsPlan, Plan, planJson, terraformCloudStacks } from '../plan';
import { buildSharedRolesStacks } from './shared-roles';
import { previousRoutes, routeSwitches } from './moved';
import { leaveForCdktfCli, VanishedStack, vanishedStacks } from './vanished';
import { rendered, Rendering, renderingFromEnv } from './render';
import { buildStacks } from './wiring';

export { buildStacks } from './wiring';
export { synthesizeSharedRoles } from './shared-roles';
export { sizeSummary } from './summary';
export { runByCdktfCli, vanishedWarning } from './vanished';
export type { VanishedStack } from './vanished';
export { RENDER_ENV, renderingFromEnv } from './render';
export type { Rendering } from './render';

/** What changed since the previous output that someone must act on (the caller warns). */
export interface SynthReport {
  /** Stacks of the previous output this one no longer has: their resources stay in AWS. */
  vanished: VanishedStack[];
  /** Warnings for consumers whose route changed: their clients must switch (moved.ts). */
  switches: string[];
}

export interface SynthOptions extends ReplaceOptions {
  /** Run by the cdktf CLI: leave it the folders of vanished stacks to delete (vanished.ts). */
  cdktfCli?: boolean;
  /** The fast rendering (default) or cdktf's stock one; default from CROSS_ACCOUNT_RENDER (render/). */
  rendering?: Rendering;
}

/**
 * Synthesizes a plan into a staging folder beside `outdir`, with plan.json
 * recording the config it came from, then swaps it into place (modules/output):
 * `outdir` must be absent, empty or ours, and at every instant the previous or
 * the new output is complete. Returns what changed since the previous output
 * that someone must act on: vanished stacks, consumers whose clients must switch.
 */
export function synthesize(
  plan: Plan,
  outdir: string,
  configFile: string,
  layout: Layout = 'cdktf',
  options?: SynthOptions,
): SynthReport {
  const fsys = options?.fs ?? realFs;
  const report: SynthReport = { vanished: [], switches: [] };
  const rendering = options?.rendering ?? renderingFromEnv();
  replaceOutput(
    outdir,
    'synth',
    (staging) => {
      // The previous output is still in place (and recovered, if a run was killed).
      report.vanished = vanishedStacks(
        outdir,
        [...plan.stacks.map((s) => s.name), ...terraformCloudStacks(plan.terraformCloud)],
        fsys,
      );
      report.switches = routeSwitches(previousRoutes(outdir, fsys), plan);
      const app = new App({ outdir: staging, skipValidation: false });
      rendered(rendering, () => {
        buildStacks(app, plan, layout, rendering);
        app.synth();
      });
      const file = path.join(staging, PLAN_FILE);
      fsStep('write', file, () => fsys.writeFileSync(file, `${JSON.stringify(planJson(plan, configFile), null, 2)}\n`));
      if (options?.cdktfCli) leaveForCdktfCli(staging, report.vanished, fsys);
    },
    options,
  );
  return report;
}

/** Where a bucket of a many-buckets config keeps its plan.json: cdktf.out/buckets/<key>/ (stacks in stacks/). */
export const bucketPlanFolder = (outdir: string, key: string) => path.join(outdir, BUCKET_PLANS, key);

/**
 * A many-buckets config (docs/many-buckets.md): every bucket's stacks in one app and one output folder, swapped
 * into place at once; one plan.json per bucket. What synthesize reports, for every bucket.
 */
export function synthesizeBuckets(
  planned: BucketsPlan,
  outdir: string,
  configFile: string,
  layout: Layout = 'cdktf',
  options?: SynthOptions,
): SynthReport {
  const fsys = options?.fs ?? realFs;
  const report: SynthReport = { vanished: [], switches: [] };
  const rendering = options?.rendering ?? renderingFromEnv();
  const plans = planned.buckets;
  replaceOutput(
    outdir,
    'synth',
    (staging) => {
      report.vanished = vanishedStacks(
        outdir,
        [...plans.flatMap(({ plan }) => plan.stacks.map((s) => s.name)), ...planned.sharedRoles.map((s) => s.name)],
        fsys,
      );
      report.switches = plans.flatMap(({ key, plan }) =>
        routeSwitches(previousRoutes(bucketPlanFolder(outdir, key), fsys), plan).map((w) => `buckets.${key}: ${w}`),
      );
      const app = new App({ outdir: staging, skipValidation: false });
      rendered(rendering, () => {
        const built = new Map(
          plans.flatMap(({ plan }) => buildStacks(app, plan, layout, rendering)).map((st) => [st.node.id, st]),
        );
        if (planned.sharedRoles.length) {
          const { region, backend } = plans[0].plan.config;
          buildSharedRolesStacks(app, planned.sharedRoles, { region, backend }, built, layout, rendering);
        }
        app.synth();
      });
      for (const { key, plan } of plans) {
        const dir = bucketPlanFolder(staging, key);
        fsStep('create', dir, () => fsys.mkdirSync(dir, { recursive: true }));
        const file = path.join(dir, PLAN_FILE);
        fsStep('write', file, () =>
          fsys.writeFileSync(file, `${JSON.stringify(planJson(plan, configFile), null, 2)}\n`),
        );
      }
      if (options?.cdktfCli) leaveForCdktfCli(staging, report.vanished, fsys);
    },
    options,
  );
  return report;
}
