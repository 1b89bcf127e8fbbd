/**
 * modules/contract: what the generator writes and its readers (verify, diff,
 * handoff, a consumer stack) read, defined once — output names, plan.json and
 * its routes. It imports no other module: every side depends on it, it on none.
 */
export { tfName } from './terraform-name';
export { outputNames } from './outputs';
export type { OutputNames } from './outputs';
export { BUCKET_PLANS, METHODS, PLAN_FILE, PLAN_TOOL, planFileSchema } from './plan-file';
export type { Method, PlanFile, Route } from './plan-file';
