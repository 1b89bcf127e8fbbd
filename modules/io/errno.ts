/** File-system error codes in plain words, for one-line messages. */
const EXPLAINED: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EBUSY: 'the file or folder is in use',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOTEMPTY: 'the folder is not empty',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  EIO: 'input/output error of the device',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EXDEV: 'cannot rename across file systems',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device or address (a socket or a device that is not there)',
};

export function explainErrno(code: string): string {
  return EXPLAINED[code] ?? 'system error';
}

/** Duck-typed: errors of Node's fs may come from another realm (jest), where instanceof Error fails. */
export function isErrno(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/** A file-system step that failed: the operation in words, the path, the code. */
export class FsError extends Error {
  constructor(
    readonly operation: string,
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot ${operation} ${path}: ${code} (${explainErrno(code)})`);
    this.name = 'FsError';
  }
}

/** Runs one file-system step; an errno error becomes an FsError naming the operation and the path. */
export function fsStep<T>(operation: string, path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (isErrno(e)) throw new FsError(operation, path, e.code);
    throw e;
  }
}

const OPERATIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  mkdtemp: 'create a temporary folder',
  rename: 'rename',
  rm: 'remove',
  rmdir: 'remove the folder',
  unlink: 'remove',
  scandir: 'list the folder',
  stat: 'inspect',
  lstat: 'inspect',
  realpath: 'resolve',
  chmod: 'change the permissions of',
  copyfile: 'copy',
};

/** An errno error raised outside fsStep, in the same words. */
export function fromErrno(e: NodeJS.ErrnoException & { code: string }): FsError {
  const operation = OPERATIONS[e.syscall ?? ''] ?? e.syscall ?? 'access';
  const dest = (e as { dest?: string }).dest;
  const target = e.path ? (dest ? `${e.path} (to ${dest})` : e.path) : '(unknown path)';
  return new FsError(operation, target, e.code);
}
