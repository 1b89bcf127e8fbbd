/**
 * A stack's folder as Terraform reads it: Terraform loads every `*.tf` and
 * `*.tf.json` there and merges `*_override.tf(.json)` over them, so a file
 * beside `cdk.tf.json` can change what is applied without verify reading it.
 * Only synth's file and Terraform's own working files are accepted; anything
 * else is refused, by name.
 */
import * as path from 'path';

/** What `terraform init`, `plan` and `apply` leave in the folder, none of which changes what is applied. */
const WORKING = new Set([
  '.terraform',
  '.terraform.lock.hcl',
  '.terraform.tfstate.lock.info',
  'terraform.tfstate',
  'terraform.tfstate.backup',
  'metadata.json',
]);

/** Why an entry of a stack folder is refused (undefined: it is synth's own, or Terraform's working file). */
function refusedEntry(name: string): string | undefined {
  if (name === 'cdk.tf.json' || WORKING.has(name)) return undefined;
  if (/_override\.tf(\.json)?$/.test(name) || name === 'override.tf' || name === 'override.tf.json')
    return 'an override file: Terraform merges it over cdk.tf.json';
  if (/\.tf(\.json)?$/.test(name)) return 'a Terraform file: Terraform loads it beside cdk.tf.json';
  if (/\.tfvars(\.json)?$/.test(name)) return 'a variables file: Terraform reads it';
  if (name === 'plan' || name.endsWith('.tfplan')) return 'a saved plan: it would be applied as it is, unread';
  return 'not written by synth';
}

/** The refusals of one stack folder's entries, each naming the file. */
export function folderProblems(dir: string, entries: readonly string[]): string[] {
  return entries
    .filter((e) => refusedEntry(e) !== undefined)
    .sort()
    .map((e) => `${path.join(dir, e)} is ${refusedEntry(e)}`);
}
