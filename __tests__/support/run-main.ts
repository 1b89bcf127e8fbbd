/**
 * Runs `main` (npm run synth) on a config written into a fresh folder; returns the exit code, stderr and what the
 * folder holds after.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './synth';

export interface MainRun {
  code: number;
  out: string;
  err: string;
  dir: string;
  /** The folder's entries after the run (the config is config.json). */
  left: string[];
}

export function tmpDir(...parts: string[]): string {
  const dir = path.join(ROOT, '.tmp', ...parts.map((p) => p.replace(/[^a-z0-9.]+/gi, '-')));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `config`: raw JSON (stringified) or the file's exact bytes/text. */
export function runMain(name: string, config: unknown, env: NodeJS.ProcessEnv = {}): MainRun {
  const dir = tmpDir('main', name);
  const file = path.join(dir, 'config.json');
  if (typeof config === 'string' || Buffer.isBuffer(config)) fs.writeFileSync(file, config);
  else fs.writeFileSync(file, JSON.stringify(config));
  return runMainOn(dir, file, env);
}

export function runMainOn(dir: string, file: string, env: NodeJS.ProcessEnv = {}): MainRun {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../../main');
  let out = '';
  let err = '';
  const code = main({
    env: { CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), ...env },
    out: (t: string) => (out += t),
    err: (t: string) => (err += t),
  });
  return { code, out, err, dir, left: fs.readdirSync(dir).sort() };
}
