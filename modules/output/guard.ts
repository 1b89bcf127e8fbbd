/**
 * Where output may go: never the filesystem root, the home folder, the
 * project folder (cwd) or any folder above it, never through a symbolic link,
 * and only into a folder that is absent, empty, or ours (see marker.ts).
 * `CDKTF_OUTDIR=$PWD` must not delete the project.
 */
import * as os from 'os';
import * as path from 'path';
import { fsStep } from '../io';
import type { OutputFs } from './fs';
import { MARKER, markedKind, OutputKind } from './marker';

export class OutputRefused extends Error {
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`refusing to write into ${target}: ${reason}`);
    this.name = 'OutputRefused';
  }
}

export interface Places {
  cwd: string;
  home: string;
}

const here = (): Places => ({ cwd: process.cwd(), home: os.homedir() });

/** The real path of `target`, resolving symbolic links in its existing part. */
function realTarget(abs: string, fsys: OutputFs): string {
  const missing: string[] = [];
  let at = abs;
  for (;;) {
    if (fsys.existsSync(at)) return path.join(fsys.realpathSync(at), ...missing);
    const up = path.dirname(at);
    if (up === at) return abs;
    missing.unshift(path.basename(at));
    at = up;
  }
}

/** Refuses places that output must never replace, whatever they hold. */
export function checkLocation(target: string, fsys: OutputFs, places: Places = here()): void {
  const abs = path.resolve(target);
  const real = realTarget(abs, fsys);
  const refuse = (reason: string): never => {
    throw new OutputRefused(abs, reason);
  };
  if (real === path.parse(real).root) refuse('it is the root of the file system');
  const cwd = realTarget(path.resolve(places.cwd), fsys);
  if (real === cwd || cwd.startsWith(real + path.sep))
    refuse('it is the current (project) folder or a folder above it; name a folder of its own, like cdktf.out');
  if (places.home && real === realTarget(path.resolve(places.home), fsys)) refuse('it is the home folder');
  if (fsys.existsSync(abs) && fsys.lstatSync(abs).isSymbolicLink())
    refuse(`it is a symbolic link (to ${real}); name the folder itself`);
}

// cdktf's own output (and what verify adds to it): a cdktf.out of an earlier
// version, written before the marker existed, is accepted once as ours; the
// run that replaces it writes the marker.
const CDKTF_ENTRIES = new Set(['manifest.json', 'stacks', 'access-report.md', 'access-diff.md', 'plan.json']);

function legacyOutput(abs: string, kind: OutputKind, entries: string[], fsys: OutputFs): boolean {
  if (kind === 'synth') return entries.includes('manifest.json') && entries.every((e) => CDKTF_ENTRIES.has(e));
  // handoff/ of an earlier version: one folder per stack, each with our main.tf.
  return entries.every((e) => {
    const dir = path.join(abs, e);
    return fsys.lstatSync(dir).isDirectory() && fsys.existsSync(path.join(dir, 'main.tf'));
  });
}

/** Refuses an existing target that is not a folder of ours. */
export function checkContents(target: string, kind: OutputKind, fsys: OutputFs): void {
  const abs = path.resolve(target);
  if (!fsys.existsSync(abs)) return;
  if (!fsys.lstatSync(abs).isDirectory()) throw new OutputRefused(abs, 'it is a file, not a folder');
  const entries = listFolder(abs, fsys);
  if (entries.length === 0) return;
  const marked = markedKind(abs, fsys);
  if (marked === kind) return;
  if (marked) throw new OutputRefused(abs, `it holds the output of \`npm run ${marked}\`, not of \`npm run ${kind}\``);
  if (!entries.includes(MARKER) && legacyOutput(abs, kind, entries, fsys)) return;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
  throw new OutputRefused(
    abs,
    `it holds files this project did not write (${shown}); name an empty or new folder, or remove it yourself`,
  );
}

export function listFolder(dir: string, fsys: OutputFs): string[] {
  return fsStep('list the folder', dir, () => fsys.readdirSync(dir)).sort();
}
