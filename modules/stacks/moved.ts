/**
 * Consumers whose route changed since the previous synth (its plan.json, still
 * in place): their clients must change how they address the bucket. Loud, since
 * a route is how clients address the bucket: a consumer moved to an access point
 * (its grants outgrew its overflow slot, or its position moved past the last
 * slot) has clients using s3://<bucket>/… refused from the apply on.
 */
import * as path from 'path';
import { tfName } from '../naming';
import type { OutputFs } from '../output';
import { PLAN_FILE, planFileSchema, Route } from '../contract';
import type { Plan } from '../plan';

/** The routes of the previous output's plan.json; none when there is none (or it cannot be read). */
export function previousRoutes(outdir: string, fsys: OutputFs): Route[] {
  const file = path.join(outdir, PLAN_FILE);
  if (!fsys.existsSync(file)) return [];
  try {
    const parsed = planFileSchema.safeParse(JSON.parse(String(fsys.readFileSync(file, 'utf8'))));
    return parsed.success ? parsed.data.routes : [];
  } catch {
    return []; // not ours to judge here: the swap replaces it
  }
}

const pathOf = (r: Route) =>
  r.method === 'access-grant'
    ? 'S3 Access Grants (get-data-access first)'
    : r.method === 'access-point'
      ? `access point ${r.accessPoint}`
      : r.method === 'assume-role'
        ? 'its producer role'
        : 'direct';

/** Why overflow put a consumer on an access point: its own grants, or its position (placement.ts). */
function overflowWhy(plan: Plan, consumer: string): string {
  const p = plan.placement;
  const m = p?.reasons.find((x) => x.name === consumer);
  if (!p || !m) return 'the bucket policy has no room for it';
  const index = plan.config.consumers.find((c) => c.name === consumer)?.index ?? 0;
  return m.why === 'size'
    ? `its grants, ${m.bytes} bytes, no longer fit its slot of the bucket policy (${p.slotBytes} bytes, producer.bucket.overflowSlotBytes)`
    : `its position in the consumers list (${index}) is past the bucket policy's ${p.slots} slot(s): a consumer was added before it, or the policy's room shrank`;
}

const backWhy = (plan: Plan) =>
  plan.placement
    ? `its position is within the bucket policy's ${plan.placement.slots} slot(s) and its grants fit one (${plan.placement.slotBytes} bytes)`
    : 'the bucket policy has room for it again';

/** One warning per consumer of both plans whose path to the bucket changed. */
export function routeSwitches(before: readonly Route[], plan: Plan): string[] {
  const previous = new Map(before.map((r) => [r.consumer, r]));
  const bucket = plan.config.producer.bucket.name;
  const arnOf = new Map(plan.documents.accessPoints.map((a) => [a.consumer, a.arn]));
  const out: string[] = [];
  for (const r of plan.routes) {
    const b = previous.get(r.consumer);
    if (!b || pathOf(b) === pathOf(r)) continue;
    const why =
      b.written !== r.written
        ? 'its method was changed in the config'
        : r.reason === 'overflow'
          ? `moved by overflow, its method unchanged ("${r.written}"): ${overflowWhy(plan, r.consumer)}`
          : b.reason === 'overflow'
            ? `back from overflow: ${backWhy(plan)}`
            : 'its route changed';
    const was = b.method === 'access-point' ? `access point ${b.accessPoint}` : `s3://${bucket}/…`;
    const arn = arnOf.get(r.consumer) ?? r.accessPoint;
    const todo =
      r.method === 'access-point'
        ? `its clients using ${was} are refused once this is applied: they must use the access point ${arn} ` +
          `where the bucket name goes (s3://${arn}/<key>), or its alias ` +
          `(terraform output -raw ${tfName('access_point', r.consumer, 'alias')}, once applied)`
        : r.method === 'assume-role'
          ? `its clients using ${was} must first assume its producer role with its External ID ` +
            `(terraform output -raw ${tfName('consumer', r.consumer, 'cli_profile')})`
          : `its clients using ${was} must use the bucket itself, s3://${bucket}/…: the access point is removed at apply`;
    out.push(`warning: CLIENTS MUST SWITCH: ${r.consumer} (${why}): ${pathOf(b)} -> ${pathOf(r)}; ${todo}.`);
  }
  return out;
}
