/** Wiring: a plan -> stacks -> synthesized Terraform (and plan.json) in an output folder. */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import type { Layout } from '../naming';
import { Plan, PLAN_FILE, planJson } from '../plan';
import { buildStacks } from './wiring';

export { buildStacks } from './wiring';
export { sizeSummary } from './summary';

/**
 * Synthesizes a plan into a fresh folder beside `outdir`, with plan.json
 * recording the config it came from, then swaps it into place: a failure leaves
 * the previous output untouched.
 */
export function synthesize(plan: Plan, outdir: string, configFile: string, layout: Layout = 'cdktf'): void {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.staging-`));
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    buildStacks(app, plan, layout);
    app.synth();
    fs.writeFileSync(path.join(staging, PLAN_FILE), `${JSON.stringify(planJson(plan, configFile), null, 2)}\n`);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    fs.chmodSync(outdir, 0o755); // mkdtemp made it private
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
