/** Diff helpers: configs edited from a raw one, each side synthesized in memory and verified once. */
import { Config, parseConfig } from '../../modules/config';
import { AccessFacts, accessOf, compare, FactChange, Output } from '../../modules/diff';
import { pathText, roleName } from '../../modules/diff/text';
import type { Limits } from '../../modules/policy';
import { Output as Synthesized, outputOf } from './verify';

/** One side of a diff, from a config synthesized in memory. */
export const sideOf = (config: Config, out: Synthesized): Output => ({
  config,
  stacks: out.stacks,
  routes: out.routes ?? [],
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit raw configs freely
export type Raw = any;

/** A deep copy of `raw`, edited. */
export const edited = (raw: Raw, edit: (c: Raw) => void): Raw => {
  const copy = JSON.parse(JSON.stringify(raw));
  edit(copy);
  return copy;
};

export async function access(raw: Raw, limits?: Limits): Promise<AccessFacts> {
  const config = parseConfig(raw);
  return accessOf(sideOf(config, outputOf(config, limits)));
}

export async function diffOf(base: Raw | AccessFacts, current: Raw, limits?: Limits) {
  const b = 'facts' in base ? (base as AccessFacts) : await access(base);
  return compare(b, await access(current, limits));
}

/** "RoleName | path | workflow | target", sorted: what a test asserts. */
export const lines = (fs: FactChange[]) =>
  fs.map((f) => `${roleName(f.principal)} | ${pathText(f.path)} | ${f.workflow} | ${f.target}`).sort();
