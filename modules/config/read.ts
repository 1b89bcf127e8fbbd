/**
 * Reading the config file strictly: a regular file of at most 16 MiB of UTF-8
 * (no BOM), parsed by our own JSON parser (comments allowed; duplicate and
 * prototype keys and deep nesting refused). Anything else is a ConfigError
 * naming the file; nothing is read past the cap, and no device or pipe is read.
 */
import * as fs from 'fs';
import { explainErrno, isErrno } from '../io/errno';
import { ConfigError } from './errors';
import { JsonSyntaxError, parseJson } from './json-parser';

export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export type ReadFs = Pick<typeof fs, 'openSync' | 'fstatSync' | 'readSync' | 'closeSync'>;

const fail = (file: string, message: string): never => {
  throw new ConfigError(file, [{ path: [], message }]);
};

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device (like /dev/zero or a terminal)';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** At most MAX_CONFIG_BYTES + 1 bytes: enough to tell that a file is too large. */
function readCapped(file: string, fsys: ReadFs): Buffer {
  const errno = (op: string, e: unknown): never => {
    if (!isErrno(e)) throw e;
    return fail(file, `cannot ${op} the file (${e.code}: ${explainErrno(e.code)})`);
  };
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer must not wait forever; fstat then refuses it.
    fd = fsys.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return errno('read', e);
  }
  try {
    let stat: fs.Stats;
    try {
      stat = fsys.fstatSync(fd);
    } catch (e) {
      return errno('inspect', e);
    }
    if (!stat.isFile()) fail(file, `is ${kindOf(stat)}, not a regular file: a config is read from a regular file only`);
    const tooLarge = () => fail(file, `is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, the most a config may be`);
    if (stat.size > MAX_CONFIG_BYTES) tooLarge();
    const buf = Buffer.alloc(Math.min(stat.size, MAX_CONFIG_BYTES) + 1);
    let length = 0;
    let grown = buf;
    for (;;) {
      if (length === grown.length) {
        if (length > MAX_CONFIG_BYTES) tooLarge(); // it grew while being read
        const bigger = Buffer.alloc(Math.min(grown.length * 2, MAX_CONFIG_BYTES + 1));
        grown.copy(bigger, 0, 0, length);
        grown = bigger;
      }
      let n: number;
      try {
        n = fsys.readSync(fd, grown, length, grown.length - length, null);
      } catch (e) {
        return errno('read', e);
      }
      if (n === 0) break;
      length += n;
    }
    return grown.subarray(0, length);
  } finally {
    try {
      fsys.closeSync(fd);
    } catch {
      // a failed close of a read-only descriptor loses nothing
    }
  }
}

/** The byte offset of the first invalid UTF-8 sequence, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const [n, min] =
      b < 0x80
        ? [0, 0]
        : b >= 0xc2 && b < 0xe0
          ? [1, 0x80]
          : b >= 0xe0 && b < 0xf0
            ? [2, 0x800]
            : b >= 0xf0 && b < 0xf5
              ? [3, 0x10000]
              : [-1, 0];
    if (n < 0) return i;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function decode(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    fail(file, 'starts with a byte order mark (BOM): save the file as UTF-8 without BOM');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = invalidUtf8At(bytes);
    const line = bytes.subarray(0, Math.max(at, 0)).filter((b) => b === 0x0a).length + 1;
    return fail(
      file,
      `is not valid UTF-8 (byte ${at}, line ${line}): save it as UTF-8 text; invalid bytes would silently become U+FFFD`,
    );
  }
}

/** The raw JSON value of a config file; throws ConfigError for anything but a sound file. */
export function readConfigFile(file: string, fsys: ReadFs = fs): unknown {
  return configFromBytes(file, readCapped(file, fsys));
}

/** The raw JSON value of a config's bytes from elsewhere (a git revision), held to the same rules as a file. */
export function configFromBytes(file: string, bytes: Buffer): unknown {
  if (bytes.length > MAX_CONFIG_BYTES)
    fail(file, `is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, the most a config may be`);
  const text = decode(file, bytes);
  let parsed;
  try {
    parsed = parseJson(text, { comments: true });
  } catch (e) {
    if (e instanceof JsonSyntaxError) fail(file, `not valid JSON: ${e.message}`);
    throw e;
  }
  if (parsed.problems.length > 0) throw new ConfigError(file, parsed.problems);
  return parsed.value;
}
