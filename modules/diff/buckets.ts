/**
 * A diff where either side is a many-buckets config (docs/many-buckets.md): each side read bucket by bucket (a
 * one-bucket side is one bucket), buckets matched by their bucket name, and each pair diffed as a one-bucket diff;
 * a bucket on one side only is all gained, or all lost. Synthesized folders of many buckets are not read here:
 * name the config, or a git revision.
 */
import * as path from 'path';
import { isManyBuckets, parseBuckets, readConfigFile } from '../config';
import { readPlan, readStacks } from '../verify';
import type { Output } from './facts';
import type { AccessFacts } from './facts';
import { compare } from './compare';
import { accessOf, DiffResult } from '.';
import { DiffError, inCwdOf, labelOf, obtain, rawAtRevision, SideSpec, Synthesize } from './sides';

export interface BucketOutput {
  /** Its key in a many-buckets config; absent: a one-bucket config. */
  key?: string;
  output: Output;
}

/** One side, as outputs by bucket name (in the config's order). */
export function obtainBuckets(
  spec: SideSpec,
  o: { synthesize: Synthesize; tmp: string; name: string; cwd?: string },
): { label: string; buckets: Map<string, BucketOutput> } {
  const cwd = o.cwd ?? process.cwd();
  const label = labelOf(spec);
  const source = spec.kind === 'git' ? `${spec.rev}:${spec.file}` : spec.kind === 'file' ? spec.file : spec.dir;
  if (spec.kind === 'folder')
    throw new DiffError(
      `${spec.dir}: a folder is compared with a one-bucket config only; with buckets, name the config file or a git revision`,
    );
  const raw = spec.kind === 'git' ? rawAtRevision(spec.rev, spec.file, cwd) : readConfigFile(inCwdOf(cwd, spec.file));
  const buckets = new Map<string, BucketOutput>();
  if (!isManyBuckets(raw)) {
    const side = obtain(spec, { ...o, cwd });
    buckets.set(side.output.config.producer.bucket.name, { output: side.output });
    return { label, buckets };
  }
  for (const b of parseBuckets(raw, source).buckets) {
    const outdir = path.join(o.tmp, o.name, b.key);
    o.synthesize(b.config, source, outdir);
    const plan = readPlan(outdir, b.config, source);
    buckets.set(b.config.producer.bucket.name, {
      key: b.key,
      output: { config: b.config, stacks: readStacks(outdir), routes: plan.routes },
    });
  }
  return { label, buckets };
}

/** The facts of a bucket that a side does not have: nothing allowed, nothing found. */
const nothing = (bucket: string): AccessFacts => ({
  bucket,
  facts: [],
  findings: [],
  accepted: [],
  posture: [],
  consumers: [],
  verify: { ok: true, findings: 0, mismatches: 0, lint: 0, workflows: 0 },
});

export interface BucketDiff {
  bucket: string;
  /** "buckets.<key>" on the side(s) that have it, or the bucket name. */
  label: string;
  result: DiffResult;
}

/** Every bucket of either side: the current side's order, then the buckets only the base has. */
export async function diffBuckets(
  base: Map<string, BucketOutput>,
  current: Map<string, BucketOutput>,
): Promise<BucketDiff[]> {
  const names = [...current.keys(), ...[...base.keys()].filter((n) => !current.has(n))];
  const out: BucketDiff[] = [];
  for (const name of names) {
    const b = base.get(name);
    const c = current.get(name);
    const bf = b ? await accessOf(b.output) : nothing(name);
    const cf = c ? await accessOf(c.output) : nothing(name);
    const key = c?.key ?? b?.key;
    const label = `${key ? `buckets.${key}: ` : ''}${name}${!b ? ' (added)' : !c ? ' (removed)' : ''}`;
    out.push({ bucket: name, label, result: { base: bf, current: cf, diff: compare(bf, cf) } });
  }
  return out;
}

/** Whether a side is a config of the many-buckets form (a folder never is, here). */
export function isManySide(spec: SideSpec, cwd = process.cwd()): boolean {
  if (spec.kind === 'folder') return false;
  return isManyBuckets(
    spec.kind === 'git' ? rawAtRevision(spec.rev, spec.file, cwd) : readConfigFile(inCwdOf(cwd, spec.file)),
  );
}
