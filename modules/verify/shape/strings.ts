/**
 * Terraform evaluates every string of its JSON as a template: `${...}` is an
 * expression and `%{...}` a directive. Synth writes only references to
 * attributes of resources of the same stack (and the producer's outputs through
 * remote state); anything else would compute a value no check here has read.
 */
import type { ShapeFinding } from './finding';

/**
 * `type.name.attribute`, `data.type.name.attribute`, a remote-state output (cdktf's cross-stack outputs carry "-"),
 * the workspace's name (cdktf's cross-stack reads in a library app), or the shared config file Terraform Cloud
 * fills for a provider alias (dynamic credentials; blocks.ts checks which).
 */
const REFERENCE =
  /^(?:var\.tfc_aws_dynamic_credentials\.aliases\["[a-z0-9_]+"\]\.shared_config_file|data\.terraform_remote_state\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_-]+|(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+|terraform\.workspace)$/;

/** Every template in `value` that is not a plain reference, with the path to it. */
export function templateProblems(value: unknown, where: string, path: string, out: ShapeFinding[]): void {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    if (problem) out.push({ where, kind: 'unexplained', message: `${path}: ${problem}` });
  } else if (Array.isArray(value)) value.forEach((v, i) => templateProblems(v, where, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k === '//') continue; // a comment: Terraform reads nothing in it
      templateProblems(k, where, `${path} key`, out);
      templateProblems(v, where, `${path}.${k}`, out);
    }
}

function problemOf(s: string): string | undefined {
  if (s.includes('%{')) return 'a template directive (%{...}): Terraform renders it to text no check here has read';
  if (s.includes('$${') || s.includes('%%{')) return 'an escaped template sequence, which synth never writes';
  for (const m of s.matchAll(/\$\{([^}]*)\}?/g)) {
    if (!m[0].endsWith('}') || !REFERENCE.test(m[1].trim()))
      return `the expression \${${m[1]}} is not a plain reference to an attribute: Terraform computes it`;
  }
  return undefined;
}
