/**
 * plan.json: the plan as synth writes it, beside the Terraform, in the shape
 * modules/contract defines (its readers parse it with the same schema). What
 * reads cdktf.out (verify, diff) takes the config's hash from here to refuse
 * output of another config, and the routes for what it must report.
 */
import { PLAN_TOOL, PlanFile } from '../contract';
import type { Plan } from '.';
import { terraformCloudStacks } from './terraform-cloud';

export function planJson(plan: Plan, configFile: string): PlanFile {
  return {
    tool: PLAN_TOOL,
    configFile,
    configHash: plan.configHash,
    stacks: [...plan.stacks.map((s) => s.name), ...terraformCloudStacks(plan.terraformCloud)],
    ...(plan.alsoReads?.length ? { sharedStacks: plan.alsoReads } : {}),
    routes: plan.routes,
    notes: plan.notes,
    sizes: plan.sizes,
  };
}
