/**
 * The one strict reader of every file a command reads (the config, plan.json,
 * cdk.tf.json, markers, a report about to be replaced): a regular file only
 * (opened O_NONBLOCK so a FIFO never blocks, then fstat-checked, so a FIFO, a
 * device or a symbolic link to /dev/zero is refused before a byte is read),
 * at most `maxBytes` (nothing is read past the cap + 1 byte), valid UTF-8
 * without BOM. Every refusal is an InputFileError naming the file; a failed
 * system call is an FsError.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FsError, isErrno } from './errno';

export type ReadFs = Pick<typeof fs, 'openSync' | 'fstatSync' | 'readSync' | 'closeSync'>;

export interface ReadOptions {
  maxBytes: number;
  /** What the file is, for messages: "a config", "Terraform JSON". */
  what?: string;
  fs?: ReadFs;
}

/** A file refused: `reason` completes "<file> …". */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} ${reason}`);
    this.name = 'InputFileError';
  }
}

// Every file read in this process, resolved: an output path that is one of them is refused (modules/output/report.ts).
const read = new Set<string>();

/** Caps: a config is at most 16 MiB (modules/config/read.ts); Terraform JSON of 10,000 consumers is about 37 MB. */
export const MAX_TERRAFORM_JSON_BYTES = 256 * 1024 * 1024;
export const MAX_PLAN_JSON_BYTES = 64 * 1024 * 1024;

/** The resolved (and, when it exists, real) paths of every file read so far. */
export function filesRead(): ReadonlySet<string> {
  return read;
}

function remember(file: string): void {
  read.add(path.resolve(file));
  try {
    read.add(fs.realpathSync(file));
  } catch {
    // a fake file system in a test: the resolved path is enough
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device (like /dev/zero or a terminal)';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} bytes`;

/** At most maxBytes + 1 bytes unless `head`: enough to tell that a file is too large. */
function readCapped(file: string, o: ReadOptions, head = false): Buffer {
  const fsys = o.fs ?? fs;
  const what = o.what ?? 'this file';
  const fail = (reason: string): never => {
    throw new InputFileError(file, reason);
  };
  const errno = (op: string, e: unknown): never => {
    if (!isErrno(e)) throw e;
    throw new FsError(op, file, e.code);
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
    if (!stat.isFile()) fail(`is ${kindOf(stat)}, not a regular file: ${what} is read from a regular file only`);
    const tooLarge = () => fail(`is larger than ${size(o.maxBytes)}, the most ${what} may be`);
    if (stat.size > o.maxBytes && !head) tooLarge();
    const cap = head ? o.maxBytes : o.maxBytes + 1;
    const buf = Buffer.alloc(Math.min(stat.size + 1, cap));
    let length = 0;
    let grown = buf;
    for (;;) {
      if (length === grown.length) {
        if (length >= cap) {
          if (head) break;
          tooLarge(); // it grew while being read
        }
        const bigger = Buffer.alloc(Math.min(Math.max(grown.length * 2, 1), cap));
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
    if (!head) remember(file); // a head is read to recognize a file of ours, not as input
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
function invalidUtf8At(bytes: Uint8Array): number {
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

/** UTF-8 without BOM, else an InputFileError (invalid bytes would silently become U+FFFD). */
export function decodeUtf8(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    throw new InputFileError(file, 'starts with a byte order mark (BOM): save the file as UTF-8 without BOM');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = invalidUtf8At(bytes);
    const line = bytes.subarray(0, Math.max(at, 0)).filter((b) => b === 0x0a).length + 1;
    throw new InputFileError(
      file,
      `is not valid UTF-8 (byte ${at}, line ${line}): save it as UTF-8 text; invalid bytes would silently become U+FFFD`,
    );
  }
}

/** A file's bytes, held to the rules above (no decoding). */
export function readInputBytes(file: string, o: ReadOptions): Buffer {
  return readCapped(file, o);
}

/** A file's text, held to the rules above. */
export function readInputFile(file: string, o: ReadOptions): string {
  return decodeUtf8(file, readCapped(file, o));
}

/** At most the first `o.maxBytes` bytes of a regular file (to recognize it by its first line), never more. */
export function readInputHead(file: string, o: ReadOptions): Buffer {
  return readCapped(file, o, true);
}
