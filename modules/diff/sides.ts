/**
 * The two sides of a diff: each a config file, a config file at a git revision
 * (read with `git show`, no checkout), or a synthesized folder (with plan.json).
 * A config is synthesized into a temporary folder by the synthesizer the caller
 * hands in (the CLI's uses cdktf; this module does not load it): nothing in the
 * working tree is touched.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  Config,
  configFromBytes,
  formatPath,
  loadConfig as loadConfigStrict,
  loadConfigLenient,
  parseConfig as parseConfigStrict,
  parseConfigLenient,
  isManyBuckets,
  readConfigFile,
} from '../config';
import type { Problem } from '../config';
import { MAX_PLAN_JSON_BYTES, readInputFile } from '../io';
import { readPlan, readStacks, StaleOutputError } from '../verify';
import type { Output } from './facts';

/** Writes `config`'s Terraform JSON and plan.json into `outdir` (recording `configFile` as its source). */
export type Synthesize = (config: Config, configFile: string, outdir: string) => void;

export type SideSpec =
  | { kind: 'file'; file: string }
  | { kind: 'git'; rev: string; file: string }
  | { kind: 'folder'; dir: string; configFile?: string };

export interface Side {
  /** How the report names it: "cross-account.json", "cross-account.json at origin/main", "cdktf.out". */
  label: string;
  spec: SideSpec;
  output: Output;
  /** With `lenient`: the rules of today its config breaks, as "<field>: <rule>" (empty: none). */
  waived: string[];
}

/** A config read strictly (today's rules), or leniently: the rules it breaks waived and returned. */
type Read = { config: Config; waived: Problem[] };

/** A side of the many-buckets form: read by buckets.ts, bucket by bucket. */
class ManyBucketsSide extends Error {}

/** A refusal with one message (the CLI prints it and exits 1). */
export class DiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffError';
  }
}

/** A path as the user wrote it when relative to the working folder (messages name it so), else resolved. */
const inCwd = (cwd: string, file: string) => (cwd === process.cwd() ? file : path.resolve(cwd, file));

const git = (args: string[], cwd: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

function isRevision(rev: string, cwd: string): boolean {
  if (rev === '' || rev.startsWith('-')) return false;
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/**
 * What an argument names: an existing folder (a synthesized output), an existing
 * file (a config), `<rev>:<file>`, or a git revision (of `configFile`).
 */
export function specOf(arg: string, configFile: string, cwd = process.cwd()): SideSpec {
  const at = path.resolve(cwd, arg);
  if (fs.existsSync(at)) {
    if (fs.statSync(at).isDirectory()) return { kind: 'folder', dir: arg };
    return { kind: 'file', file: arg };
  }
  const colon = arg.indexOf(':');
  if (colon > 0 && isRevision(arg.slice(0, colon), cwd))
    return { kind: 'git', rev: arg.slice(0, colon), file: arg.slice(colon + 1) };
  if (isRevision(arg, cwd)) return { kind: 'git', rev: arg, file: configFile };
  throw new DiffError(`${arg} is neither a config file, a synthesized folder, nor a git revision (git rev-parse)`);
}

export const inCwdOf = (cwd: string, file: string) => inCwd(cwd, file);

export const labelOf = (spec: SideSpec) =>
  spec.kind === 'git' ? `${spec.file} at ${spec.rev}` : spec.kind === 'file' ? spec.file : spec.dir;

/** The config file at a revision, as git stores it: its raw JSON, held to the rules of a config file. */
export function rawAtRevision(rev: string, file: string, cwd = process.cwd()): unknown {
  const source = `${rev}:${file}`;
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['show', '--end-of-options', `${rev}:./${relative}`], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    const why = String((e as { stderr?: string }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')[0];
    throw new DiffError(`cannot read ${file} at ${rev}: ${why.replace(/^fatal: /, '')}`);
  }
  return configFromBytes(source, bytes);
}

/** The config file at a revision, parsed and checked as `<rev>:<file>`. */
function configAtRevision(rev: string, file: string, cwd = process.cwd(), lenient = false): Read {
  const source = `${rev}:${file}`;
  const raw = rawAtRevision(rev, file, cwd);
  if (isManyBuckets(raw)) throw new ManyBucketsSide();
  return lenient ? parseConfigLenient(raw, source) : { config: parseConfigStrict(raw, source), waived: [] };
}

function readFolder(
  dir: string,
  configFile: string | undefined,
  cwd: string,
  lenient: boolean,
): Read & { output: Output } {
  const planFile = path.join(dir, 'plan.json');
  if (!fs.existsSync(path.resolve(cwd, planFile)))
    throw new DiffError(`${dir} has no plan.json: name a folder \`npm run synth\` wrote (CDKTF_OUTDIR)`);
  let recorded: unknown;
  try {
    const text = readInputFile(path.resolve(cwd, planFile), { maxBytes: MAX_PLAN_JSON_BYTES, what: 'plan.json' });
    recorded = (JSON.parse(text) as { configFile?: unknown } | null)?.configFile;
  } catch (e) {
    throw new DiffError(`${planFile} is not valid JSON (${(e as Error).message})`);
  }
  if (typeof recorded !== 'string' && configFile === undefined)
    throw new DiffError(
      `${planFile}: configFile: must be a string: name the folder's config with --base-config <file>`,
    );
  const file = configFile ?? (recorded as string);
  const { config, waived } = load(inCwd(cwd, file), lenient);
  try {
    const plan = readPlan(inCwd(cwd, dir), config, inCwd(cwd, file));
    return { config, waived, output: { config, stacks: readStacks(inCwd(cwd, dir)), routes: plan.routes } };
  } catch (e) {
    if (e instanceof StaleOutputError)
      throw new DiffError(
        `${dir} was not synthesized from ${file} as it is now: name its config with --base-config <file>, or synthesize it again`,
      );
    throw e;
  }
}

const load = (file: string, lenient: boolean): Read => {
  if (isManyBuckets(readConfigFile(file))) throw new ManyBucketsSide();
  return lenient ? loadConfigLenient(file) : { config: loadConfigStrict(file), waived: [] };
};

const said = (waived: Problem[]) => waived.map((p) => `${formatPath(p.path)}: ${p.message}`);

/**
 * Reads or synthesizes one side; `tmp` is a folder of the caller's that it removes afterwards. `lenient`: a config
 * today's rules refuse is read anyway where only rules refuse it, the rules named in `waived`.
 */
export function obtain(
  spec: SideSpec,
  o: { synthesize: Synthesize; tmp: string; name: string; cwd?: string; lenient?: boolean },
): Side {
  const cwd = o.cwd ?? process.cwd();
  const lenient = o.lenient ?? false;
  const label = labelOf(spec);
  if (spec.kind === 'folder') {
    const r = readFolder(spec.dir, spec.configFile, cwd, lenient);
    return { label, spec, output: r.output, waived: said(r.waived) };
  }
  const { config, waived } =
    spec.kind === 'git' ? configAtRevision(spec.rev, spec.file, cwd, lenient) : load(inCwd(cwd, spec.file), lenient);
  const outdir = path.join(o.tmp, o.name);
  o.synthesize(config, spec.kind === 'git' ? `${spec.rev}:${spec.file}` : spec.file, outdir);
  const plan = readPlan(outdir, config, spec.kind === 'git' ? `${spec.rev}:${spec.file}` : spec.file);
  return { label, spec, output: { config, stacks: readStacks(outdir), routes: plan.routes }, waived: said(waived) };
}
