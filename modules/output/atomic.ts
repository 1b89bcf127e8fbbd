/** A file replaced whole or not at all: written to a hidden temporary file beside it, then renamed over it. */
import { randomBytes } from 'crypto';
import * as path from 'path';
import { fsStep } from '../io';
import type { OutputFs } from './fs';

const tmpPrefix = (file: string) => `.${path.basename(file)}.tmp-`;

export function writeFileAtomic(file: string, content: string, fsys: OutputFs): void {
  const dir = path.dirname(file);
  // Temporary files of a killed run.
  for (const e of fsStep('list the folder', dir, () => fsys.readdirSync(dir))) {
    if (e.startsWith(tmpPrefix(file))) {
      const old = path.join(dir, e);
      fsStep('remove the leftover temporary file', old, () => fsys.rmSync(old, { force: true }));
    }
  }
  const tmp = path.join(dir, `${tmpPrefix(file)}${randomBytes(6).toString('hex')}`);
  try {
    fsStep('write', tmp, () => fsys.writeFileSync(tmp, content));
    fsStep('replace', `${file} (from ${tmp})`, () => fsys.renameSync(tmp, file));
  } catch (e) {
    try {
      fsys.rmSync(tmp, { force: true });
    } catch {
      // removed by the next run
    }
    throw e;
  }
}
