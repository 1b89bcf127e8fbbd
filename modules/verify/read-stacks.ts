/**
 * Reading cdktf.out for verify: a missing, unreadable or corrupt cdk.tf.json is named, with the JSON error's position;
 * a stack folder holding anything Terraform would load beside it, a stack the plan does not name, or a manifest that
 * points cdktf elsewhere is refused.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fsStep } from '../io';
import { MAX_TERRAFORM_JSON_BYTES, readInputFile, type ReadFs } from '../io';
import { formatPath } from '../config';
import { JsonSyntaxError, parseJson } from '../config';
import { checkedStack } from './stack-file';
import { folderProblems } from './stack-folder';
import type { Stacks } from './terraform';

export type StackFs = Pick<typeof fs, 'existsSync' | 'readdirSync' | 'readFileSync'> & ReadFs;

const AGAIN = 'run `npm run synth` again';

/** `expected`: the stacks synth wrote (plan.json), when known. */
export function readStacksChecked(outdir: string, fsys: StackFs = fs, expected?: readonly string[]): Stacks {
  const dir = path.join(outdir, 'stacks');
  if (!fsys.existsSync(dir)) throw new Error(`${dir} does not exist: run \`npm run synth\` first`);
  const stacks: Stacks = {};
  const names = fsStep('list the folder', dir, () => fsys.readdirSync(dir)).sort();
  if (expected && names.join('\u0000') !== [...expected].sort().join('\u0000'))
    throw new Error(
      `${dir} holds the stacks ${names.join(', ') || 'none'}, synth wrote ${[...expected].sort().join(', ')}: ${AGAIN}`,
    );
  checkManifest(outdir, names, fsys);
  for (const name of names) {
    const folder = path.join(dir, name);
    const problems = folderProblems(
      folder,
      fsStep('list the folder', folder, () => fsys.readdirSync(folder)),
    );
    if (problems.length) throw new Error(`${problems.join('; ')}: verify reads only what synth writes. ${AGAIN}`);
    const file = path.join(folder, 'cdk.tf.json');
    if (!fsys.existsSync(file)) throw new Error(`${file} is missing: ${AGAIN}`);
    const text = readInputFile(file, { maxBytes: MAX_TERRAFORM_JSON_BYTES, what: 'Terraform JSON', fs: fsys });
    let parsed;
    try {
      parsed = parseJson(text, { comments: false, maxDepth: 256 });
    } catch (e) {
      if (e instanceof JsonSyntaxError)
        throw new Error(`${file} is not valid JSON (${e.message}): ${AGAIN}`, { cause: e });
      throw e;
    }
    const [problem] = parsed.problems;
    if (problem) throw new Error(`${file}: ${formatPath(problem.path)}: ${problem.message}: ${AGAIN}`);
    stacks[name] = checkedStack(file, parsed.value);
  }
  if (Object.keys(stacks).length === 0) throw new Error(`no stacks/*/cdk.tf.json under ${outdir}: ${AGAIN}`);
  return stacks;
}

/** cdktf deploys what manifest.json points to: each stack in its own folder, as synth wrote it. */
function checkManifest(outdir: string, names: readonly string[], fsys: StackFs): void {
  const file = path.join(outdir, 'manifest.json');
  if (!fsys.existsSync(file)) return; // not written by a library app's test synth, nor needed by Terraform
  let manifest: { stacks?: Record<string, Record<string, unknown>> };
  try {
    manifest = JSON.parse(fsStep('read', file, () => String(fsys.readFileSync(file, 'utf8'))));
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}): ${AGAIN}`, { cause: e });
  }
  const stacks = manifest?.stacks ?? {};
  const listed = Object.keys(stacks).sort();
  if (listed.join('\u0000') !== names.join('\u0000'))
    throw new Error(
      `${file} lists the stacks ${listed.join(', ') || 'none'}, the folder holds ${names.join(', ')}: ${AGAIN}`,
    );
  for (const n of names) {
    const s = stacks[n];
    if (s.name !== n || s.workingDirectory !== `stacks/${n}` || s.synthesizedStackPath !== `stacks/${n}/cdk.tf.json`)
      throw new Error(`${file}: stack ${n} points cdktf to ${String(s.workingDirectory)}, not stacks/${n}: ${AGAIN}`);
  }
}
