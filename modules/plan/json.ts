/**
 * plan.json: the plan as synth wrote it, beside the Terraform. What reads
 * cdktf.out (verify, diff) takes the config's hash from here to refuse output
 * of another config, and the routes for what it must report.
 */
import type { Plan } from '.';
import { terraformCloudStacks } from './terraform-cloud';

export const PLAN_FILE = 'plan.json';

export interface PlanJson {
  tool: 'cross-account-s3';
  configFile: string;
  configHash: string;
  stacks: string[];
  routes: Plan['routes'];
  notes: string[];
  sizes: Plan['sizes'];
  documents: Plan['documents'];
}

export function planJson(plan: Plan, configFile: string): PlanJson {
  return {
    tool: 'cross-account-s3',
    configFile,
    configHash: plan.configHash,
    stacks: [...plan.stacks.map((s) => s.name), ...terraformCloudStacks(plan.terraformCloud)],
    routes: plan.routes,
    notes: plan.notes,
    sizes: plan.sizes,
    documents: plan.documents,
  };
}
