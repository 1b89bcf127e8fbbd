/**
 * plan.json read as modules/contract defines it: its shape (the writer's schema) before anything reads it;
 * once its config hash matched, its routes against the config (one per
 * consumer, each naming a consumer of the config with the method it writes). A tampered or
 * truncated file is refused naming the file, the path inside it and the rule.
 */
import { type PlanFile, planFileSchema } from '../contract';
import type { Config } from '../config';
import { quoted } from '../io';
import { ruleOf, whereIn } from './file-issue';

/** Thrown for a plan.json that breaks its contract. */
class PlanFileError extends Error {
  constructor(file: string, where: (string | number)[], rule: string) {
    super(`${file}: ${whereIn(where)}: ${rule}: run \`npm run synth\` again`);
    this.name = 'PlanFileError';
  }
}

/** `raw` as a plan, or a PlanFileError. */
export function planShape(file: string, raw: unknown): PlanFile {
  const parsed = planFileSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new PlanFileError(file, issue.path as (string | number)[], ruleOf(issue));
  }
  return parsed.data;
}

/** Its routes against the config (after its hash matched: output of another config is stale, not tampered). */
export function checkRoutes(file: string, plan: PlanFile, config: Config): PlanFile {
  const byName = new Map(config.consumers.map((c) => [c.name, c]));
  const seen = new Set<string>();
  plan.routes.forEach((r, i) => {
    const consumer = byName.get(r.consumer);
    const fail = (field: string, rule: string): never => {
      throw new PlanFileError(file, ['routes', i, field], rule);
    };
    if (!consumer) fail('consumer', `names ${quoted(r.consumer)}, no consumer of the config`);
    if (seen.has(r.consumer)) fail('consumer', `a second route of ${quoted(r.consumer)}`);
    seen.add(r.consumer);
    if (r.written !== consumer!.method) fail('written', `the config writes ${JSON.stringify(consumer!.method)}`);
    const to = config.producer.bucket.overflow === 'access-grants' ? 'access-grant' : 'access-point';
    const overflow = r.written === 'direct' && r.method === to;
    if (r.method !== r.written && !overflow)
      fail(
        'method',
        `only a direct consumer moves, to ${to === 'access-grant' ? 'S3 Access Grants' : 'an access point'}`,
      );
    if (r.reason !== (overflow ? 'overflow' : 'written'))
      fail('reason', `must be ${overflow ? '"overflow"' : '"written"'}`);
    if (overflow && to === 'access-point' && r.accessPoint === undefined)
      fail('accessPoint', 'a consumer moved by overflow names its access point');
  });
  const missing = config.consumers.find((c) => !seen.has(c.name));
  if (missing) throw new PlanFileError(file, ['routes'], `no route of the consumer ${quoted(missing.name)}`);
  return plan;
}
