/**
 * plan.json, the file synth writes beside the Terraform: one definition, the
 * writer's type and the readers' check. Synth writes a `PlanFile`; verify, diff
 * and synth itself (the routes of the previous output) parse it with this schema
 * before reading a field, so a tampered or truncated file is refused naming the
 * path inside it and the rule.
 */
import { z } from 'zod';

export const PLAN_FILE = 'plan.json';
/** A many-buckets config: each bucket's plan.json in <outdir>/buckets/<key>/ (docs/many-buckets.md). */
export const BUCKET_PLANS = 'buckets';
export const PLAN_TOOL = 'cross-account-s3';

export const METHODS = ['direct', 'assume-role', 'access-point', 'access-grant'] as const;
export type Method = (typeof METHODS)[number];

const routeSchema = z.strictObject({
  consumer: z.string(),
  /** The method the config writes. */
  written: z.enum(METHODS),
  /** The method the output uses: a direct consumer moved by overflow is on an access point. */
  method: z.enum(METHODS),
  /** "overflow": a direct consumer the bucket policy had no room for, on an access point of the producer account. */
  reason: z.enum(['written', 'overflow']),
  accessPoint: z.string().optional(),
});
export type Route = z.infer<typeof routeSchema>;

export const planFileSchema = z.strictObject({
  tool: z.literal(PLAN_TOOL),
  /** The config file synth read, as it was named (relative to the project). */
  configFile: z.string(),
  /** sha256 of the normalized config: output of another or a changed config is refused. */
  configHash: z.string(),
  /** The stacks synth wrote, by name: verify reads exactly these. */
  stacks: z.array(z.string()),
  /** Many buckets: the shared-roles stacks, beside every bucket's own (verify reads them with each bucket's). */
  sharedStacks: z.array(z.string()).optional(),
  routes: z.array(routeSchema),
  /** What the report must say about the plan (overflow, unmanaged accounts). */
  notes: z.array(z.string()),
  /** Each policy's size against its limit, for people and tools: no reader of ours depends on their shape. */
  sizes: z.array(z.unknown()),
  /**
   * Written until the policies were no longer repeated here (they are in each stack's cdk.tf.json, which verify
   * reads): a plan.json that still has them is read as before.
   */
  documents: z.record(z.string(), z.unknown()).optional(),
});
export type PlanFile = z.infer<typeof planFileSchema>;
