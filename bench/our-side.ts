/**
 * This project's side of the benchmark, and the only bench file that knows the project: it
 * calls `parseConfig` (modules/config) and `synthesize` (modules/stacks) in-process, and the
 * `synth` and `verify` scripts of package.json as commands. Everything it measures afterwards
 * comes from the Terraform JSON written, not from internals: an API change is an edit here only.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as ConfigModule from '../modules/config';
import type * as PlanModule from '../modules/plan';
import type * as StacksModule from '../modules/stacks';
import { ROOT } from './paths';

const root = ROOT;

/** The project, loaded on first use (the orchestrator never loads it). */
function project() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseConfig } = require('../modules/config') as typeof ConfigModule;
  const { computePlan } = require('../modules/plan') as typeof PlanModule;
  const { synthesize } = require('../modules/stacks') as typeof StacksModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { parseConfig, computePlan, synthesize };
}

/** In-process: parse + plan + synthesize into `outdir`, as `npm run synth` does after reading the file. */
export function loadOurs(): (raw: unknown, outdir: string) => void {
  const { parseConfig, computePlan, synthesize } = project();
  return (raw, outdir) => {
    synthesize(computePlan(parseConfig(raw)), outdir, 'bench.json');
  };
}

export interface Command {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * `npm run synth` / `npm run verify` on a config file, into / from `outdir`. Compiled (`npm run bench`):
 * node on the bench's own tsc build of the project (.tmp/bench-build), the same JavaScript `npm run synth`
 * runs from dist/, so that an edit of the sources during a run changes nothing measured; from the sources:
 * the script of package.json run by sh, as npm runs it, without npm's own start-up.
 */
export function ourCommand(script: 'synth' | 'verify', configFile: string, outdir: string): Command {
  const env = { CROSS_ACCOUNT_CONFIG: configFile, CDKTF_OUTDIR: outdir };
  if (path.extname(__filename) === '.js') {
    const entry = script === 'synth' ? ['main.js'] : ['modules', 'verify', 'cli.js'];
    return { command: process.execPath, args: [path.join(__dirname, '..', ...entry)], cwd: root, env };
  }
  const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  return {
    command: 'sh',
    args: ['-c', scripts[script]],
    cwd: root,
    env: { PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`, ...env },
  };
}

export interface OurMeasure {
  resources: number;
  dataSources: number;
  outputs: number;
  /** Minified, Terraform references replaced by an ARN of the length they become. */
  bucketPolicyBytes: number;
  keyPolicyBytes: number;
  /** Direct consumers moved to access points: access points beyond the access-point consumers configured. */
  moved: number;
  /** The synthesized Terraform JSON files (what the floor rewrites). */
  files: string[];
}

type TfJson = {
  resource?: Record<string, Record<string, { policy?: string }>>;
  data?: Record<string, Record<string, unknown>>;
  output?: Record<string, unknown>;
};

/** Counts and sizes from the Terraform JSON in `outdir` (outside any timing). */
export function measureOurs(outdir: string, raw: unknown): OurMeasure {
  const config = raw as { region: string; producer: { accountId: string }; consumers: { method?: string }[] };
  const keyArn = `arn:aws:kms:${config.region}:${config.producer.accountId}:key/00000000-0000-4000-8000-000000000000`;
  const stacks = path.join(outdir, 'stacks');
  const m: OurMeasure = {
    resources: 0,
    dataSources: 0,
    outputs: 0,
    bucketPolicyBytes: 0,
    keyPolicyBytes: 0,
    moved: 0,
    files: [],
  };
  let accessPoints = 0;
  const count = (o: Record<string, Record<string, unknown>> = {}) =>
    Object.values(o).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const size = (policy = '') => Buffer.byteLength(policy.replace(/\$\{[^}]*\}/g, keyArn));
  for (const s of fs.readdirSync(stacks)) {
    const file = path.join(stacks, s, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    m.files.push(file);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as TfJson;
    m.resources += count(json.resource);
    m.dataSources += count(json.data);
    m.outputs += Object.keys(json.output ?? {}).length;
    for (const p of Object.values(json.resource?.aws_s3_bucket_policy ?? {})) m.bucketPolicyBytes += size(p.policy);
    for (const k of Object.values(json.resource?.aws_kms_key ?? {})) m.keyPolicyBytes += size(k.policy);
    accessPoints += Object.keys(json.resource?.aws_s3_access_point ?? {}).length;
  }
  m.moved = accessPoints - config.consumers.filter((c) => c.method === 'access-point').length;
  return m;
}
