/**
 * For the hostile-input tests: the commands run in this process (synth, verify, handoff) or as a child with a timeout
 * (diff, which reads git from its working folder), and a fingerprint of a folder tree that follows no link, to show
 * that nothing outside our output changed.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Io } from '../../modules/cli/run';
import { handoffMain } from '../../modules/handoff/cli';
import { verifyMain } from '../../modules/verify/cli';
import { ROOT } from './synth';

export interface Run {
  code: number;
  out: string;
  err: string;
}

function io(env: NodeJS.ProcessEnv): { io: Io; result: () => Omit<Run, 'code'> } {
  let out = '';
  let err = '';
  return { io: { env, out: (t) => (out += t), err: (t) => (err += t) }, result: () => ({ out, err }) };
}

export function synthIn(env: NodeJS.ProcessEnv): Run {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../../main') as { main: (io: Io) => number };
  const r = io(env);
  return { code: main(r.io), ...r.result() };
}

export function handoffIn(env: NodeJS.ProcessEnv): Run {
  const r = io(env);
  return { code: handoffMain(r.io), ...r.result() };
}

export async function verifyIn(env: NodeJS.ProcessEnv): Promise<Run> {
  const r = io(env);
  return { code: await verifyMain(r.io), ...r.result() };
}

/** `npm run diff -- …` in `cwd`, killed after `timeoutMs` (a hang shows as code null). */
export function diffIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Run {
  const { CROSS_ACCOUNT_CONFIG: _c, CDKTF_OUTDIR: _o, ...rest } = process.env;
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/ts-node'),
    ['--swc', path.join(ROOT, 'modules/diff/cli.ts'), ...args],
    { cwd, encoding: 'utf8', env: { ...rest, CHECKPOINT_DISABLE: '1', ...env }, timeout: timeoutMs },
  );
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Every entry under `dir` (links not followed): a file by its bytes' hash, a link by its target, a FIFO as such. */
export function treeOf(dir: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = path.join(rel, e);
      if (skip(r)) continue;
      const abs = path.join(dir, r);
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) out[r] = `link ${fs.readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[r] = 'folder';
        walk(r);
      } else if (st.isFile()) out[r] = `file ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`;
      else out[r] = 'special';
    }
  };
  walk('');
  return out;
}
