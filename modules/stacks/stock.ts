/**
 * The stock rendering (CROSS_ACCOUNT_RENDER=stock): the plan rendered through the
 * library's constructs in a cdktf app, synthesized by cdktf as it ships. Loaded only
 * when asked for, so that the default synth never loads cdktf.
 */
import { App, TerraformStack } from 'cdktf';
import type { Backend } from '../config';
import type { Layout } from '../naming';
import type { BucketsPlan, SharedRolesStackPlan } from '../plan';
import { buildSharedRolesStacks } from './shared-roles';
import { buildStacks } from './wiring';

/** Every bucket's stacks and the shared-roles stacks, synthesized into `outdir` (a one-bucket config: one bucket). */
export function synthesizeStock(planned: BucketsPlan, outdir: string, layout: Layout): void {
  const app = new App({ outdir, skipValidation: false });
  const built = new Map<string, TerraformStack>(
    planned.buckets.flatMap(({ plan }) => buildStacks(app, plan, layout)).map((st) => [st.node.id, st]),
  );
  if (planned.sharedRoles.length) {
    const { region, backend } = planned.buckets[0].plan.config;
    buildSharedRolesStacks(app, planned.sharedRoles, { region, backend }, built, layout);
  }
  app.synth();
}

/** The shared-roles stacks alone. */
export function synthesizeSharedRolesStock(
  plans: readonly SharedRolesStackPlan[],
  shared: { region: string; backend: Backend },
  outdir: string,
  layout: Layout,
): void {
  const app = new App({ outdir, skipValidation: false });
  buildSharedRolesStacks(app, plans, shared, new Map(), layout);
  app.synth();
}
