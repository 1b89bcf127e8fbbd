/** Synthesize in memory, mutate the JSON the way reviewers fear, verify. */
import { Config } from '../../modules/config';
import type { Limits } from '../../modules/policy';
import { Cell, Stacks, TfJson, verifyStacks } from '../../modules/verify';
import { load, synth } from './synth';

export function stacksOf(config: Config, limits?: Limits): Stacks {
  return Object.fromEntries(Object.entries(synth(config, limits).stacks).map(([k, v]) => [k, v.json as TfJson]));
}

/** Applies `edit` to the parsed policy attribute of one resource, in place. */
export function editPolicy(
  stacks: Stacks,
  type: string,
  name: string,
  attribute: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit policies freely, as a reviewer would by hand
  edit: (doc: { Statement: Record<string, any>[] }) => void,
): void {
  for (const json of Object.values(stacks)) {
    const r = json.resource?.[type]?.[name];
    if (!r) continue;
    const doc = JSON.parse(r[attribute] as string);
    edit(doc);
    r[attribute] = JSON.stringify(doc);
    return;
  }
  throw new Error(`no ${type}.${name}`);
}

export async function differences(config: Config, stacks: Stacks): Promise<string[]> {
  const r = await verifyStacks(config, stacks);
  return r.mismatches.map((c) => `${c.row} | ${c.target} | ${c.action} | ${c.actual ? 'allowed' : 'denied'}`);
}

/** Verifies an example once (in beforeAll) and finds its cells by row, action and target. */
export function matrixOf(file: string) {
  let cells: Cell[] = [];
  beforeAll(async () => {
    const config = load(file);
    cells = (await verifyStacks(config, stacksOf(config))).cells;
  });
  const cell = (row: string, action: string, target: string): Cell => {
    const c = cells.find((x) => x.row === row && x.action === action && x.target === target);
    if (!c) throw new Error(`no cell ${row} | ${target} | ${action}`);
    return c;
  };
  return { cell, all: () => cells };
}
