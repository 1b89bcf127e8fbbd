/**
 * `npm run diff -- <base> [<current>]`: what the change from a base to the
 * current config (CROSS_ACCOUNT_CONFIG, else ./cross-account.json) grants and
 * revokes. Each side is a git revision, a config file or a synthesized folder;
 * configs are synthesized into a temporary folder. Prints a summary, writes
 * access-diff.md into the output folder (nothing else there), exits 1 on an
 * error, and with --fail-on-new-access on anything the base did not have.
 */
// First: it defers modules of cdktf and zod a synth never uses (modules/cli/lazy-modules.ts).
import '../cli';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Io, processIo, runAsync } from '../cli';
import { ConfigError, configFileFromEnv } from '../config';
import { computePlan, PolicySizeError } from '../plan';
import { clearReport, writeReport } from '../output';
import { synthesize } from '../stacks';
import { DiffError, diffOutputs, obtain, SideSpec, specOf, Synthesize } from '.';
import { consoleReport, jsonReport, markdownReport, newAccessLines } from './report';
import { diffBuckets, isManySide, obtainBuckets } from './buckets';

const USAGE = `usage: npm run diff -- <base> [<current>] [options]
  <base>, <current>   a git revision (HEAD~1, origin/main: the config file at that revision),
                      <rev>:<file>, a config file, or a synthesized folder (with plan.json);
                      <current> defaults to the config file (CROSS_ACCOUNT_CONFIG, else ./cross-account.json)
  --fail-on-new-access  exit 1 when anything is gained that the base did not have
  --format text|json|markdown   what goes to standard output (default text)
  --json <file>         also write the JSON form to <file>
  --markdown <file>     where the pull-request comment goes (default <output folder>/access-diff.md)
  --base-config <file>, --current-config <file>   the config of a synthesized folder, if not the one its plan.json names
  --lenient-base        a base today's rules refuse (a rule tightened since) is evaluated anyway, where only
                        rules refuse it: each rule it breaks is named as a warning`;

interface Options {
  sides: string[];
  failOnNewAccess: boolean;
  format: 'text' | 'json' | 'markdown';
  json?: string;
  markdown?: string;
  baseConfig?: string;
  currentConfig?: string;
  lenientBase: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { sides: [], failOnNewAccess: false, format: 'text', lenientBase: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new DiffError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--fail-on-new-access') o.failOnNewAccess = true;
    else if (a === '--lenient-base') o.lenientBase = true;
    else if (a === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'markdown')
        throw new DiffError(`--format ${f}: text, json or markdown`);
      o.format = f;
    } else if (a === '--json') o.json = value();
    else if (a === '--markdown') o.markdown = value();
    else if (a === '--base-config') o.baseConfig = value();
    else if (a === '--current-config') o.currentConfig = value();
    else if (a.startsWith('-')) throw new DiffError(`unknown option ${a}\n${USAGE}`);
    else o.sides.push(a);
  }
  if (o.sides.length < 1 || o.sides.length > 2) throw new DiffError(`name a base to compare with\n${USAGE}`);
  return o;
}

/** The files a side names (a synthesized folder's plan.json and stacks are read strictly, and recorded, later). */
const filesOf = (spec: SideSpec): string[] =>
  spec.kind === 'file' ? [spec.file] : spec.kind === 'folder' ? [path.join(spec.dir, 'plan.json')] : [];

const withConfig = (spec: SideSpec, file?: string): SideSpec =>
  spec.kind === 'folder' && file ? { ...spec, configFile: file } : spec;

const synth: Synthesize = (config, configFile, outdir) => {
  try {
    synthesize(computePlan(config), outdir, configFile);
  } catch (e) {
    if (e instanceof PolicySizeError) throw new DiffError(`${configFile}: ${e.message}`);
    throw e;
  }
};

/** The base, and when today's rules refuse it, the way through said with the refusal. */
function baseSide(spec: SideSpec, o: Options, argv: string[], tmp: string) {
  try {
    return obtain(spec, { synthesize: synth, tmp, name: 'base', lenient: o.lenientBase });
  } catch (e) {
    if (!(e instanceof ConfigError) || o.lenientBase) throw e;
    throw new DiffError(
      `${e.message}\nThe base is refused by today's rules (a rule tightened since it was written?). To compare anyway: ` +
        `npm run diff -- ${argv.join(' ')} --lenient-base (the base is evaluated with the rules it breaks waived, ` +
        'each named as a warning); or name a folder synthesized from the base by the version that accepted it.',
    );
  }
}

async function diff(argv: string[], io: Io): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const o = parseArgs(argv);
  const configFile = configFileFromEnv();
  const baseSpec = withConfig(specOf(o.sides[0], configFile), o.baseConfig);
  const currentSpec = withConfig(
    o.sides[1] ? specOf(o.sides[1], configFile) : { kind: 'file', file: configFile },
    o.currentConfig,
  );
  const markdown =
    o.markdown ??
    path.join(
      currentSpec.kind === 'folder' ? currentSpec.dir : process.env.CDKTF_OUTDIR || 'cdktf.out',
      'access-diff.md',
    );
  // Refused before anything is read: a report path that is an input, a link, or a file not ours (a config, README.md).
  const inputs = [configFile, ...[baseSpec, currentSpec].flatMap(filesOf), o.baseConfig, o.currentConfig].filter(
    (f): f is string => f !== undefined,
  );
  if (o.json && path.resolve(o.json) === path.resolve(markdown))
    throw new DiffError(`--json ${o.json}: the same file as the pull-request comment`);
  // A comment of an earlier run (ours, checked) must not outlive a failure of this one.
  clearReport(markdown, 'access-diff', inputs);
  if (o.json) clearReport(o.json, 'access-diff-json', inputs);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-diff-'));
  try {
    if (isManySide(baseSpec) || isManySide(currentSpec))
      return await diffManyBuckets(o, io, { baseSpec, currentSpec, markdown, inputs, tmp });
    const base = baseSide(baseSpec, o, argv, tmp);
    for (const w of base.waived)
      process.stderr.write(
        `diff: warning: the base ${base.label} breaks a rule of today, waived (--lenient-base): ${w}\n`,
      );
    const current = obtain(currentSpec, { synthesize: synth, tmp, name: 'current' });
    const result = await diffOutputs(base.output, current.output);
    const labels = {
      base: base.waived.length
        ? `${base.label} (evaluated leniently: ${base.waived.length} rule(s) of today waived)`
        : base.label,
      current: current.label,
    };
    // Written after success, whole, and checked again against every file the run read.
    writeReport(markdown, 'access-diff', markdownReport(result, labels), inputs);
    if (o.json) writeReport(o.json, 'access-diff-json', jsonReport(result, labels), inputs);
    if (o.format === 'json') io.out(jsonReport(result, labels));
    else if (o.format === 'markdown') io.out(markdownReport(result, labels));
    else io.out(`${consoleReport(result, labels)}\n`);
    io.err(`diff: pull-request comment: ${markdown}${o.json ? `; JSON: ${o.json}` : ''}\n`);
    if (o.failOnNewAccess && result.diff.newAccess) {
      io.err(
        `diff: new access (--fail-on-new-access):\n${newAccessLines(result.diff)
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Either side of many buckets (buckets.ts): one diff per bucket, matched by bucket name; one report. */
async function diffManyBuckets(
  o: Options,
  io: Io,
  a: { baseSpec: SideSpec; currentSpec: SideSpec; markdown: string; inputs: string[]; tmp: string },
): Promise<number> {
  const base = obtainBuckets(a.baseSpec, { synthesize: synth, tmp: a.tmp, name: 'base' });
  const current = obtainBuckets(a.currentSpec, { synthesize: synth, tmp: a.tmp, name: 'current' });
  const diffs = await diffBuckets(base.buckets, current.buckets);
  const labelsOf = (bucket: string) => ({ base: `${base.label} (${bucket})`, current: `${current.label} (${bucket})` });
  const markdown = diffs
    .map((d, i) => {
      const text = markdownReport(d.result, labelsOf(d.label));
      // One comment: its marker line once, at the top.
      return i === 0 ? text : text.split('\n').slice(1).join('\n');
    })
    .join('\n');
  const json = `${JSON.stringify(
    {
      tool: 'cross-account-s3 access diff',
      buckets: diffs.map((d) => ({ bucket: d.label, ...JSON.parse(jsonReport(d.result, labelsOf(d.label))) })),
    },
    null,
    2,
  )}\n`;
  writeReport(a.markdown, 'access-diff', markdown, a.inputs);
  if (o.json) writeReport(o.json, 'access-diff-json', json, a.inputs);
  if (o.format === 'json') io.out(json);
  else if (o.format === 'markdown') io.out(markdown);
  else for (const d of diffs) io.out(`== ${d.label}\n${consoleReport(d.result, labelsOf(d.label))}\n`);
  io.err(`diff: pull-request comment: ${a.markdown}${o.json ? `; JSON: ${o.json}` : ''}\n`);
  const gained = diffs.filter((d) => d.result.diff.newAccess);
  if (o.failOnNewAccess && gained.length) {
    io.err(
      `diff: new access (--fail-on-new-access):\n${gained
        .flatMap((d) => newAccessLines(d.result.diff).map((l) => `  ${d.label}: ${l}`))
        .join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

/** The command: an exit code, and one message on any failure (a bad config names its file and every problem). */
// Entry point of scripts/run.js (by name): no import uses it.
// ts-unused-exports:disable-next-line
export function diffMain(argv: string[] = process.argv.slice(2), io: Io = processIo()): Promise<number> {
  return runAsync('diff', io, () => diff(argv, io));
}

if (require.main === module) void diffMain().then((code) => (process.exitCode = code));
