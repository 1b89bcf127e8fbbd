/**
 * The part of an app's synthesized output that some constructs made (by cdktf's
 * metadata path), with what it needs to be read: the providers, the terraform
 * block, remote state and cdktf's cross-stack outputs. Verify proves one share at
 * a time; an app holds several, and resources of its own.
 */
import { tfName } from '../naming';
import type { Stacks } from './terraform';

type Block = Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>;

/**
 * `outputPrefix`: the ProducerSide's prefix; outputs starting with it are kept (the outputs carry no construct
 * path), those verify reads for accounts not managed here and an existing key among them.
 */
export function scopeStacks(stacks: Stacks, constructPaths: readonly string[], outputPrefix?: string): Stacks {
  const prefix = outputPrefix === undefined ? undefined : `${tfName(outputPrefix)}_`;
  const ours = (body: { '//'?: { metadata?: { path?: string } } }) =>
    constructPaths.some((p) => body['//']?.metadata?.path?.startsWith(`${p}/`));
  const keep = (block: Block | undefined, all: (type: string) => boolean) => {
    const out: Block = {};
    for (const [type, byName] of Object.entries(block ?? {})) {
      const kept = Object.fromEntries(Object.entries(byName).filter(([, body]) => all(type) || ours(body)));
      if (Object.keys(kept).length) out[type] = kept;
    }
    return out;
  };
  const scoped: Stacks = {};
  for (const [name, json] of Object.entries(stacks)) {
    const j = json as Record<string, unknown>;
    scoped[name] = {
      ...json,
      resource: keep(j.resource as Block, () => false),
      data: keep(j.data as Block, (type) => type === 'terraform_remote_state'),
      output: Object.fromEntries(
        Object.entries((j.output ?? {}) as Record<string, unknown>).filter(
          ([k]) => k.startsWith('cross-stack-output-') || (prefix !== undefined && k.startsWith(prefix)),
        ),
      ),
    } as Stacks[string];
  }
  return scoped;
}
