/**
 * Replacing an output folder so that at every instant either the old or the
 * new output is complete on disk: build in a staging folder beside the target,
 * rename the old output aside, rename the new one in, then delete the old.
 * A run killed in between leaves hidden `.<name>.staging-*` / `.<name>.aside-*`
 * folders (git-ignored); the next run removes them, and restores the aside
 * folder first when the target is missing.
 */
import * as path from 'path';
import { fsStep } from '../io';
import { realFs, type OutputFs } from './fs';
import { checkContents, checkLocation, listFolder, Places } from './guard';
import { MARKER, markerText, OutputKind } from './marker';
import { assertNoLink } from './no-links';

const stagingPrefix = (base: string) => `.${base}.staging-`;
const asidePrefix = (base: string) => `.${base}.aside-`;

/** Leftovers of a killed run beside `abs`: staging folders go; an aside folder comes back if the target is missing. */
export function recoverLeftovers(abs: string, fsys: OutputFs): void {
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  if (!fsys.existsSync(parent)) return;
  const entries = listFolder(parent, fsys);
  for (const e of entries.filter((x) => x.startsWith(stagingPrefix(base)))) {
    const dir = path.join(parent, e);
    fsStep('remove the leftover staging folder', dir, () => fsys.rmSync(dir, { recursive: true, force: true }));
  }
  const asides = entries
    .filter((x) => x.startsWith(asidePrefix(base)))
    .map((e) => path.join(parent, e))
    .map((dir) => {
      // Restored as the output, a link would make every later write go through it.
      if (fsys.lstatSync(dir).isSymbolicLink()) assertNoLink(parent, dir, fsys);
      return dir;
    })
    .sort((a, b) => fsys.lstatSync(b).mtimeMs - fsys.lstatSync(a).mtimeMs);
  if (asides.length > 0 && !fsys.existsSync(abs)) {
    const newest = asides.shift()!;
    fsStep('restore the previous output to', `${abs} (from ${newest})`, () => fsys.renameSync(newest, abs));
  }
  for (const dir of asides)
    fsStep('remove the leftover previous output', dir, () => fsys.rmSync(dir, { recursive: true, force: true }));
}

/** Checks the place, clears leftovers, and refuses a target that is not ours. */
export function prepareOutput(target: string, kind: OutputKind, fsys: OutputFs, places?: Places): string {
  const abs = path.resolve(target);
  checkLocation(abs, fsys, places);
  const parent = path.dirname(abs);
  fsStep('create the folder', parent, () => fsys.mkdirSync(parent, { recursive: true }));
  recoverLeftovers(abs, fsys);
  checkContents(abs, kind, fsys);
  return abs;
}

export interface ReplaceOptions {
  fs?: OutputFs;
  places?: Places;
}

/** Builds a new output with `build(stagingFolder)` and swaps it in for `target`. */
export function replaceOutput(
  target: string,
  kind: OutputKind,
  build: (staging: string) => void,
  options: ReplaceOptions = {},
): void {
  const fsys = options.fs ?? realFs;
  const abs = prepareOutput(target, kind, fsys, options.places);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  const staging = fsStep('create a staging folder in', parent, () =>
    fsys.mkdtempSync(path.join(parent, stagingPrefix(base))),
  );
  try {
    build(staging);
    const marker = path.join(staging, MARKER);
    fsStep('write', marker, () => fsys.writeFileSync(marker, markerText(kind)));
    let aside: string | undefined;
    if (fsys.existsSync(abs)) {
      aside = `${path.join(parent, asidePrefix(base))}${path.basename(staging).slice(stagingPrefix(base).length)}`;
      fsStep('move aside the previous output', `${abs} (to ${aside})`, () => fsys.renameSync(abs, aside!));
    }
    try {
      fsStep('move the new output into place at', `${abs} (from ${staging})`, () => fsys.renameSync(staging, abs));
    } catch (e) {
      if (aside) fsys.renameSync(aside, abs); // put the previous output back; if that fails too, the next run does
      throw e;
    }
    fsStep('change the permissions of', abs, () => fsys.chmodSync(abs, 0o755)); // mkdtemp made it private
    if (aside) fsStep('remove the previous output', aside, () => fsys.rmSync(aside!, { recursive: true, force: true }));
  } finally {
    try {
      fsys.rmSync(staging, { recursive: true, force: true });
    } catch {
      // a staging folder left behind is removed by the next run
    }
  }
}
