/** Synthesize in memory, mutate the JSON the way reviewers fear, verify. */
import { Config } from '../../modules/config';
import type { Limits } from '../../modules/policy';
import { Cell, Stacks, TfJson, verifyStacks } from '../../modules/verify';
import { load, synth } from './synth';

export interface Output {
  stacks: Stacks;
  routes: Parameters<typeof verifyStacks>[2];
}

export function outputOf(config: Config, limits?: Limits): Output {
  const s = synth(config, limits);
  return {
    stacks: Object.fromEntries(Object.entries(s.stacks).map(([k, v]) => [k, v.json as TfJson])),
    routes: s.plan.routes,
  };
}

export const stacksOf = (config: Config, limits?: Limits): Stacks => outputOf(config, limits).stacks;

/** Applies `edit` to the parsed policy attribute of one resource, in place. */
export function editPolicy(
  stacks: Stacks,
  type: string,
  name: string,
  attribute: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit policies freely, as a reviewer would
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

/** "kind where Sid" of every finding, and "row | workflow | scope | passes/fails" of every cell that differs. */
export async function problemsOf(
  config: Config,
  out: Output,
): Promise<{ findings: string[]; differ: string[]; ok: boolean }> {
  const r = await verifyStacks(config, out.stacks, out.routes);
  return {
    findings: r.findings.map((f) => `${f.kind} ${f.where} ${f.sid}`),
    differ: r.mismatches.map((c) => `${c.row} | ${c.workflow} | ${c.scope} | ${c.actual ? 'passes' : 'fails'}`),
    ok: r.ok,
  };
}

/** Verifies an example once (in beforeAll) and finds its cells by row, workflow and scope. */
export function matrixOf(file: string) {
  let cells: Cell[] = [];
  beforeAll(async () => {
    const config = load(file);
    const out = outputOf(config);
    cells = (await verifyStacks(config, out.stacks, out.routes)).cells;
  });
  const cell = (row: string, workflow: string, scope: string): Cell => {
    const c = cells.find((x) => x.row === row && x.workflow === workflow && x.scope === scope);
    if (!c)
      throw new Error(
        `no cell ${row} | ${workflow} | ${scope}; rows: ${[...new Set(cells.map((x) => x.row))].join('; ')}`,
      );
    return c;
  };
  return { cell, all: () => cells };
}
