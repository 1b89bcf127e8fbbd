/**
 * `npm run handoff`: Terraform that platform teams can take as is. For each
 * stack, handoff/<stack>/main.tf (HCL, the same configuration as cdk.tf.json)
 * and a README.md. Local state then lives in each folder (terraform.tfstate):
 * only those two files are ever rewritten, each whole (temporary file, then
 * rename); state, lock files, .terraform/, *.tfvars and overrides stay, and a
 * folder of a stack that no longer exists is left in place with a warning.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Config } from '../config';
import { fsStep } from '../cli/errno';
import { MARKER, markerText, prepareOutput, realFs, writeFileAtomic, type OutputFs, type Places } from '../output';
import { synthesize } from '../stacks';
import { toHcl } from './convert';
import { stackReadme } from './readme';

export { toHcl, AWS_PROVIDER_CONSTRAINT } from './convert';

export interface HandoffOptions {
  fs?: OutputFs;
  places?: Places;
  /** Told of stack folders left in place. */
  warn?: (line: string) => void;
}

const STATE = ['terraform.tfstate', 'terraform.tfstate.d', '.terraform'];

/** Writes handoff/<stack>/main.tf and README.md for every stack; returns the stacks. */
export function writeHandoff(config: Config, outdir: string, options: HandoffOptions = {}): string[] {
  const fsys = options.fs ?? realFs;
  const abs = prepareOutput(outdir, 'handoff', fsys, options.places);
  // Everything is generated before the first file of handoff/ changes.
  const work = fsStep('create a temporary folder in', path.dirname(abs), () =>
    fsys.mkdtempSync(path.join(path.dirname(abs), `.${path.basename(abs)}.staging-`)),
  );
  try {
    const synthDir = path.join(work, 'synth');
    const plan = synthesize(config, synthDir, 'handoff', { places: options.places });
    const stacks = fs.readdirSync(path.join(synthDir, 'stacks')).sort();
    const files = stacks.map((stack) => {
      const json = JSON.parse(fs.readFileSync(path.join(synthDir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      return { stack, main: toHcl(json), readme: stackReadme(plan.config, stack, json) };
    });
    fsStep('create the folder', abs, () => fsys.mkdirSync(abs, { recursive: true }));
    writeFileAtomic(path.join(abs, MARKER), markerText('handoff'), fsys);
    for (const f of files) {
      const dir = path.join(abs, f.stack);
      fsStep('create the folder', dir, () => fsys.mkdirSync(dir, { recursive: true }));
      writeFileAtomic(path.join(dir, 'main.tf'), f.main, fsys);
      writeFileAtomic(path.join(dir, 'README.md'), f.readme, fsys);
    }
    for (const e of fsys.readdirSync(abs).sort()) {
      const dir = path.join(abs, e);
      if (stacks.includes(e) || e.startsWith('.') || !fsys.lstatSync(dir).isDirectory()) continue;
      const state = STATE.filter((s) => fsys.existsSync(path.join(dir, s)));
      options.warn?.(
        `${dir}/ belongs to no stack of this config any more; left in place` +
          (state.length > 0
            ? ` (it holds Terraform state: ${state.join(', ')}; run terraform destroy there, or move the state, before removing it)`
            : ' (no Terraform state in it; remove it when done)'),
      );
    }
    return stacks;
  } finally {
    try {
      fsys.rmSync(work, { recursive: true, force: true });
    } catch {
      // removed by the next run
    }
  }
}
