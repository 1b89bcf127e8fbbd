/**
 * modules/verify/shape: what Terraform would apply beside the policies, read
 * against an allow-list of everything synth writes. The policies' statements are
 * the analysis's; here, every block, resource type, attribute and meta-argument
 * is either explained by the config, or a finding naming its address.
 */
import type { Config } from '../../config';
import type { Intent } from '../intent';
import type { Located, Stacks } from '../terraform';
import { blockProblems, OutputOf } from './blocks';
import { bucketSpecs } from './expected';
import type { ShapeFinding } from './finding';
import { resourceProblems } from './resources';
import { templateProblems } from './strings';

export type { OutputOf } from './blocks';
export type { ShapeFinding } from './finding';
export { bucketSpecs } from './expected';
export type { BucketSpec } from './expected';

export interface ShapeInput {
  config: Config;
  intent: Intent;
  stacks: Stacks;
  resources: readonly Located[];
  keyArn?: string;
  resolveText(text: string, where: string): string;
  of: OutputOf;
}

const deepResolve = (resolveText: ShapeInput['resolveText']) => {
  const go = (v: unknown, where: string): unknown => {
    if (typeof v === 'string') return resolveText(v, where);
    if (Array.isArray(v)) return v.map((x) => go(x, where));
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x, where)]));
    return v;
  };
  return go;
};

/** Remote-state data sources: no provider, so not among the located resources, but read like them. */
function remoteStates(stacks: Stacks): Located[] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries(json.data?.terraform_remote_state ?? {}).map(([name, body]) => ({
      stack,
      type: 'data.terraform_remote_state',
      name,
      body,
      account: '',
      region: '',
      partition: '',
    })),
  );
}

export function checkShape(input: ShapeInput): ShapeFinding[] {
  const out: ShapeFinding[] = [];
  for (const [stack, json] of Object.entries(input.stacks)) {
    out.push(...blockProblems(input.config, stack, json, input.of));
    for (const [k, v] of Object.entries(json)) if (k !== '//') templateProblems(v, `${stack}:${k}`, k, out);
  }
  out.push(
    ...resourceProblems(
      {
        config: input.config,
        intent: input.intent,
        specs: bucketSpecs(input.config, input.keyArn),
        resolve: deepResolve(input.resolveText),
        of: input.of,
        keyArn: input.keyArn,
      },
      [...input.resources, ...remoteStates(input.stacks)],
    ),
  );
  return out;
}
