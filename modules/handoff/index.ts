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
import { bucketStackName, type Config } from '../config';
import { PRODUCER_STACK } from '../naming';
import { fsStep } from '../io';
import { MAX_TERRAFORM_JSON_BYTES, readInputFile } from '../io';
import {
  assertNoLink,
  MARKER,
  markerText,
  prepareOutput,
  realFs,
  writeFileAtomic,
  type OutputFs,
  type Places,
} from '../output';
import { type BucketsPlan, computePlan, type Plan } from '../plan';
import { synthesize, synthesizeSharedRoles } from '../stacks';
import { toHcl } from './convert';
import { stackReadme } from './readme';
import { sharedRolesReadme } from './shared-roles';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
import { HandoffFolder, unmanagedHandoff } from './unmanaged';

export interface HandoffOptions {
  fs?: OutputFs;
  places?: Places;
  /** Told of stack folders left in place. */
  warn?: (line: string) => void;
  /** The config's file, as recorded beside the Terraform. */
  configFile?: string;
  /** A bucket of a many-buckets config: its plan, planned with the others (shared roles moved out). */
  plan?: Plan;
}

/** handoff/<this>/: the shared-roles stacks of a many-buckets config (no bucket key starts with "_"). */
export const SHARED_ROLES_HANDOFF = '_shared-roles';

const STATE = ['terraform.tfstate', 'terraform.tfstate.d', '.terraform'];

/** Writes handoff/<stack>/main.tf and README.md for every stack; returns the stacks. */
export function writeHandoff(config: Config, outdir: string, options: HandoffOptions = {}): string[] {
  return writeFolders(outdir, options, (work) => {
    const synthDir = path.join(work, 'synth');
    const plan = options.plan ?? computePlan(config);
    const configFile = options.configFile ?? 'config';
    synthesize(plan, synthDir, configFile, 'handoff', { places: options.places });
    const { stacks, jsons } = readSynthesized(synthDir);
    // The stacks that read another's state: its README asks for remote state sharing with them.
    // In a bucket of a many-buckets config, <key>-producer is read as "producer" (modules/stacks/wiring.ts).
    const stateName = (stack: string) =>
      stack === bucketStackName(config.bucketKey, PRODUCER_STACK) ? PRODUCER_STACK : stack;
    const readersOf = (stack: string) =>
      stacks.filter((_, i) => jsons[i].data?.terraform_remote_state?.[stateName(stack)] !== undefined);
    const files = stacks.map((stack, i): HandoffFolder => {
      const json = jsons[i];
      return {
        folder: stack,
        files: {
          'main.tf': toHcl(json),
          'README.md': stackReadme(plan.config, stack, json, configFile, readersOf(stack)),
        },
      };
    });
    // Accounts not managed here: what their owners apply.
    files.push(...unmanagedHandoff(plan, configFile));
    return files;
  });
}

/** Many buckets: the shared-roles stacks, in handoff/_shared-roles/<stack>/ (docs/many-buckets.md). */
export function writeSharedRolesHandoff(planned: BucketsPlan, outdir: string, options: HandoffOptions = {}): string[] {
  const { region, backend } = planned.buckets[0].plan.config;
  return writeFolders(outdir, options, (work) => {
    const synthDir = path.join(work, 'synth');
    synthesizeSharedRoles(planned.sharedRoles, { region, backend }, synthDir, 'handoff');
    const { stacks, jsons } = readSynthesized(synthDir);
    return stacks.map((stack, i) => ({
      folder: stack,
      files: {
        'main.tf': toHcl(jsons[i]),
        'README.md': sharedRolesReadme(
          planned.sharedRoles.find((s) => s.name === stack)!,
          options.configFile,
        ),
      },
    }));
  });
}

function readSynthesized(synthDir: string): { stacks: string[]; jsons: Obj[] } {
  const stacks = fs.readdirSync(path.join(synthDir, 'stacks')).sort();
  const jsons = stacks.map((stack) => {
    const file = path.join(synthDir, 'stacks', stack, 'cdk.tf.json');
    return JSON.parse(readInputFile(file, { maxBytes: MAX_TERRAFORM_JSON_BYTES, what: 'Terraform JSON' })) as Obj;
  });
  return { stacks, jsons };
}

/**
 * The folders `build` makes (in a temporary folder of its own), written into `outdir`: everything is generated
 * before the first file of the output changes.
 */
function writeFolders(outdir: string, options: HandoffOptions, build: (work: string) => HandoffFolder[]): string[] {
  const fsys = options.fs ?? realFs;
  const abs = prepareOutput(outdir, 'handoff', fsys, options.places);
  const work = fsStep('create a temporary folder in', path.dirname(abs), () =>
    fsys.mkdtempSync(path.join(path.dirname(abs), `.${path.basename(abs)}.staging-`)),
  );
  try {
    const files = build(work);
    const folders = files.map((f) => f.folder);
    // No folder or file is written through a symbolic link: all are checked before the first write, and each again.
    const targets = [MARKER, ...files.flatMap((f) => Object.keys(f.files).map((name) => path.join(f.folder, name)))];
    for (const t of targets) assertNoLink(abs, path.join(abs, t), fsys);
    fsStep('create the folder', abs, () => fsys.mkdirSync(abs, { recursive: true }));
    assertNoLink(abs, path.join(abs, MARKER), fsys);
    writeFileAtomic(path.join(abs, MARKER), markerText('handoff'), fsys);
    for (const f of files) {
      const dir = path.join(abs, f.folder);
      assertNoLink(abs, dir, fsys);
      fsStep('create the folder', dir, () => fsys.mkdirSync(dir, { recursive: true }));
      for (const [name, text] of Object.entries(f.files)) {
        assertNoLink(abs, path.join(dir, name), fsys);
        writeFileAtomic(path.join(dir, name), text, fsys);
      }
    }
    for (const e of fsys.readdirSync(abs).sort()) {
      const dir = path.join(abs, e);
      if (folders.includes(e) || e.startsWith('.') || !fsys.lstatSync(dir).isDirectory()) continue;
      const state = STATE.filter((s) => fsys.existsSync(path.join(dir, s)));
      options.warn?.(
        `${dir}/ belongs to no stack of this config any more; left in place` +
          (state.length > 0
            ? ` (it holds Terraform state: ${state.join(', ')}; run terraform destroy there, or move the state, before removing it)`
            : ' (no Terraform state in it; remove it when done)'),
      );
    }
    return folders;
  } finally {
    try {
      fsys.rmSync(work, { recursive: true, force: true });
    } catch {
      // removed by the next run
    }
  }
}
