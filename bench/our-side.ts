/** This project's side of the benchmark: plan, build and synthesize in memory; sizes from the plan. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseConfig } from '../modules/config';
import { computePlan } from '../modules/plan';
import { synthesize } from '../modules/stacks';

export interface OurMeasure {
  ms: number;
  bucketPolicyBytes: number;
  keyPolicyBytes: number;
  resources: number;
  moved: number;
}

export function synthOurs(raw: unknown): OurMeasure {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ours-'));
  const start = process.hrtime.bigint();
  const plan = computePlan(parseConfig(raw));
  synthesize(plan, path.join(outdir, 'cdktf.out'), 'bench.json');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let resources = 0;
  const stacks = path.join(outdir, 'cdktf.out', 'stacks');
  for (const s of fs.readdirSync(stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8'));
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {}))
      resources += Object.keys(byName).length;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  const size = (kind: string) => plan.sizes.filter((s) => s.kind === kind).reduce((n, s) => n + s.size, 0);
  return {
    ms,
    bucketPolicyBytes: size('bucket'),
    keyPolicyBytes: size('key'),
    resources,
    moved: plan.routes.filter((r) => r.reason === 'overflow').length,
  };
}
