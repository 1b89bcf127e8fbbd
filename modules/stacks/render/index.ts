/**
 * How a plan's stacks are rendered. The fast path (the default) skips cdktf
 * passes that find nothing in a plan's stacks and writes their JSON itself;
 * `CROSS_ACCOUNT_RENDER=stock` renders with cdktf as it ships, for a user who
 * suspects the fast path, or for a cdktf release it was not checked against.
 * A test holds both to the same bytes for every example.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PlanStack } from './plan-stack';
import { withoutTokenTraces } from './traces';

export type Rendering = 'fast' | 'stock';

export const RENDER_ENV = 'CROSS_ACCOUNT_RENDER';

/** The rendering named by CROSS_ACCOUNT_RENDER: `stock`, else the fast path; any other value is refused. */
export function renderingFromEnv(env: NodeJS.ProcessEnv = process.env): Rendering {
  const value = (env[RENDER_ENV] ?? '').trim();
  if (value === '' || value === 'fast') return 'fast';
  if (value === 'stock') return 'stock';
  throw new Error(`${RENDER_ENV} must be "stock" or "fast" (or unset), not ${JSON.stringify(value.slice(0, 40))}`);
}

/** A stack for one of the plan's stacks. */
export function newStack(scope: Construct, id: string, rendering: Rendering): TerraformStack {
  return rendering === 'stock' ? new TerraformStack(scope, id) : new PlanStack(scope, id);
}

/** Runs the construction and synthesis of the plan's stacks. */
export function rendered<T>(rendering: Rendering, render: () => T): T {
  return rendering === 'stock' ? render() : withoutTokenTraces(render);
}
