/**
 * `npm run handoff`: Terraform that platform teams can take as is. For each
 * stack, handoff/<stack>/main.tf (HCL, the same configuration as cdk.tf.json)
 * and a README.md. Local state then lives in each folder (terraform.tfstate).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Config } from '../config';
import { computePlan } from '../plan';
import { synthesize } from '../stacks';
import { toHcl } from './convert';
import { stackReadme } from './readme';

export { toHcl, AWS_PROVIDER_CONSTRAINT } from './convert';

/** Writes handoff/<stack>/ for every stack; replaces `outdir` only when all succeeded. */
export function writeHandoff(config: Config, outdir: string): string[] {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const work = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}.staging-`));
  try {
    const synthDir = path.join(work, 'synth');
    const plan = computePlan(config);
    synthesize(plan, synthDir, 'handoff', 'handoff');
    const out = path.join(work, 'out');
    const stacks = fs.readdirSync(path.join(synthDir, 'stacks')).sort();
    for (const stack of stacks) {
      const json = JSON.parse(fs.readFileSync(path.join(synthDir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      fs.mkdirSync(path.join(out, stack), { recursive: true });
      fs.writeFileSync(path.join(out, stack, 'main.tf'), toHcl(json));
      fs.writeFileSync(path.join(out, stack, 'README.md'), stackReadme(plan.config, stack, json));
    }
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(out, outdir);
    fs.chmodSync(outdir, 0o755);
    return stacks;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
