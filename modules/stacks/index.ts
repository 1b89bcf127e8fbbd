/**
 * A plan -> synthesized Terraform (and plan.json) in an output folder: the
 * stacks modules/emit builds, written as cdktf writes them, or (stock) the
 * library's constructs synthesized by cdktf. This file loads no cdktf: the
 * stock path is loaded when it is asked for.
 */
import * as path from 'path';
import type { App, TerraformStack } from 'cdktf';
import type { Backend } from '../config';
import { emitBuckets, EmittedStack, emitPlan, emitSharedRoles } from '../emit';
import { fsStep } from '../io';
import type { Layout } from '../naming';
import { OutputFs, realFs, replaceOutput, ReplaceOptions } from '../output';
import { BUCKET_PLANS, PLAN_FILE } from '../contract';
import { BucketsPlan, Plan, planJson, SharedRolesStackPlan, terraformCloudStacks } from '../plan';
import { previousRoutes, routeSwitches } from './moved';
import { leaveForCdktfCli, VanishedStack, vanishedStacks } from './vanished';
import { Rendering, renderingFromEnv, writeEmitted } from './render';
import type * as Stock from './stock';
import type * as Wiring from './wiring';

export { sizeSummary } from './summary';
export { runByCdktfCli, vanishedWarning } from './vanished';
export type { VanishedStack } from './vanished';
export { refuseHclOutput, RENDER_ENV, renderingFromEnv } from './render';
export type { Rendering } from './render';

/* eslint-disable @typescript-eslint/no-require-imports -- the stock path, loaded on demand */
const stock = () => require('./stock') as typeof Stock;

/** The library's constructs for a plan's stacks in a cdktf app (the stock rendering; tests compare with it). */
export function buildStacks(app: App, plan: Plan, layout: Layout = 'cdktf'): TerraformStack[] {
  return (require('./wiring') as typeof Wiring).buildStacks(app, plan, layout);
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The stacks of `planned` into `staging`, by the rendering asked for. */
function render(planned: BucketsPlan, staging: string, layout: Layout, rendering: Rendering, fsys: OutputFs): void {
  if (rendering === 'stock') {
    stock().synthesizeStock(planned, staging, layout);
    return;
  }
  const stacks: EmittedStack[] =
    planned.buckets.length === 1 && planned.sharedRoles.length === 0
      ? emitPlan(planned.buckets[0].plan, layout)
      : emitBuckets(planned, layout);
  writeEmitted(staging, stacks, fsys);
}

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
      render({ buckets: [{ key: '', plan }], sharedRoles: [] }, staging, layout, rendering, fsys);
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
      render(planned, staging, layout, rendering, fsys);
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

/** The shared-roles stacks alone, synthesized into `outdir` (handoff writes them beside the buckets' folders). */
export function synthesizeSharedRoles(
  plans: readonly SharedRolesStackPlan[],
  shared: { region: string; backend: Backend },
  outdir: string,
  layout: Layout,
  rendering: Rendering = renderingFromEnv(),
  fsys: OutputFs = realFs,
): void {
  if (rendering === 'stock') stock().synthesizeSharedRolesStock(plans, shared, outdir, layout);
  else writeEmitted(outdir, emitSharedRoles(plans, shared, layout), fsys);
}
