/**
 * How a plan's stacks are rendered. The fast path (the default) writes the JSON
 * modules/emit builds from the plan, without cdktf; `CROSS_ACCOUNT_RENDER=stock`
 * renders the same plan through the library's constructs and cdktf as it ships,
 * for a user who suspects the fast path, or for a cdktf release it was not
 * checked against. A test holds both to the same bytes for every example and for
 * random configs of every feature.
 */
export type Rendering = 'fast' | 'stock';

export const RENDER_ENV = 'CROSS_ACCOUNT_RENDER';

/**
 * The rendering named by CROSS_ACCOUNT_RENDER: `stock`, else the fast path; any other value is refused. A
 * synthesis under context of cdktf.json's (feature flags the two renderings were not compared under) is cdktf's.
 */
export function renderingFromEnv(env: NodeJS.ProcessEnv = process.env): Rendering {
  const value = (env[RENDER_ENV] ?? '').trim();
  if (value !== '' && value !== 'fast' && value !== 'stock')
    throw new Error(`${RENDER_ENV} must be "stock" or "fast" (or unset), not ${JSON.stringify(value.slice(0, 40))}`);
  return value === 'stock' || contextGiven(env) ? 'stock' : 'fast';
}

/**
 * synth refuses HCL (`cdktf synth --hcl` sets SYNTH_HCL_OUTPUT): cdktf 0.21 writes these stacks' HCL wrong (the
 * terraform block's required_version as `0 = "required_version"`, policies holding `${...}` unquoted), which
 * Terraform cannot read; handoff writes HCL that it can.
 */
export function refuseHclOutput(env: NodeJS.ProcessEnv): void {
  if (hclAsked(env))
    throw new Error(
      'HCL output (cdktf synth --hcl, SYNTH_HCL_OUTPUT) is not written: cdktf 0.21 writes HCL of these stacks that ' +
        'Terraform cannot read (their required_version, policies holding ${...}). `npm run handoff` writes each ' +
        "stack's main.tf in HCL Terraform reads (docs/handoff.md); synth writes cdk.tf.json, which Terraform reads too",
    );
}

/** cdktf's own reading of SYNTH_HCL_OUTPUT (its App takes "true", its stacks "true" or "1"). */
const hclAsked = (env: NodeJS.ProcessEnv) => env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1';

/** The context the cdktf CLI passes (CDKTF_CONTEXT_JSON): anything beyond its own empty module list. */
function contextGiven(env: NodeJS.ProcessEnv): boolean {
  const text = env.CDKTF_CONTEXT_JSON;
  if (text === undefined || text.trim() === '') return false;
  try {
    const context = JSON.parse(text) as Record<string, unknown>;
    return Object.entries(context).some(
      ([k, v]) => !(k === 'cdktfRelativeModules' && Array.isArray(v) && v.length === 0),
    );
  } catch {
    // cdktf's App fails on it with its own message: the stock path says so.
    return true;
  }
}

export { writeEmitted } from './write';
