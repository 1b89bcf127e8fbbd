/** A real fs whose chosen calls fail the way the kernel would (an errno error with code, syscall and path). */
import * as fs from 'fs';
import type { OutputFs } from '../../modules/output';

export type Call = { method: string; args: unknown[] };

function errnoError(code: string, syscall: string, file: unknown, dest?: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${syscall} '${String(file)}'`), {
    code,
    syscall,
    path: String(file),
    ...(typeof dest === 'string' ? { dest } : {}),
  });
}

const SYSCALLS: Record<string, string> = {
  mkdtempSync: 'mkdtemp',
  mkdirSync: 'mkdir',
  writeFileSync: 'open',
  renameSync: 'rename',
  rmSync: 'rm',
  chmodSync: 'chmod',
  readdirSync: 'scandir',
  openSync: 'open',
  readFileSync: 'open',
};

/** Fails the first call for which `when` holds (or every such call with `always`), with `code`. */
export function faultyFs(
  when: (c: Call) => boolean,
  code: string,
  always = false,
): OutputFs & typeof fs & { failed: Call[] } {
  const failed: Call[] = [];
  return new Proxy(fs, {
    get(target, prop) {
      if (prop === 'failed') return failed;
      const real = (target as unknown as Record<string | symbol, unknown>)[prop];
      if (typeof real !== 'function') return real;
      return (...args: unknown[]) => {
        const call = { method: String(prop), args };
        if ((always || failed.length === 0) && when(call)) {
          failed.push(call);
          throw errnoError(code, SYSCALLS[call.method] ?? call.method, args[0], args[1]);
        }
        return (real as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as OutputFs & typeof fs & { failed: Call[] };
}

/** Every file under `dir` with its content (relative paths), to compare whole outputs. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d).sort()) {
      const p = `${d}/${e}`;
      if (fs.lstatSync(p).isDirectory()) walk(p, `${rel}${e}/`);
      else out[`${rel}${e}`] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}
