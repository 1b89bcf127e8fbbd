/**
 * Reports (verify's access-report.md, diff's comment and JSON) are written
 * only after the run succeeded, whole (temporary file, then rename), and only
 * where no harm can come of it: never over a file the run read (the config,
 * plan.json, a cdk.tf.json), never through a symbolic link, and never over an
 * existing file that is not a report of ours (recognized by its first line).
 */
import * as fs from 'fs';
import * as path from 'path';
import { fsStep } from '../io';
import { quoted } from '../io';
import { filesRead, readInputHead } from '../io';
import { writeFileAtomic } from './atomic';
import type { OutputFs } from './fs';
import { OutputRefused } from './guard';

export type ReportKind = 'access-report' | 'access-diff' | 'access-diff-json' | 'audit-report';

/** The first line of each kind of report; older versions' first lines are still ours. */
const REPORT_HEADERS: Record<ReportKind, { header: string; legacy: string[]; command: string }> = {
  'access-report': { header: '<!-- access-report -->', legacy: ['# Access report'], command: 'npm run verify' },
  'access-diff': { header: '<!-- access-diff -->', legacy: [], command: 'npm run diff' },
  'access-diff-json': { header: '{', legacy: [], command: 'npm run diff -- --json' },
  'audit-report': { header: '<!-- audit-report -->', legacy: [], command: 'npm run audit' },
};
// A JSON report is ours when its first field says so (JSON has no header line of its own).
const JSON_TOOL = '{\n  "tool": "cross-account-s3 access diff",';

function firstLineIsOurs(head: string, kind: ReportKind): boolean {
  if (kind === 'access-diff-json') return head.startsWith(JSON_TOOL);
  const first = head.split('\n')[0];
  const k = REPORT_HEADERS[kind];
  return first === k.header || k.legacy.includes(first);
}

const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);

function realOf(file: string, fsys: OutputFs): string {
  try {
    return fsys.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Refuses a report path that names an input, a link, a non-file, or a file that is not a report of this kind. */
export function checkReportPath(file: string, kind: ReportKind, inputs: readonly string[], fsys: OutputFs = fs): void {
  const abs = path.resolve(file);
  const refuse = (reason: string): never => {
    throw new OutputRefused(abs, reason);
  };
  const read = [...inputs.map((f) => path.resolve(f)), ...filesRead()];
  const real = realOf(abs, fsys);
  if (read.some((f) => same(f, abs) || same(f, real)))
    refuse('it is a file this run reads (the config or the output it verifies); name another file for the report');
  const dir = path.dirname(abs);
  if (fsys.existsSync(dir) && fsys.lstatSync(dir).isSymbolicLink())
    refuse(`its folder ${dir} is a symbolic link (to ${quoted(fsys.readlinkSync(dir))}); name the folder itself`);
  let stat: fs.Stats;
  try {
    stat = fsys.lstatSync(abs);
  } catch {
    return; // absent: written new
  }
  if (stat.isSymbolicLink())
    refuse(`it is a symbolic link (to ${quoted(fsys.readlinkSync(abs))}); name the file itself`);
  if (!stat.isFile()) refuse('it is not a regular file');
  const head = readInputHead(abs, { maxBytes: 256, what: 'a report', fs: fsys }).toString('utf8');
  if (!firstLineIsOurs(head, kind))
    refuse(
      `it exists and is not a report of \`${REPORT_HEADERS[kind].command}\` (its first line is not ` +
        `${kind === 'access-diff-json' ? JSON_TOOL.replace('\n', ' ') : REPORT_HEADERS[kind].header}); ` +
        'name a new file, or remove it yourself',
    );
}

/** Removes an earlier report of ours at `file` (so that it cannot outlive a failure of this run); refuses as above. */
export function clearReport(file: string, kind: ReportKind, inputs: readonly string[], fsys: OutputFs = fs): void {
  checkReportPath(file, kind, inputs, fsys);
  if (fsys.existsSync(file)) fsStep('remove the previous report', file, () => fsys.rmSync(file, { force: true }));
}

/** Writes a report after the checks above (done again: the run may have read more files since). */
export function writeReport(
  file: string,
  kind: ReportKind,
  content: string,
  inputs: readonly string[],
  fsys: OutputFs = fs,
): void {
  checkReportPath(file, kind, inputs, fsys);
  if (!firstLineIsOurs(content, kind)) throw new Error(`a ${kind} must start with its header line`);
  const dir = path.dirname(path.resolve(file));
  fsStep('create the folder', dir, () => fsys.mkdirSync(dir, { recursive: true }));
  writeFileAtomic(file, content, fsys);
}
