/**
 * One runner for synth, verify, handoff and diff: every failure becomes one message
 * and exit code 1, naming the file and the operation; no stack trace unless
 * DEBUG=1. Kept free of modules/verify, so that main.ts loads none of its
 * (AGPL) dependencies.
 */
import { ConfigError, configFileFromEnv } from '../config';
import type { ReadFs } from '../config';
import type { OutputFs } from '../output';
import { OutputRefused } from '../output';
import { FsError, fromErrno, isErrno } from '../io';

export type Command = 'synth' | 'verify' | 'handoff' | 'diff' | 'audit';

export interface Io {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The file system; tests pass one that fails on purpose. */
  fs?: OutputFs & ReadFs;
}

export const processIo = (): Io => ({
  env: process.env,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});

const NOTHING_WRITTEN = 'Nothing was written.';

/** The message for a failure of `command`: what failed, on which file, in words. */
export function failureMessage(command: Command, e: unknown, env: NodeJS.ProcessEnv): string {
  // diff writes its reports after success only; what it refuses it says as it is (a DiffError is its own words).
  if (e instanceof ConfigError) return command === 'diff' ? e.message : `${e.message}\n${NOTHING_WRITTEN}`;
  if (command === 'diff' && e instanceof Error && e.name === 'DiffError') return `diff: ${e.message}`;
  // By name: the runner also serves verify, which must not load the plan (and the policy generator with it).
  if (e instanceof Error && e.name === 'PolicySizeError')
    return `${configFileFromEnv(env)}: ${e.message}\n${NOTHING_WRITTEN}`;
  if (e instanceof OutputRefused) return `${command}: ${e.message}\n${NOTHING_WRITTEN}`;
  if (e instanceof FsError) return `${command}: ${e.message}`;
  if (isErrno(e)) return `${command}: ${fromErrno(e).message}`;
  const text = e instanceof Error ? e.message : String(e);
  return `${command}: ${text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')}`;
}

function report(command: Command, io: Io, e: unknown): number {
  let text = failureMessage(command, e, io.env);
  if (io.env.DEBUG === '1' && e instanceof Error && e.stack) text += `\n${e.stack}`;
  io.err(`${text}\n`);
  return 1;
}

export function run(command: Command, io: Io, body: () => number): number {
  try {
    return body();
  } catch (e) {
    return report(command, io, e);
  }
}

export async function runAsync(command: Command, io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    return report(command, io, e);
  }
}
