/**
 * cdk.tf.json's shape, checked before verify reads it (a zod schema): the
 * blocks verify walks are objects of the kinds Terraform JSON gives them, and
 * a stack holds resources or outputs (every stack this project writes does). A tampered
 * or truncated file is refused naming the file, the path inside it and the rule.
 */
import { z } from 'zod';
import { ruleOf, whereIn } from './file-issue';
import type { TfJson } from './terraform';

const body = z.looseObject({ provider: z.string().optional(), depends_on: z.array(z.string()).optional() });
const blocks = z.record(z.string(), z.record(z.string(), body));

const stackSchema = z
  .looseObject({
    // Absent in a stack of outputs only (many buckets: a consumer stack whose role's rights moved to a
    // shared-roles stack); when written, it holds resources, as cdktf writes it.
    resource: blocks
      .refine((r) => Object.values(r).some((byName) => Object.keys(byName).length > 0), {
        message: 'holds no resource: every stack this project writes does',
      })
      .optional(),
    data: blocks.optional(),
    output: z.record(z.string(), z.looseObject({ value: z.unknown(), sensitive: z.boolean().optional() })).optional(),
    provider: z
      .looseObject({
        aws: z
          .array(
            z.looseObject({
              alias: z.string().optional(),
              region: z.string().optional(),
              allowed_account_ids: z.array(z.string()).optional(),
            }),
          )
          .optional(),
      })
      .optional(),
  })
  .refine((j) => j.resource !== undefined || Object.keys(j.output ?? {}).length > 0, {
    message: 'is missing: every stack this project writes holds resources, or outputs only',
    path: ['resource'],
  });

/** `value` as a stack's Terraform JSON, or an Error naming the file, the path and the rule. */
export function checkedStack(file: string, value: unknown): TfJson {
  const parsed = stackSchema.safeParse(value);
  if (parsed.success) return parsed.data as TfJson;
  const [issue] = parsed.error.issues;
  throw new Error(`${file}: ${whereIn(issue.path)}: ${ruleOf(issue)}: run \`npm run synth\` again`);
}
