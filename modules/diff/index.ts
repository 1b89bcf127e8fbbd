/**
 * modules/diff: what a change of the config grants and revokes, before anyone
 * applies it — the offline CheckNoNewAccess. Both sides are verified with the
 * same engine; their allowed workflows (by principal, path, workflow and
 * prefix), the findings of the complete analysis, the routes and the bucket's
 * posture are compared. Loads no cdktf: synthesis is the caller's (cli.ts).
 */
import { verifyStacks, VerifyOptions } from '../verify';
import { AccessDiff, compare } from './compare';
import { AccessFacts, factsOf, Output } from './facts';

export { compare } from './compare';
export type { AccessDiff, ActionChange, ConsumerChange, FactChange, PostureChange } from './compare';
export { factsOf } from './facts';
export type { AccessFact, AccessFacts, FindingFact, Output } from './facts';
export { DiffError, obtain, specOf } from './sides';
export type { Side, SideSpec, Synthesize } from './sides';
export { consoleReport, jsonReport, markdownReport, summaryLine } from './report';
export type { ClientSwitch } from './switches';

/** One side's access: verified, then turned into facts. */
export async function accessOf(out: Output, o: VerifyOptions = {}): Promise<AccessFacts> {
  return factsOf(out, await verifyStacks(out.config, out.stacks, out.routes, o));
}

export interface DiffResult {
  base: AccessFacts;
  current: AccessFacts;
  diff: AccessDiff;
}

export async function diffOutputs(base: Output, current: Output, o: VerifyOptions = {}): Promise<DiffResult> {
  const b = await accessOf(base, o);
  const c = await accessOf(current, o);
  return { base: b, current: c, diff: compare(b, c) };
}
