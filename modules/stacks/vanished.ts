/**
 * Stacks of the previous output that this synth no longer makes (an account
 * removed from the config, the `stacks` layout switched). Their resources stay
 * in AWS and in their state: nothing destroys them, so synth names each stack,
 * where its state is, and how to destroy or keep what it holds.
 *
 * Under the cdktf CLI each also gets an empty folder in the new output: the CLI
 * lists `<outdir>/stacks` before it runs the app and, after, deletes the folder
 * of every stack the new manifest lacks with `rmSync` without `force`
 * (cdktf-cli 0.21, SynthStack.synth); our swap has already removed the old
 * folder, so without this the CLI fails with ENOENT on the first run.
 */
import * as path from 'path';
import { fsStep } from '../io';
import type { OutputFs } from '../output';

export interface VanishedStack {
  name: string;
  /** Where its state is, in words. */
  state: string;
  /** How to forget that state, leaving AWS as it is. */
  forget: string;
}

/** The app is run by the cdktf CLI (`npx cdktf synth | diff | deploy`): it sets these for the app it runs. */
export function runByCdktfCli(env: NodeJS.ProcessEnv): boolean {
  return env.CDKTF_OUTDIR !== undefined && (env.CDKTF_CONTEXT_JSON ?? '').includes('"cdktfRelativeModules"');
}

type Backend = { local?: { path?: string }; s3?: { bucket?: string; key?: string } };
type Cloud = { organization?: string; workspaces?: { name?: string } };

/** The state of a stack, read from its previous cdk.tf.json (that config's backend, whatever this one says). */
function stateOf(stackDir: string, tf: { backend?: Backend; cloud?: Cloud } | undefined) {
  const local = tf?.backend?.local?.path;
  if (local) {
    const file = path.relative(process.cwd(), path.resolve(stackDir, local)) || local;
    return { state: `local file ${file}`, forget: `delete ${file}` };
  }
  const s3 = tf?.backend?.s3;
  if (s3?.bucket && s3.key) {
    const url = `s3://${s3.bucket}/${s3.key}`;
    return { state: url, forget: `aws s3 rm ${url}` };
  }
  const cloud = tf?.cloud;
  if (cloud?.workspaces?.name) {
    const ws = `Terraform Cloud workspace ${cloud.workspaces.name} (organization ${cloud.organization ?? '?'})`;
    return { state: ws, forget: `delete that workspace without destroying its resources` };
  }
  return { state: 'its state', forget: 'delete its state' };
}

/** Stacks under `<outdir>/stacks` (the previous output, not yet replaced) that `stacks` no longer holds. */
export function vanishedStacks(outdir: string, stacks: readonly string[], fsys: OutputFs): VanishedStack[] {
  const dir = path.join(outdir, 'stacks');
  if (!fsys.existsSync(dir)) return [];
  const keep = new Set(stacks);
  const names = fsStep('list the folder', dir, () => fsys.readdirSync(dir)).sort();
  return names.flatMap((name) => {
    const file = path.join(dir, name, 'cdk.tf.json');
    // An empty folder is one of ours (above) the CLI did not get to delete: no stack, nothing to say.
    if (keep.has(name) || !fsys.existsSync(file)) return [];
    let tf;
    try {
      tf = (JSON.parse(fsys.readFileSync(file, 'utf8')) as { terraform?: { backend?: Backend; cloud?: Cloud } })
        .terraform;
    } catch {
      tf = undefined; // unreadable: the warning still names the stack
    }
    return [{ name, ...stateOf(path.join(dir, name), tf) }];
  });
}

/** Empty folders of the vanished stacks in the new output, for the cdktf CLI to delete (see above). */
export function leaveForCdktfCli(staging: string, vanished: readonly VanishedStack[], fsys: OutputFs): void {
  for (const v of vanished) {
    const dir = path.join(staging, 'stacks', v.name);
    fsStep('create the folder', dir, () => fsys.mkdirSync(dir, { recursive: true }));
  }
}

/** The warning for one vanished stack: what stays, and the commands to destroy or keep it. */
export function vanishedWarning(v: VanishedStack, outdir: string): string {
  return [
    `warning: stack ${v.name} was in the previous ${outdir} and is not in this one: nothing destroys its resources;` +
      ` they stay in AWS, recorded in its state (${v.state}).`,
    `  to destroy them: put back the config that made it (git stash, or the previous file), run` +
      ` \`npx cdktf destroy ${v.name}\`, then make this change again`,
    `  to keep them, no longer managed here: ${v.forget} (AWS is not touched)`,
    `  if they now belong to another stack (the \`stacks\` layout switched, or the account was renamed): move them` +
      ` into that stack's state (\`terraform state mv\`, or state pull/push for a whole stack) before applying it,` +
      ` or it creates them again and fails on what exists`,
  ].join('\n');
}
